/** The model-health issue: opened on the first pass, its body replaced on every later one. */
import { describeError } from "../core/errors.js";
import { duplicateComment, healthLabels } from "../core/github-conventions.js";
import { oldestOpen } from "./monitor-act.js";
import type { ActionOutcome } from "../core/monitor/report.js";
import type { MonitorDeps } from "./monitor-deps.js";

/**
 * Opens the model-health issue (`number` undefined) or updates issue `number` with the rendered title
 * and body. On a dry run, or without Scm, writes health.md under `deps.out` instead ("planned").
 * Never throws: a failed call adds a warning and returns a "failed" outcome.
 */
export async function upsertHealth(deps: MonitorDeps, number: number | undefined, h: { title: string; body: string; marker: string }, dryRun: boolean, warnings: string[]): Promise<ActionOutcome> {
  const base = { kind: number === undefined ? "open-issue" : "update-issue", target: "model-health" } as const;
  const summary = number === undefined ? `open the "${h.title}" issue` : `update the "${h.title}" issue #${number}`;
  if (dryRun || !deps.scm) {
    if (deps.out) await deps.out.write("health.md", `# ${h.title}\n\n${h.body}\n`);
    return { ...base, summary, status: "planned", ...(deps.out ? { file: "health.md" } : {}) };
  }
  try {
    if (number === undefined) {
      // another run may have opened it since this one looked: update that one; keep the older of two
      const already = await oldestOpen(deps.scm, h.marker);
      if (already) {
        await deps.scm.updateIssue(already.number, { title: h.title, body: h.body });
        return { ...base, summary, status: "done", url: already.url };
      }
      const issue = await deps.scm.createIssue({ title: h.title, body: h.body, labels: healthLabels(), assignees: [] });
      const oldest = await oldestOpen(deps.scm, h.marker);
      if (oldest && oldest.number < issue.number) {
        await deps.scm.comment(issue.number, duplicateComment(oldest));
        await deps.scm.updateIssue(issue.number, { state: "closed" });
        await deps.scm.updateIssue(oldest.number, { title: h.title, body: h.body });
        return { ...base, summary, status: "done", url: oldest.url };
      }
      return { ...base, summary, status: "done", url: issue.url };
    }
    await deps.scm.updateIssue(number, { title: h.title, body: h.body });
    return { ...base, summary, status: "done" };
  } catch (err) {
    const error = describeError(err);
    warnings.push(`model-health issue: ${error}`);
    return { ...base, summary, status: "failed", error };
  }
}

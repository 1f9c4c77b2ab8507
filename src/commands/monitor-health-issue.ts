/** The model-health issue: opened on the first pass, its body replaced on every later one. */
import { describeError } from "../core/errors.js";
import { healthLabels } from "../core/github-conventions.js";
import type { ActionOutcome } from "../core/monitor/report.js";
import type { MonitorDeps } from "./monitor-deps.js";

/**
 * Opens the model-health issue (`number` undefined) or updates issue `number` with the rendered title
 * and body. On a dry run, or without Scm, writes health.md under `deps.out` instead ("planned").
 * Never throws: a failed call adds a warning and returns a "failed" outcome.
 */
export async function upsertHealth(deps: MonitorDeps, number: number | undefined, h: { title: string; body: string }, dryRun: boolean, warnings: string[]): Promise<ActionOutcome> {
  const base = { kind: number === undefined ? "open-issue" : "update-issue", target: "model-health" } as const;
  const summary = number === undefined ? `open the "${h.title}" issue` : `update the "${h.title}" issue #${number}`;
  if (dryRun || !deps.scm) {
    if (deps.out) await deps.out.write("health.md", `# ${h.title}\n\n${h.body}\n`);
    return { ...base, summary, status: "planned", ...(deps.out ? { file: "health.md" } : {}) };
  }
  try {
    if (number === undefined) {
      const issue = await deps.scm.createIssue({ title: h.title, body: h.body, labels: healthLabels(), assignees: [] });
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

/** Configuration drift issues: where the live MLflow/SageMaker state differs from git. */
import { describeError } from "../core/errors.js";
import { driftIssues } from "../core/monitor/config-drift.js";
import type { ActionOutcome } from "../core/monitor/report.js";
import type { TargetPlan } from "../core/plan/types.js";
import type { MonitorDeps } from "./monitor-deps.js";

/**
 * Configuration drift: one issue per target whose live state differs from git; its comment is kept current.
 * `live` is what the read phase got from `deps.livePlans`. Returns one outcome per drifted target handled,
 * in driftIssues order. On a dry run, or without Scm, writes issues/<key>.md under `deps.out` instead
 * ("planned"). Never throws: failures add warnings (a failed target gets no outcome; live plans that
 * could not be read end the check with no outcomes).
 */
export async function reportDrift(deps: MonitorDeps, live: { plans: TargetPlan[] } | { error: string }, dryRun: boolean, warnings: string[]): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = [];
  if ("error" in live) {
    warnings.push(`configuration drift not checked: ${live.error}`);
    return outcomes;
  }
  const { plans } = live;
  for (const d of driftIssues(plans)) {
    const summary = `report configuration drift of ${d.key.slice("drift/".length)}`;
    try {
      if (dryRun || !deps.scm) {
        if (deps.out) await deps.out.write(`issues/${d.key.replace("/", "__")}.md`, `# ${d.title}\n\n${d.body}\n`);
        outcomes.push({ kind: "open-issue", target: d.key, summary, status: "planned" });
        continue;
      }
      const existing = await deps.scm.findIssue(d.marker);
      if (existing?.state === "open") {
        await deps.scm.upsertComment(existing.number, `<!-- steward:drift-latest -->`, d.body.replace(d.marker, ""));
        outcomes.push({ kind: "comment-issue", target: d.key, summary, status: "done", url: existing.url });
      } else {
        const issue = await deps.scm.createIssue({ title: d.title, body: d.body, labels: d.labels, assignees: [] });
        outcomes.push({ kind: "open-issue", target: d.key, summary, status: "done", url: issue.url });
      }
    } catch (err) {
      warnings.push(`${summary}: ${describeError(err)}`);
    }
  }
  return outcomes;
}

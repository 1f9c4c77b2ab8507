import { configDriftLabels, configDriftMarker, configDriftTitle } from "../github-conventions.js";
import { realChanges, type TargetPlan } from "../plan/types.js";
import { mdTable, mdText } from "./markdown.js";

/** An issue reporting that live state differs from git. */
export interface DriftIssue {
  /** `drift/<target>`: one issue per target, updated in place. */
  key: string;
  marker: string;
  title: string;
  body: string;
  labels: string[];
}

/**
 * Configuration drift as issues: for each target whose plan has steps (live MLflow aliases or SageMaker
 * endpoint configs differ from the repository), one issue listing every difference. The monitor
 * never applies these steps: a person merges a change or runs `steward apply`. Targets in sync give
 * nothing. Feed it the plans of `steward plan` (the TargetReconciler.plan of each target).
 */
export function driftIssues(plans: TargetPlan[]): DriftIssue[] {
  return plans
    // Bookkeeping (steward's own tags missing or stale) is not drift: nothing that serves differs.
    .map((p) => ({ ...p, steps: realChanges(p.steps) }))
    .filter((p) => p.steps.length > 0)
    .map((p) => {
      const key = `drift/${p.target}`;
      const marker = configDriftMarker(p.target);
      const rows = p.steps.map((s) => [mdText(s.resource), mdText(s.action), mdText(s.summary)]);
      const body = [
        marker,
        `## ${p.target}: live state differs from git`,
        "",
        `${p.steps.length} difference(s) between the repository and live ${p.target}. model-steward does not overwrite live state from a schedule: merge a change that says what you want, or run \`steward apply\`.`,
        "",
        mdTable(["resource", "would do", "what differs"], rows),
        ...(p.notes.length ? ["", "Notes:", ...p.notes.map((n) => `- ${mdText(n)}`)] : []),
      ].join("\n");
      return { key, marker, title: configDriftTitle(p.target), body, labels: configDriftLabels() };
    });
}

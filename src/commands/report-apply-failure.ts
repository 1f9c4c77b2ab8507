/**
 * After `steward apply` on main: a failed run opens (or updates and reopens) one GitHub issue with
 * the error and the plan, because nobody watches a post-merge job; the next successful run
 * comments and closes it. The issue is found again by a hidden marker, so there is never a second one.
 */
import { renderPlanMarkdown, mdText, type TargetReport } from "../core/plan/render-plan.js";
import { formatFinding, type Finding } from "../core/result.js";
import type { IssueRef, Logger, Scm } from "../ports.js";

import { APPLY_FAILURE_MARKER, APPLY_FAILURE_TITLE, LABELS } from "../core/github-conventions.js";

export { APPLY_FAILURE_MARKER, APPLY_FAILURE_TITLE };
export const APPLY_FAILURE_LABEL = LABELS.applyFailed;

export interface ApplyRunSummary {
  /** Repository errors that kept apply from running at all. */
  findings: Finding[];
  reports: TargetReport[];
  commit?: string;
  /** Link to the workflow run (GITHUB_SERVER_URL/GITHUB_REPOSITORY/actions/runs/GITHUB_RUN_ID). */
  runUrl?: string;
  now: Date;
}

/** True when the run needs a person: repository errors, or a target that failed. */
export function applyFailed(run: ApplyRunSummary): boolean {
  return run.findings.some((f) => f.severity === "error") || run.reports.some((r) => r.status === "failed");
}

const fence = (text: string) => `\`\`\`text\n${text.replace(/```/g, "'''")}\n\`\`\``;

/** The issue body: what failed, where, and the plan with each step's outcome. Everything from outside is escaped. */
export function applyFailureBody(run: ApplyRunSummary): string {
  const errors = run.findings.filter((f) => f.severity === "error");
  const failed = run.reports.filter((r) => r.status === "failed");
  const lines = [
    APPLY_FAILURE_MARKER,
    `\`steward apply\` failed${run.commit ? ` at commit ${mdText(run.commit)}` : ""} on ${run.now.toISOString()}.${run.runUrl ? ` [Workflow run](${encodeURI(run.runUrl)})` : ""}`,
    "",
    "Apply stops a target at its first failed step and is safe to re-run: it plans again from live state and resumes where this run stopped. Fix the cause (below), then re-run the workflow or merge the fix.",
    "",
  ];
  if (errors.length) lines.push("### Repository errors (nothing was applied)", "", fence(errors.map((f) => formatFinding(f)).join("\n")), "");
  for (const r of failed) lines.push(`### ${mdText(r.target)}`, "", fence(r.reason ?? "failed"), "");
  if (run.reports.length) lines.push(renderPlanMarkdown(run.reports, { title: "Plan and outcomes" }));
  return `${lines.join("\n").trimEnd()}\n`;
}

export type ApplyFailureAction = "opened" | "updated" | "reopened" | "closed" | "none";

/**
 * Opens, updates or closes the apply-failure issue for `run`. Never throws for GitHub errors: the
 * apply's own result matters more; a failure to report is logged as a warning and returned as "none".
 */
export async function reportApplyFailure(deps: { scm: Scm; logger: Logger }, run: ApplyRunSummary): Promise<ApplyFailureAction> {
  try {
    const existing = await deps.scm.findIssue(APPLY_FAILURE_MARKER);
    if (!applyFailed(run)) return await closeIfOpen(deps, existing, run);
    const body = applyFailureBody(run);
    const short = `Failed again${run.commit ? ` at ${mdText(run.commit)}` : ""}: ${mdText(firstError(run))}${run.runUrl ? ` ([run](${encodeURI(run.runUrl)}))` : ""}`;
    if (!existing) {
      const issue = await deps.scm.createIssue({ title: APPLY_FAILURE_TITLE, body, labels: [APPLY_FAILURE_LABEL], assignees: [] });
      deps.logger.warn(`apply failed; opened ${issue.url}`);
      return "opened";
    }
    await deps.scm.updateIssue(existing.number, { body, ...(existing.state === "closed" ? { state: "open" as const } : {}) });
    await deps.scm.comment(existing.number, short);
    deps.logger.warn(`apply failed; updated ${existing.url}`);
    return existing.state === "closed" ? "reopened" : "updated";
  } catch (err) {
    deps.logger.warn(`could not report the apply failure on GitHub: ${err instanceof Error ? err.message : String(err)}`);
    return "none";
  }
}

async function closeIfOpen(deps: { scm: Scm; logger: Logger }, existing: IssueRef | undefined, run: ApplyRunSummary): Promise<ApplyFailureAction> {
  if (!existing || existing.state !== "open") return "none";
  await deps.scm.comment(existing.number, `\`steward apply\` succeeded${run.commit ? ` at ${mdText(run.commit)}` : ""}${run.runUrl ? ` ([run](${encodeURI(run.runUrl)}))` : ""}; closing.`);
  await deps.scm.updateIssue(existing.number, { state: "closed" });
  deps.logger.info(`apply succeeded; closed ${existing.url}`);
  return "closed";
}

function firstError(run: ApplyRunSummary): string {
  const f = run.findings.find((x) => x.severity === "error");
  if (f) return formatFinding(f);
  const r = run.reports.find((x) => x.status === "failed");
  return `${r?.target ?? "apply"}: ${r?.reason ?? "failed"}`;
}

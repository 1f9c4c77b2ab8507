/**
 * What a monitor run amounts to, as an exit status and one line in words (the first line of every
 * summary). Pure: computed from the run's coverage and the outcomes of its actions.
 *
 * - 2 "blind": a check the policy asks for could not be read (credentials, region, endpoint,
 *   throttling past the retry budget, an unreadable baseline); or "could not act": an action the
 *   rules asked for was refused or could not be sent (GitHub or EventBridge, after retries).
 * - 1 "findings": every check was read, every action completed, and there are findings (coverage
 *   gaps no-data and stale included); they were acted on.
 * - 0 "ok": every check was read and passed, and every intended action completed.
 */
import type { CoverageOutcome, CoverageRow } from "./coverage.js";
import type { ActionOutcome } from "./report.js";
import type { MonitorFinding } from "./types.js";

export type RunOutcome = "ok" | "findings" | "blind" | "could-not-act" | "blind-and-could-not-act";

export interface RunStatus {
  outcome: RunOutcome;
  exitCode: 0 | 1 | 2;
  /** One line in words; the first line of the text report and of the job summary. */
  headline: string;
  /** Checks by outcome. */
  coverage: Record<CoverageOutcome, number>;
  /** Actions the API refused or that could not be sent. */
  failedActions: number;
}

/** The run's status from its coverage, findings and action outcomes. */
export function runStatus(input: { coverage: readonly CoverageRow[]; findings: readonly MonitorFinding[]; actions: readonly ActionOutcome[]; dryRun: boolean }): RunStatus {
  const counts: Record<CoverageOutcome, number> = { ok: 0, finding: 0, "no-data": 0, stale: 0, unreadable: 0 };
  for (const r of input.coverage) counts[r.outcome]++;
  const total = input.coverage.length;
  const failed = input.actions.filter((a) => a.status === "failed");
  // a split that may be completed is good news, not a finding to act on
  const findings = input.findings.filter((f) => f.kind !== "variant" || f.variant?.decision === "end-split");
  const blind = counts.unreadable > 0;
  const stuck = failed.length > 0;
  const tally = `${total} check${total === 1 ? "" : "s"}: ${(["ok", "finding", "no-data", "stale", "unreadable"] as const).map((k) => `${counts[k]} ${k}`).join(", ")}`;
  const firstError = (rows: readonly { detail?: string; error?: string }[]) => {
    const e = rows.map((r) => r.error ?? r.detail).find((x) => x !== undefined);
    return e ? ` (first: ${e.length > 200 ? `${e.slice(0, 200)}…` : e})` : "";
  };
  const blindText = `${counts.unreadable} of ${total} checks could not be read${firstError(input.coverage.filter((r) => r.outcome === "unreadable"))}`;
  const actText = `${failed.length} of ${input.actions.filter((a) => a.status !== "noted").length} actions failed${firstError(failed)}`;
  if (blind && stuck) return { outcome: "blind-and-could-not-act", exitCode: 2, headline: `BLIND AND COULD NOT ACT: ${blindText}; ${actText}. The run cannot say production is fine. ${tally}.`, coverage: counts, failedActions: failed.length };
  if (blind) return { outcome: "blind", exitCode: 2, headline: `BLIND: ${blindText}. The run cannot say production is fine. ${tally}.`, coverage: counts, failedActions: 0 };
  if (stuck) return { outcome: "could-not-act", exitCode: 2, headline: `COULD NOT ACT: ${actText}; what failed is retried on the next run. ${tally}.`, coverage: counts, failedActions: failed.length };
  if (findings.length > 0) {
    const kinds = new Map<string, number>();
    for (const f of findings) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
    const what = [...kinds].map(([k, n]) => `${n} ${k}`).join(", ");
    return { outcome: "findings", exitCode: 1, headline: `FINDINGS: ${findings.length} finding${findings.length === 1 ? "" : "s"} (${what}) ${input.dryRun ? "would be acted on (dry run)" : "acted on"}. ${tally}.`, coverage: counts, failedActions: 0 };
  }
  // Nothing to check is not "every check passed": say so (a model with monitoring but no check is a no-data gap, above).
  if (total === 0) return { outcome: "ok", exitCode: 0, headline: `NOTHING TO CHECK: no model of this run has monitoring and serves a version${input.dryRun ? " (dry run)" : ""}. ${tally}.`, coverage: counts, failedActions: 0 };
  return { outcome: "ok", exitCode: 0, headline: `OK: every check was read and passed${input.dryRun ? " (dry run)" : ""}. ${tally}.`, coverage: counts, failedActions: 0 };
}

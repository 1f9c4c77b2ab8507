import type { DriftReport } from "../drift/compare-samples.js";
import type { Severity } from "../types.js";
import type { CheckStatus, ColumnHistogram, DriftRow, MonitorFinding } from "./types.js";

/** The check id (and metric name) of a model's drift finding: one incident per model, whatever the columns. */
export const DRIFT_CHECK = "drift";

/** One row per (column, test) of a compare-samples report; a skipped column gets one row with its reason. */
export function driftRows(report: DriftReport): DriftRow[] {
  return report.columns.flatMap((c): DriftRow[] =>
    c.skipped !== undefined || c.tests.length === 0
      ? [{ column: c.column, verdict: "skipped", note: c.skipped ?? "no test applies" }]
      : c.tests.map((t) => ({
          column: c.column,
          test: t.test,
          statistic: t.statistic,
          ...(t.pValue !== undefined ? { pValue: t.pValue } : {}),
          threshold: t.threshold,
          verdict: t.drift ? "drift" : "ok",
        })),
  );
}

/** Columns with a histogram in a drift finding: a wide table's report stays bounded in size. */
export const MAX_HISTOGRAMS = 40;

/**
 * The histograms of a report's tested columns, in sample order; when more than MAX_HISTOGRAMS columns
 * have one, the drifted columns are kept first, then the others in sample order.
 */
export function driftHistograms(report: DriftReport): ColumnHistogram[] {
  const withHistogram = report.columns.filter((c) => c.histogram !== undefined);
  const kept = new Set([...withHistogram.filter((c) => c.drift), ...withHistogram.filter((c) => !c.drift)].slice(0, MAX_HISTOGRAMS));
  return withHistogram.filter((c) => kept.has(c)).map((c) => ({ column: c.column, ...c.histogram! }));
}

/**
 * The drift finding of one model (kind "drift", check "drift"), or undefined when no column drifted.
 * `score` is the share of tested columns that drifted; `fired` the tests that said drift. There is
 * no series: evidence is empty and the per-column table is in `drift`.
 */
export function driftFinding(input: { model: string; baseline: string; report: DriftReport; severity: Severity }): MonitorFinding | undefined {
  const { report } = input;
  const drifted = report.columns.filter((c) => c.drift);
  if (drifted.length === 0) return undefined;
  const tested = report.columns.filter((c) => c.skipped === undefined && c.tests.length > 0).length;
  const fired = [...new Set(drifted.flatMap((c) => c.tests.filter((t) => t.drift).map((t) => t.test)))];
  const names = drifted.map((c) => `${c.column} (${c.tests.filter((t) => t.drift).map((t) => t.test).join(", ")})`);
  return {
    model: input.model,
    checkId: DRIFT_CHECK,
    metric: DRIFT_CHECK,
    kind: "drift",
    severity: input.severity,
    score: tested > 0 ? drifted.length / tested : 1,
    fired,
    sustainedPoints: 1,
    lastedSeconds: 0,
    evidence: [],
    summary: `${drifted.length} of ${tested} columns drifted from the baseline ${input.baseline}: ${names.join("; ")}`,
    drift: { baseline: input.baseline, drifted: drifted.map((c) => c.column), rows: driftRows(report), ...histograms(report) },
  };
}

/**
 * The drift check's status on this run, for recovery and the health table: "anomaly" with a finding,
 * "ok" without, "insufficient-data" with `readError` when the samples could not be compared.
 */
export function driftStatus(model: string, severity: Severity, outcome: { finding?: MonitorFinding; report?: DriftReport; error?: string }): CheckStatus {
  const base = { checkId: DRIFT_CHECK, metric: DRIFT_CHECK, severity, score: outcome.finding?.score ?? 0, fired: outcome.finding?.fired ?? [], sustainedPoints: outcome.finding ? 1 : 0, evidence: [] };
  if (outcome.error !== undefined) return { model, checkId: DRIFT_CHECK, metric: DRIFT_CHECK, readError: outcome.error, verdict: { ...base, status: "insufficient-data", summary: `not compared: ${outcome.error}` } };
  const columns = outcome.report?.columns.length ?? 0;
  const summary = outcome.finding?.summary ?? `no drift in ${columns} columns`;
  return { model, checkId: DRIFT_CHECK, metric: DRIFT_CHECK, verdict: { ...base, status: outcome.finding ? "anomaly" : "ok", summary } };
}

function histograms(report: DriftReport): { histograms?: ColumnHistogram[] } {
  const list = driftHistograms(report);
  return list.length ? { histograms: list } : {};
}

import type { Datapoint } from "../../ports.js";
import { ANOMALY_SCORE, EVIDENCE_POINTS } from "./evaluate-check.js";
import { alignSeries } from "./multivariate/align.js";
import { resolveMultivariate } from "./multivariate/registry.js";
import type { CheckVerdict, EvaluateMultiCheck } from "./types.js";
import { runLength } from "./verdict-text.js";

/**
 * Evaluates one multi-metric check (`check.metrics`, 2 or more) over one series per metric (see
 * EvaluateMultiCheck in ./types.ts). The series are aligned on the timestamps where every metric has
 * a finite point; each of the check's multivariate detectors (src/core/detect/multivariate/registry.ts)
 * scores every common timestamp causally, and a timestamp is anomalous when any of them reaches 0.5
 * (its own threshold). Status: "anomaly" when the last `sustained` common timestamps are all
 * anomalous (a gap above 1.5 periods breaks the run), else "insufficient-data" while fewer common
 * points exist than the quickest detector needs to start, else "ok". There is no "breach": a
 * multi-metric check has no absolute bound. Unknown detectors, and detectors that cannot take this
 * many metrics (correlation-break needs exactly 2; the schema rejects both), are ignored.
 * The verdict's `metric`, `evidence` and `latest` are those of the first metric (evidence: its last
 * 60 finite points, at least 2 x sustained); `evidenceScores` are the combined scores at those
 * timestamps (0 where the others have no point); `summary` names every metric. Deterministic.
 */
export const evaluateMultiCheck: EvaluateMultiCheck = (seriesByMetric, check, opts) => {
  const series = check.metrics.map((m) => seriesByMetric[m] ?? []);
  const sustained = Math.max(1, Math.floor(check.sustained || 1));
  const maxGap = 1.5 * Math.max(1, opts.periodSeconds) * 1000;
  const finite = (series[0] ?? []).filter((p) => Number.isFinite(p.value) && Number.isFinite(p.t));
  const evidence = finite.slice(-Math.max(EVIDENCE_POINTS, 2 * sustained));
  const label = `${check.id} (${check.metrics.join(", ")})`;
  const base = { checkId: check.id, metric: check.metric, severity: check.severity, evidence };
  const detectors = check.detectors
    .map((ref) => resolveMultivariate(ref))
    .filter((r): r is NonNullable<typeof r> => r !== undefined && series.length >= r.spec.arity.min && series.length <= r.spec.arity.max);
  const { times, rows } = alignSeries(series);
  const insufficient = (why: string): CheckVerdict => ({ ...base, status: "insufficient-data", score: 0, fired: [], sustainedPoints: 0, evidenceScores: evidence.map(() => 0), summary: `${label}: ${why}` });
  if (detectors.length === 0) return insufficient("no multivariate detector applies to this many metrics");
  if (times.length === 0) return insufficient("no common points");

  const scored = detectors.map((d) => d.spec.score(series, d.params));
  const flags = times.map((t, i) => {
    const score = Math.max(...scored.map((s) => s[i]?.score ?? 0));
    return { t, score, anomalous: score >= ANOMALY_SCORE };
  });
  const last = flags[flags.length - 1]!;
  const byTime = new Map(flags.map((f) => [f.t, f.score]));
  const fired = detectors.filter((_, k) => (scored[k]![times.length - 1]?.score ?? 0) >= ANOMALY_SCORE).map((d) => d.spec.name);
  const warmup = Math.min(...detectors.map((d) => d.spec.warmup(d.params, series.length)));
  const run = runLength(flags, (f) => f.anomalous, maxGap);
  const status: CheckVerdict["status"] = run.length >= sustained ? "anomaly" : flags.length < warmup ? "insufficient-data" : "ok";
  const verdict: CheckVerdict = {
    ...base,
    status,
    score: last.score,
    fired,
    sustainedPoints: run.length,
    since: run.length > 0 ? run.since : undefined,
    latest: { t: last.t, value: rows[rows.length - 1]![0]! },
    evidenceScores: evidence.map((p) => byTime.get(p.t) ?? 0),
    summary: "",
  };
  verdict.summary = summarizeMulti(label, verdict, sustained, { common: flags.length, warmup });
  return verdict;
};

function summarizeMulti(label: string, v: CheckVerdict, sustained: number, n: { common: number; warmup: number }): string {
  if (v.status === "anomaly") return `${label}: jointly anomalous for ${v.sustainedPoints} point(s), score ${v.score.toFixed(2)}, fired: ${v.fired.join(", ") || "none at the latest point"} (${v.severity})`;
  if (v.status === "insufficient-data") return `${label}: not enough common data (${n.common} of ${n.warmup} points)`;
  const note = v.sustainedPoints > 0 ? `, ${v.sustainedPoints}/${sustained} anomalous point(s) so far` : "";
  return `${label}: ok, score ${v.score.toFixed(2)}${note}`;
}

export type { Datapoint };

import type { Datapoint } from "../../ports.js";
import type { CheckVerdict } from "../detect/types.js";
import type { MetricBound } from "../types.js";
import { variantCheckId } from "./coverage.js";
import type { CheckStatus, MonitorFinding, MonitorSeries } from "./types.js";

/** The check id a series is judged under: the policy check's, or `<check>@<version>` for a per-variant check. */
export function seriesCheckId(series: MonitorSeries): string {
  return series.version !== undefined && series.perVariant ? variantCheckId(series.check.id, series.version) : series.check.id;
}

/** The latest point outside `bound`, or undefined when every point is inside (or there is no bound). */
export function lastBreach(points: Datapoint[], bound: MetricBound): number | undefined {
  if (bound.min === undefined && bound.max === undefined) return undefined;
  for (let i = points.length - 1; i >= 0; i--) {
    const v = points[i]!.value;
    if ((bound.min !== undefined && v < bound.min) || (bound.max !== undefined && v > bound.max)) return points[i]!.t;
  }
  return undefined;
}

/** The status of one check on this run, from its verdict and the series it rests on. */
export function toCheckStatus(series: MonitorSeries, verdict: CheckVerdict, points: Datapoint[], readError?: string): CheckStatus {
  const status: CheckStatus = { model: series.model, checkId: seriesCheckId(series), metric: series.check.metric, verdict };
  const breach = lastBreach(points, series.check.threshold);
  if (breach !== undefined) status.lastBreachAt = breach;
  if (readError !== undefined) status.readError = readError;
  return status;
}

/**
 * A finding for a verdict that did not pass (anomaly or breach); undefined for ok and
 * insufficient-data. The finding keeps the verdict's evidence for charts.
 */
export function toFinding(series: MonitorSeries, verdict: CheckVerdict): MonitorFinding | undefined {
  if (verdict.status !== "anomaly" && verdict.status !== "breach") return undefined;
  const periodMs = series.periodSeconds * 1000;
  const lastedMs =
    verdict.since !== undefined && verdict.latest !== undefined
      ? verdict.latest.t - verdict.since + periodMs
      : verdict.sustainedPoints * periodMs;
  const finding: MonitorFinding = {
    model: series.model,
    checkId: seriesCheckId(series),
    metric: series.check.metric,
    ...(series.version !== undefined && series.perVariant ? { version: series.version } : {}),
    ...(series.check.metrics.length > 1 ? { metrics: [...series.check.metrics] } : {}),
    kind: verdict.status === "breach" ? "threshold" : "anomaly",
    severity: verdict.severity,
    score: verdict.score,
    fired: verdict.fired,
    sustainedPoints: verdict.sustainedPoints,
    lastedSeconds: Math.max(0, Math.round(lastedMs / 1000)),
    evidence: verdict.evidence,
    summary: verdict.summary,
  };
  if (verdict.since !== undefined) finding.since = verdict.since;
  if (verdict.latest) finding.latest = verdict.latest;
  const bound = verdict.bound ?? (hasBound(series.check.threshold) ? series.check.threshold : undefined);
  if (bound) finding.bound = bound;
  return finding;
}

function hasBound(b: MetricBound): boolean {
  return b.min !== undefined || b.max !== undefined;
}

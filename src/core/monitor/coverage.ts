/**
 * Coverage as a result: every (model, check, variant) the policy asks for ends a run as exactly one of
 * ok, finding, no-data, stale or unreadable. The last three are findings of their own kind, so a run
 * that could not look is never reported as healthy. Pure.
 */
import type { Datapoint } from "../../ports.js";
import type { MonitorFinding, MonitorSeries } from "./types.js";

export type CoverageOutcome = "ok" | "finding" | "no-data" | "stale" | "unreadable";
export type CoverageKind = "no-data" | "stale" | "unreadable";
export const COVERAGE_KINDS: readonly CoverageKind[] = ["no-data", "stale", "unreadable"];

/** One (model, check, variant) of this run and how it ended. */
export interface CoverageRow {
  model: string;
  check: string;
  /** The served version, for a per-variant check of a split endpoint. */
  variant?: string;
  outcome: CoverageOutcome;
  /** Epoch ms of the newest datapoint read, if any. */
  newest?: number;
  /** One line: the read error, how old the data is, or the finding's summary. */
  detail: string;
}

/** Metric namespaces whose datapoints are known to arrive late, in seconds. */
const KNOWN_DELAY: Record<string, number> = { "AWS/SageMaker": 300 };

/** The publishing delay of a namespace's metrics, in seconds (0 when not known). */
export function knownDelay(namespace: string | undefined): number {
  return (namespace && KNOWN_DELAY[namespace]) || 0;
}

/**
 * How old (seconds) a series' newest datapoint may be: the policy's `monitoring.freshness`, else two
 * periods plus the namespace's known delay (the newest complete bucket of a period-aligned read
 * starts between one and two periods before now).
 */
export function freshnessLimit(periodSeconds: number, namespace: string | undefined, policyFreshness?: number): number {
  return policyFreshness ?? 2 * periodSeconds + knownDelay(namespace);
}

/**
 * Whether the series was read well enough to judge: undefined when it was, else the coverage kind
 * and a line saying why. A read error makes it unreadable even when some points came back (the
 * points may be incomplete).
 */
export function readCoverage(points: readonly Datapoint[], readError: string | undefined, now: number, limitSeconds: number): { kind: CoverageKind; detail: string; newest?: number } | undefined {
  const newest = points.length ? points[points.length - 1]!.t : undefined;
  if (readError !== undefined) return { kind: "unreadable", detail: `could not be read: ${readError}`, ...(newest !== undefined ? { newest } : {}) };
  if (newest === undefined) return { kind: "no-data", detail: "no datapoints in the window" };
  const age = (now - newest) / 1000;
  if (age > limitSeconds) return { kind: "stale", detail: `newest datapoint is ${formatAge(age)} old (limit ${formatAge(limitSeconds)})`, newest };
  return undefined;
}

/** The finding a coverage gap raises: its own kind, the check's severity, no evidence series. */
export function coverageFinding(series: MonitorSeries, kind: CoverageKind, detail: string, newest?: number): MonitorFinding {
  // a comparison-only variant series (not a check of its own) still names its variant
  const checkId = series.version === undefined ? series.check.id : variantCheckId(series.check.id, series.version);
  return {
    model: series.model,
    checkId,
    metric: series.check.metric,
    ...(series.check.metrics.length > 1 ? { metrics: [...series.check.metrics] } : {}),
    ...(series.version !== undefined ? { version: series.version } : {}),
    kind,
    severity: series.check.severity,
    score: 0,
    fired: [],
    sustainedPoints: 0,
    lastedSeconds: 0,
    ...(newest !== undefined ? { newest } : {}),
    evidence: [],
    summary: `${series.check.id}${series.version !== undefined ? ` (variant ${series.version})` : ""} ${detail}`,
  };
}

/** The check id of one variant's own check on a split endpoint: `latency@2026.11`. */
export function variantCheckId(checkId: string, version: string): string {
  return `${checkId}@${version}`;
}

/** The policy check id behind a (possibly per-variant) check id. */
export function baseCheckId(checkId: string): string {
  const at = checkId.indexOf("@");
  return at < 0 ? checkId : checkId.slice(0, at);
}

export function isCoverageKind(kind: string): kind is CoverageKind {
  return (COVERAGE_KINDS as readonly string[]).includes(kind);
}

/** Coverage rows, gaps first (unreadable, no-data, stale), then findings, then ok; stable otherwise. */
export function sortCoverage(rows: readonly CoverageRow[]): CoverageRow[] {
  const rank: Record<CoverageOutcome, number> = { unreadable: 0, "no-data": 1, stale: 2, finding: 3, ok: 4 };
  return rows.map((r, i) => ({ r, i })).sort((a, b) => rank[a.r.outcome] - rank[b.r.outcome] || a.i - b.i).map((x) => x.r);
}

function formatAge(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86400)}d`;
}

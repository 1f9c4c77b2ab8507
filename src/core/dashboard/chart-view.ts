import type { Datapoint } from "../../ports.js";
import type { MonitorFinding } from "../monitor/types.js";
import type { MetricBound, MonitoringCheck } from "../types.js";
import type { ChartView, MarkedPoint } from "./types.js";

export interface ChartInput {
  check: MonitoringCheck;
  /** The series read from the metric source, oldest first; undefined or [] when none was read. */
  points?: Datapoint[];
  /** Every finding of this model and check, over all reports (any order). */
  findings: MonitorFinding[];
  /** The check's status and summary on the latest run. */
  latest?: { status: string; summary: string };
}

/** True when `v` lies outside `b` (a bound that is not set never fails). */
export function outside(v: number, b: MetricBound): boolean {
  return (b.min !== undefined && v < b.min) || (b.max !== undefined && v > b.max);
}

/**
 * The chart of one monitored metric. Points are the metric source's series when there is one, else
 * the union of the findings' evidence (a later finding's value wins for the same time). Marked:
 * points outside the threshold ("breach"), and points inside a finding's anomalous run from `since`
 * to its latest point ("anomaly"). The threshold is the check's, else the latest finding's bound.
 */
export function buildChart(input: ChartInput): ChartView {
  const { check, findings } = input;
  const byTime = [...findings].sort((a, b) => (a.latest?.t ?? 0) - (b.latest?.t ?? 0));
  let points: Datapoint[];
  let source: ChartView["source"];
  if (input.points && input.points.length > 0) {
    points = input.points;
    source = "metrics";
  } else {
    const merged = new Map<number, number>();
    for (const f of byTime) for (const p of f.evidence) merged.set(p.t, p.value);
    points = [...merged].map(([t, value]) => ({ t, value })).sort((a, b) => a.t - b.t);
    source = points.length > 0 ? "evidence" : "none";
  }
  const lastBound = byTime.at(-1)?.bound;
  const threshold: MetricBound = check.threshold.min !== undefined || check.threshold.max !== undefined ? check.threshold : (lastBound ?? {});
  const runs = byTime.filter((f) => f.kind !== "variant" && f.latest).map((f) => ({ from: f.since ?? f.latest!.t, to: f.latest!.t }));
  const marked: MarkedPoint[] = [];
  for (const p of points) {
    if (outside(p.value, threshold)) marked.push({ ...p, reason: "breach" });
    else if (runs.some((r) => p.t >= r.from && p.t <= r.to)) marked.push({ ...p, reason: "anomaly" });
  }
  return {
    checkId: check.id,
    metric: check.metric,
    severity: check.severity,
    points: points.map((p) => ({ t: p.t, value: p.value })),
    threshold: { ...(threshold.min !== undefined ? { min: threshold.min } : {}), ...(threshold.max !== undefined ? { max: threshold.max } : {}) },
    marked,
    source,
    ...(input.latest ? { status: input.latest.status, summary: input.latest.summary } : {}),
  };
}

/**
 * A close-up of the marked stretch when it is lost in a long window: the points from one marked
 * stretch's length before the first marked point (at least 12 points) to the end, when that is under a
 * quarter of the chart; otherwise undefined (the full chart shows it well enough).
 */
export function zoomOnMarks(chart: ChartView): ChartView | undefined {
  const first = chart.marked[0];
  if (!first || chart.points.length < 48) return undefined;
  const i = chart.points.findIndex((p) => p.t >= first.t);
  const start = Math.max(0, i - Math.max(12, chart.points.length - i));
  if (chart.points.length - start > chart.points.length / 4) return undefined;
  const from = chart.points[start]!.t;
  const events = chart.events?.filter((e) => e.t >= from);
  return { ...chart, points: chart.points.slice(start), marked: chart.marked.filter((m) => m.t >= from), ...(events ? { events } : {}) };
}

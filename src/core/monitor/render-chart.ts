import type { Datapoint } from "../../ports.js";
import type { MetricBound } from "../types.js";

/** Formats a metric value with 4 significant digits, without exponent for everyday magnitudes. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e7 || a < 1e-3)) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

/** `HH:MM` when the points fit in a day, else `MM-DD HH:MM` (UTC). */
function labelFor(t: number, spanMs: number): string {
  const iso = new Date(t).toISOString();
  return spanMs <= 86_400_000 ? iso.slice(11, 16) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/**
 * Averages consecutive points into at most `max` buckets (the last bucket ends at the last point),
 * so a chart stays readable. Gaps in the series are not drawn (a Mermaid line cannot show them).
 */
export function downsample(points: Datapoint[], max: number): Datapoint[] {
  if (points.length <= max) return points;
  const size = Math.ceil(points.length / max);
  const out: Datapoint[] = [];
  for (let end = points.length; end > 0; end -= size) {
    const chunk = points.slice(Math.max(0, end - size), end);
    out.unshift({ t: chunk[chunk.length - 1]!.t, value: chunk.reduce((s, p) => s + p.value, 0) / chunk.length });
  }
  return out;
}

/**
 * A Mermaid `xychart-beta` block (fenced, for GitHub Markdown) of a metric with its threshold drawn as
 * a second, flat line (one line per bound). "" when there are no points.
 */
export function renderChart(title: string, points: Datapoint[], bound: MetricBound | undefined, maxPoints = 48): string {
  const pts = downsample(points.filter((p) => Number.isFinite(p.value)), maxPoints);
  if (pts.length === 0) return "";
  const span = pts[pts.length - 1]!.t - pts[0]!.t;
  const values = pts.map((p) => p.value);
  const bounds = [bound?.min, bound?.max].filter((b): b is number => b !== undefined);
  let lo = Math.min(...values, ...bounds);
  let hi = Math.max(...values, ...bounds);
  const pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.1 || 1;
  lo -= pad;
  hi += pad;
  const safe = title.replace(/["\n\r`]/g, "'");
  const lines = [
    "```mermaid",
    "xychart-beta",
    `  title "${safe}"`,
    `  x-axis [${pts.map((p) => `"${labelFor(p.t, span)}"`).join(", ")}]`,
    `  y-axis ${formatValue(lo)} --> ${formatValue(hi)}`,
    `  line [${values.map(formatValue).join(", ")}]`,
    ...bounds.map((b) => `  line [${pts.map(() => formatValue(b)).join(", ")}]`),
    "```",
  ];
  return lines.join("\n");
}

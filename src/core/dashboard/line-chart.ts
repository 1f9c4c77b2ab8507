import { escapeHtml } from "./escape-html.js";
import { formatBound, formatDate, formatTime, formatValue } from "./format.js";

const TWO_DAYS = 2 * 86_400_000;
import type { ChartView } from "./types.js";

/** Size of the drawing in viewBox units; the SVG scales to its container's width. */
export const CHART = { width: 720, height: 240, left: 64, right: 16, top: 16, bottom: 32 } as const;

const round = (x: number) => Math.round(x * 10) / 10;

/** The value range drawn: the points and the thresholds, padded by 8 % (a flat series gets room too). */
export function yDomain(chart: Pick<ChartView, "points" | "threshold">): [number, number] {
  const values = [...chart.points.map((p) => p.value), chart.threshold.min, chart.threshold.max].filter((v): v is number => v !== undefined);
  if (values.length === 0) return [0, 1];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const pad = hi > lo ? (hi - lo) * 0.08 : Math.abs(hi) * 0.1 || 1;
  // A series that cannot go negative (counts, latencies) should not get a negative axis from the padding.
  lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
  hi += pad;
  return [lo, hi];
}

/**
 * An inline SVG line chart of one metric: the series as a polyline (class `series`), each threshold
 * as a dashed horizontal line (class `threshold`, `data-bound` min or max), marked points as circles
 * (class `marker` plus `anomaly` or `breach`), value labels on the left and dates below. It carries
 * role="img", an aria-label that summarizes it, and a <title>/<desc>. `id` must be unique in the page.
 */
export function renderLineChart(chart: ChartView, id: string): string {
  const { width: W, height: H, left: L, right: R, top: T, bottom: B } = CHART;
  const label = chartLabel(chart);
  const head = `<svg class="chart" id="${escapeHtml(id)}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(label)}" preserveAspectRatio="xMidYMid meet"${chart.points.length ? ` tabindex="0"${dataAttributes(chart)}` : ""}><title>${escapeHtml(`${chart.metric} over time`)}</title><desc>${escapeHtml(label)}</desc>`;
  if (chart.points.length === 0) return `${head}<text class="empty" x="${W / 2}" y="${H / 2}" text-anchor="middle">No data points for ${escapeHtml(chart.metric)}</text></svg>`;
  const [lo, hi] = yDomain(chart);
  const t0 = chart.points[0]!.t;
  const t1 = chart.points.at(-1)!.t;
  const x = (t: number) => round(t1 === t0 ? L + (W - L - R) / 2 : L + ((t - t0) / (t1 - t0)) * (W - L - R));
  const y = (v: number) => round(T + (1 - (v - lo) / (hi - lo)) * (H - T - B));
  const parts: string[] = [head];
  for (let i = 0; i <= 4; i++) {
    const v = lo + ((hi - lo) * i) / 4;
    parts.push(`<line class="grid" x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}"/><text class="tick" x="${L - 6}" y="${y(v) + 4}" text-anchor="end">${escapeHtml(formatValue(Number(v.toPrecision(3))))}</text>`);
  }
  const ticks = t1 === t0 ? [t0] : [t0, t0 + (t1 - t0) / 2, t1];
  // Dates for long windows; month-day and time when the window is short (a close-up).
  const tickText = (t: number) => (t1 - t0 < TWO_DAYS ? formatTime(t).slice(5, 16) : formatDate(t));
  ticks.forEach((t, i) => parts.push(`<text class="tick" x="${x(t)}" y="${H - 10}" text-anchor="${ticks.length === 1 ? "middle" : ["start", "middle", "end"][i]}">${escapeHtml(tickText(t))}</text>`));
  for (const bound of ["min", "max"] as const) {
    const v = chart.threshold[bound];
    if (v === undefined) continue;
    parts.push(`<line class="threshold" data-bound="${bound}" x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}"><title>${bound} threshold ${escapeHtml(formatValue(v))}</title></line>`);
    parts.push(`<text class="threshold-label" x="${L + 6}" y="${y(v) + (bound === "min" ? 14 : -6)}">${bound} ${escapeHtml(formatValue(v))}</text>`);
  }
  for (const e of chart.events ?? []) {
    const ex = x(Math.min(e.t, t1));
    parts.push(`<line class="event event-${e.kind}" x1="${ex}" x2="${ex}" y1="${T}" y2="${H - B}"><title>${escapeHtml(`${formatTime(e.t)}: ${e.label}`)}</title></line>`);
  }
  parts.push(`<polyline class="series" points="${chart.points.map((p) => `${x(p.t)},${y(p.value)}`).join(" ")}"/>`);
  for (const m of chart.marked) {
    parts.push(`<circle class="marker ${m.reason}" cx="${x(m.t)}" cy="${y(m.value)}" r="3.5"><title>${escapeHtml(`${m.reason === "breach" ? "outside threshold" : "anomalous"}: ${formatValue(m.value)} at ${formatTime(m.t)}`)}</title></circle>`);
  }
  parts.push("</svg>");
  return parts.join("");
}

/**
 * The data the page script needs to redraw the chart for a zoomed range and to show a point's time
 * and value on hover: points `t,v` separated by spaces, marks `t,v,a|b`, thresholds, events as JSON.
 * Escaped for a quoted attribute; the script reads them back with getAttribute and writes text only
 * through textContent.
 */
function dataAttributes(chart: ChartView): string {
  const attrs = [
    ` data-metric="${escapeHtml(chart.metric)}"`,
    ` data-series="${chart.points.map((p) => `${p.t},${p.value}`).join(" ")}"`,
    chart.marked.length ? ` data-marks="${chart.marked.map((m) => `${m.t},${m.value},${m.reason === "breach" ? "b" : "a"}`).join(" ")}"` : "",
    chart.threshold.min !== undefined ? ` data-min="${chart.threshold.min}"` : "",
    chart.threshold.max !== undefined ? ` data-max="${chart.threshold.max}"` : "",
    chart.events?.length ? ` data-events="${escapeHtml(JSON.stringify(chart.events.map((e) => [e.t, e.kind, e.label])))}"` : "",
  ];
  return attrs.join("");
}

/** One sentence for screen readers: what is drawn, the range, the threshold and how many points are marked. */
export function chartLabel(chart: ChartView): string {
  if (chart.points.length === 0) return `${chart.metric}: no data points.`;
  const values = chart.points.map((p) => p.value);
  const bound = formatBound(chart.threshold);
  const last = chart.points.at(-1)!;
  return [
    `${chart.metric}: ${chart.points.length} points from ${formatTime(chart.points[0]!.t)} to ${formatTime(last.t)}`,
    `ranging ${formatValue(Math.min(...values))} to ${formatValue(Math.max(...values))}, latest ${formatValue(last.value)}`,
    bound ? `threshold ${bound}` : "no threshold",
    `${chart.marked.filter((m) => m.reason === "anomaly").length} anomalous and ${chart.marked.filter((m) => m.reason === "breach").length} out-of-threshold points marked.`,
  ].join("; ");
}

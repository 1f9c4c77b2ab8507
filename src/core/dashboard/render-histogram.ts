import type { ColumnHistogram } from "../monitor/types.js";
import { escapeHtml } from "./escape-html.js";
import { formatValue } from "./format.js";
import { table } from "./render-parts.js";

/** Size of a histogram's drawing in viewBox units; the SVG scales to its container's width. */
export const HISTOGRAM = { width: 720, height: 220, left: 56, right: 12, top: 14, bottom: 44 } as const;

/** One bin as a person reads it: its label and both proportions. */
export interface HistogramBin {
  label: string;
  baseline: number;
  current: number;
}

const round = (x: number) => Math.round(x * 10) / 10;
/** Baseline of the labels under the bars, above the drawing's bottom edge. */
const LABEL_RISE = 24;

/** `12.5 %` for a proportion of 0.125. */
export function formatShare(p: number): string {
  return `${Number((p * 100).toFixed(1))} %`;
}

/**
 * The bins of a histogram read from a report, labelled (`10 – 20`, `14` for one integer, a category,
 * `other (3 categories)`); undefined when its arrays disagree in length (a hand-edited report), so the
 * caller says so instead of drawing bars against the wrong labels.
 */
export function histogramBins(h: ColumnHistogram): HistogramBin[] | undefined {
  const labels =
    h.kind === "numeric"
      ? h.edges.slice(0, -1).map((lo, i) => {
          const hi = h.edges[i + 1]!;
          if (!h.integers) return `${formatValue(lo)} – ${formatValue(hi)}`;
          return hi - lo <= 1 ? formatValue(lo + 0.5) : `${formatValue(lo + 0.5)} – ${formatValue(hi - 0.5)}`;
        })
      : h.categories;
  if (labels.length === 0 || labels.length !== h.baseline.length || labels.length !== h.current.length) return undefined;
  const bins = labels.map((label, i) => ({ label, baseline: h.baseline[i]!, current: h.current[i]! }));
  if (h.kind === "categorical" && h.other) bins.push({ label: `other (${h.other.categories} categor${h.other.categories === 1 ? "y" : "ies"})`, baseline: h.other.baseline, current: h.other.current });
  return bins;
}

/** One sentence for screen readers: what is compared, over which bins, and where the samples differ most. */
export function histogramLabel(h: ColumnHistogram, bins: HistogramBin[]): string {
  const [lo, hi] = h.kind === "numeric" ? (h.integers ? [h.edges[0]! + 0.5, h.edges.at(-1)! - 0.5] : [h.edges[0]!, h.edges.at(-1)!]) : [0, 0];
  const over =
    h.kind === "numeric"
      ? `${bins.length} ${h.integers ? "bins of whole numbers" : "equal-width bins"} from ${formatValue(lo)} to ${formatValue(hi)}`
      : `${bins.length} categor${bins.length === 1 ? "y" : "ies"}`;
  const widest = bins.reduce((w, b) => (Math.abs(b.current - b.baseline) > Math.abs(w.current - w.baseline) ? b : w), bins[0]!);
  return `${h.column}: share of the baseline and of the current sample in ${over}; largest difference in ${widest.label}: baseline ${formatShare(widest.baseline)}, current ${formatShare(widest.current)}.`;
}

/**
 * A grouped bar chart of one column, baseline bar (class `hb`) beside current bar (class `hc`) in each
 * bin, with percentage ticks and bin labels, as inline SVG: role="img", an aria-label (histogramLabel),
 * a <title> and a <title> on every bar. Every text from the report is escaped. `id` must be unique.
 */
export function renderHistogramSvg(h: ColumnHistogram, bins: HistogramBin[], id: string): string {
  const { width: W, height: H, left: L, right: R, top: T, bottom: B } = HISTOGRAM;
  const { step, ticks } = axisSteps(Math.max(...bins.flatMap((b) => [b.baseline, b.current])));
  const top = step * ticks;
  const y = (p: number) => round(T + (1 - p / top) * (H - T - B));
  const slot = (W - L - R) / bins.length;
  const bar = slot * 0.4;
  const parts = [`<svg class="hist" id="${escapeHtml(id)}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(histogramLabel(h, bins))}" preserveAspectRatio="xMidYMid meet"><title>${escapeHtml(`${h.column}: baseline and current distributions`)}</title>`];
  for (let i = 0; i <= ticks; i++) {
    const p = step * i;
    parts.push(`<line class="grid" x1="${L}" x2="${W - R}" y1="${y(p)}" y2="${y(p)}"/><text class="tick" x="${L - 6}" y="${y(p) + 4}" text-anchor="end">${formatShare(p)}</text>`);
  }
  bins.forEach((b, i) => {
    const x0 = L + i * slot + slot * 0.1;
    for (const [cls, p, word, x] of [["hb", b.baseline, "baseline", x0], ["hc", b.current, "current", x0 + bar]] as const) {
      parts.push(`<rect class="${cls}" x="${round(x)}" y="${y(p)}" width="${round(bar)}" height="${round(y(0) - y(p))}"><title>${escapeHtml(`${b.label}: ${word} ${formatShare(p)}`)}</title></rect>`);
    }
  });
  parts.push(...xLabels(h, bins, slot));
  parts.push(`</svg>`);
  return parts.join("");
}

/** Labels under the bars: every category or whole number (cut to fit, whole in its title), or the numeric range's edges. */
function xLabels(h: ColumnHistogram, bins: HistogramBin[], slot: number): string[] {
  const { height: H, left: L } = HISTOGRAM;
  const at = (x: number, text: string, anchor = "middle", full?: string) => `<text class="tick" x="${round(x)}" y="${H - LABEL_RISE}" text-anchor="${anchor}">${escapeHtml(text)}${full !== undefined ? `<title>${escapeHtml(full)}</title>` : ""}</text>`;
  if (h.kind === "categorical" || h.integers) {
    const chars = Math.max(3, Math.floor(slot / 7.5));
    const every = h.kind === "numeric" && bins.length > 12 ? 2 : 1;
    return bins.flatMap((b, i) => (i % every === 0 ? [at(L + (i + 0.5) * slot, clip(b.label, chars), "middle", b.label)] : []));
  }
  const n = bins.length;
  const ticks: [number, string][] = n === 1 ? [[0, "start"], [1, "end"]] : [[0, "start"], [Math.floor(n / 2), "middle"], [n, "end"]];
  return ticks.map(([k, anchor]) => at(L + k * slot, formatValue(h.edges[k]!), anchor));
}

function clip(text: string, chars: number): string {
  const c = [...text];
  return c.length <= chars ? text : `${c.slice(0, chars - 1).join("")}…`;
}

/** The axis: the smallest round step (1, 2, 5, 10, 20 or 25 %) that reaches the largest share in at most 5 ticks. */
function axisSteps(p: number): { step: number; ticks: number } {
  const step = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25].find((s) => Math.ceil(p / s - 1e-9) <= 5) ?? 0.25;
  return { step, ticks: Math.max(1, Math.ceil(p / step - 1e-9)) };
}

/**
 * The "Distributions" part of a model's drift section: one figure per column (drifted columns first),
 * each with its chart, a legend, and the same numbers as a table inside <details> (no script needed).
 */
export function renderHistograms(list: ColumnHistogram[], drifted: string[], slug: string): string {
  if (list.length === 0) return "";
  const order = [...list.filter((h) => drifted.includes(h.column)), ...list.filter((h) => !drifted.includes(h.column))];
  const figures = order.map((h, i) => figure(h, drifted.includes(h.column), `hist-${slug}-${i}`));
  return `<h3 id="distributions-h">Baseline and current distributions</h3><p class="muted">Share of each sample per bin: numeric columns over equal-width bins spanning both samples, categorical columns by their most frequent categories.</p>${figures.join("")}`;
}

function figure(h: ColumnHistogram, drift: boolean, id: string): string {
  const bins = histogramBins(h);
  const head = `<figure class="chart-box hist-box" data-column="${escapeHtml(h.column)}" aria-labelledby="${id}-cap"><figcaption id="${id}-cap"><strong>${escapeHtml(h.column)}</strong> <span class="badge ${drift ? "h-warning" : "h-ok"}">${drift ? "drift" : "ok"}</span> <span class="muted">${escapeHtml(h.kind)}</span></figcaption>`;
  if (!bins) return `${head}<p class="no-data">The report's histogram of this column is inconsistent (bins and shares differ in number); it is not drawn.</p></figure>`;
  const rows = bins.map((b) => `<tr><th scope="row">${escapeHtml(b.label)}</th><td class="num">${formatShare(b.baseline)}</td><td class="num">${formatShare(b.current)}</td><td class="num">${b.current >= b.baseline ? "+" : "−"}${formatShare(Math.abs(b.current - b.baseline))}</td></tr>`);
  return [
    head,
    renderHistogramSvg(h, bins, id),
    `<ul class="legend" aria-hidden="true"><li><span class="lg-hb"></span>baseline</li><li><span class="lg-hc"></span>current</li></ul>`,
    `<details class="hist-table"><summary>Table of the ${bins.length} bins of ${escapeHtml(h.column)}</summary>`,
    table({ caption: `Share of the baseline and of the current sample in each bin of ${escapeHtml(h.column)}.`, head: ["Bin", "Baseline", "Current", "Difference"], rows }),
    `</details></figure>`,
  ].join("");
}

import { binCounts } from "./binning.js";
import type { DriftInput } from "./registry.js";

/** Equal-width bins of a numeric column's histogram (fewer for a column of few integers). */
export const HISTOGRAM_BINS = 20;
/** A column of whole numbers spanning at most this many values gets one bin per value (the hours of a day). */
export const MAX_INTEGER_BINS = 24;
/** Categories shown by name in a categorical histogram; the rest are summed into "other". */
export const HISTOGRAM_CATEGORIES = 10;
/** A category's label is cut to this many characters (with "…"): a report stays small whatever the data. */
export const HISTOGRAM_LABEL_CHARS = 60;

/**
 * Baseline and current sample of one column, as proportions over the same bins (each series sums
 * to 1 up to rounding; proportions are rounded to 6 decimals). Size is bounded: at most
 * MAX_INTEGER_BINS bins, or HISTOGRAM_CATEGORIES categories plus `other`.
 */
export type DriftHistogram =
  | {
      kind: "numeric";
      /** Bin edges, ascending, one more than the bins: bin i holds edges[i] <= v < edges[i+1] (the last bin includes its upper edge). */
      edges: number[];
      /** Set when every value is an integer: edges fall halfway between integers, so bin i holds the integers edges[i] + 0.5 to edges[i+1] - 0.5. */
      integers?: true;
      baseline: number[];
      current: number[];
    }
  | {
      kind: "categorical";
      /** The most frequent categories (by the larger of the two proportions, then by name), labels cut to HISTOGRAM_LABEL_CHARS. */
      categories: string[];
      baseline: number[];
      current: number[];
      /** The categories not named, summed; absent when every category is named. */
      other?: { categories: number; baseline: number; current: number };
    };

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * The histogram of a column as the drift tests saw it. Numeric: HISTOGRAM_BINS equal-width bins over
 * the range of both samples together (min to max), so both series share their edges; a column of
 * whole numbers gets bins of whole numbers (one per value up to MAX_INTEGER_BINS values, else an
 * equal count of values per bin, at most HISTOGRAM_BINS bins); a constant column one bin.
 * Categorical: the top HISTOGRAM_CATEGORIES categories and "other".
 */
export function driftHistogram(input: DriftInput): DriftHistogram {
  return input.kind === "numeric" ? numericHistogram(input.baseline, input.current) : categoricalHistogram(input.categories, input.baseline, input.current);
}

/** Both samples sorted ascending and non-empty (as compare-samples passes them). */
function numericHistogram(baseline: Float64Array, current: Float64Array): DriftHistogram {
  const lo = Math.min(baseline[0]!, current[0]!);
  const hi = Math.max(baseline[baseline.length - 1]!, current[current.length - 1]!);
  let edges: number[];
  let integers = false;
  if (Math.max(-lo, hi) < 2 ** 51 && allIntegers(baseline) && allIntegers(current)) {
    // Whole numbers (hours, counts): every bin holds the same number of integers, edges halfway between them.
    integers = true;
    const span = hi - lo + 1;
    const per = span <= MAX_INTEGER_BINS ? 1 : Math.ceil(span / HISTOGRAM_BINS);
    edges = Array.from({ length: Math.ceil(span / per) + 1 }, (_, k) => lo - 0.5 + k * per);
  } else if (lo === hi) edges = [lo, hi];
  else {
    // Halves keep the width finite for a range wider than the largest double.
    const half = hi / 2 - lo / 2;
    edges = Array.from({ length: HISTOGRAM_BINS + 1 }, (_, k) => (k === 0 ? lo : k === HISTOGRAM_BINS ? hi : 2 * (lo / 2 + half * (k / HISTOGRAM_BINS))));
  }
  const inner = edges.slice(1, -1);
  return {
    kind: "numeric",
    edges,
    ...(integers ? { integers: true as const } : {}),
    baseline: shares(binCounts(baseline, inner), baseline.length),
    current: shares(binCounts(current, inner), current.length),
  };
}

function categoricalHistogram(categories: string[], baseline: number[], current: number[]): DriftHistogram {
  const nb = baseline.reduce((s, x) => s + x, 0);
  const nc = current.reduce((s, x) => s + x, 0);
  const rows = categories.map((name, i) => ({ name, b: nb > 0 ? baseline[i]! / nb : 0, c: nc > 0 ? current[i]! / nc : 0 }));
  rows.sort((x, y) => Math.max(y.b, y.c) - Math.max(x.b, x.c) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const top = rows.slice(0, HISTOGRAM_CATEGORIES);
  const rest = rows.slice(HISTOGRAM_CATEGORIES);
  return {
    kind: "categorical",
    categories: top.map((r) => cut(r.name)),
    baseline: top.map((r) => round6(r.b)),
    current: top.map((r) => round6(r.c)),
    ...(rest.length ? { other: { categories: rest.length, baseline: round6(sum(rest, "b")), current: round6(sum(rest, "c")) } } : {}),
  };
}

function sum(rows: { b: number; c: number }[], key: "b" | "c"): number {
  let s = 0;
  for (const r of rows) s += r[key];
  return s;
}

function shares(counts: number[], n: number): number[] {
  return counts.map((c) => round6(c / n));
}

function allIntegers(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isInteger(values[i])) return false;
  return true;
}

/** A label of at most HISTOGRAM_LABEL_CHARS code points. */
function cut(label: string): string {
  const chars = [...label];
  return chars.length <= HISTOGRAM_LABEL_CHARS ? label : `${chars.slice(0, HISTOGRAM_LABEL_CHARS - 1).join("")}…`;
}

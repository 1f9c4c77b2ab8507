import { quantileSorted } from "../detect/stats/sorted-window.js";

/** Default number of bins for binned numeric tests (PSI, Jensen-Shannon). */
export const DEFAULT_BINS = 10;

/**
 * Bin edges from the baseline's quantiles: the (k/bins)-th quantiles for k = 1..bins-1 (linear
 * interpolation, as NumPy's default), duplicates removed. With e edges there are e+1 bins:
 * bin i holds values v with edges[i-1] <= v < edges[i] (v < edges[0] in the first, v >= the last edge in the last).
 * A constant baseline gives one edge and two bins.
 */
export function quantileEdges(sortedBaseline: Float64Array | readonly number[], bins = DEFAULT_BINS): number[] {
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const q = quantileSorted(sortedBaseline as readonly number[], k / bins);
    if (edges.length === 0 || q > edges[edges.length - 1]!) edges.push(q);
  }
  return edges;
}

/** Counts of an ascending sample in the bins `edges` define (NumPy's searchsorted side="right"). */
export function binCounts(sorted: Float64Array | readonly number[], edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let bin = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i]!;
    while (bin < edges.length && v >= edges[bin]!) bin++;
    counts[bin]!++;
  }
  return counts;
}

/** Counts turned into proportions (all zero for an empty sample). */
export function proportions(counts: readonly number[]): number[] {
  const total = counts.reduce((s, c) => s + c, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

import { quantilesOf } from "./select.js";

/** Default number of bins for binned numeric tests (PSI, Jensen-Shannon). */
export const DEFAULT_BINS = 10;

/**
 * Bin edges from the baseline's quantiles: the (k/bins)-th quantiles for k = 1..bins-1 (linear
 * interpolation, as NumPy's default), duplicates removed. With e edges there are e+1 bins:
 * bin i holds values v with edges[i-1] <= v < edges[i] (v < edges[0] in the first, v >= the last edge in the last).
 * A constant baseline gives one edge and two bins.
 */
export function quantileEdges(baseline: Float64Array | readonly number[], bins = DEFAULT_BINS): number[] {
  const edges: number[] = [];
  const qs = quantilesOf(baseline, Array.from({ length: bins - 1 }, (_, k) => (k + 1) / bins));
  for (const q of qs) if (edges.length === 0 || q > edges[edges.length - 1]!) edges.push(q);
  return edges;
}

/** Counts of a sample (any order) in the bins `edges` define (NumPy's searchsorted side="right"). */
export function binCounts(sample: Float64Array | readonly number[], edges: readonly number[]): number[] {
  const counts = new Float64Array(edges.length + 1);
  const e = Float64Array.from(edges);
  const m = e.length;
  const n = sample.length;
  for (let i = 0; i < n; i++) {
    const v = sample[i]!;
    // the number of edges <= v is the bin; a branch-free count beats a binary search for few edges
    let bin = 0;
    if (m <= 32) for (let k = 0; k < m; k++) bin += e[k]! <= v ? 1 : 0;
    else {
      let hi = m;
      while (bin < hi) {
        const mid = (bin + hi) >>> 1;
        if (e[mid]! <= v) bin = mid + 1;
        else hi = mid;
      }
    }
    counts[bin]!++;
  }
  return Array.from(counts);
}

/** Counts turned into proportions (all zero for an empty sample). */
export function proportions(counts: readonly number[]): number[] {
  const total = counts.reduce((s, c) => s + c, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

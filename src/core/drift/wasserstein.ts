/**
 * Wasserstein-1 (earth mover's) distance between two samples, as SciPy's wasserstein_distance:
 * the integral of |F1 - F2| over the merged support, from the sorted samples in O(n log n).
 * Inputs must be ascending and non-empty.
 */
export function wassersteinSorted(x: Float64Array, y: Float64Array): number {
  const n1 = x.length;
  const n2 = y.length;
  let i = 0;
  let j = 0;
  let total = 0;
  let prev = Math.min(x[0]!, y[0]!);
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && x[i]! <= y[j]!) ? x[i]! : y[j]!;
    total += Math.abs(i / n1 - j / n2) * (v - prev);
    while (i < n1 && x[i]! <= v) i++;
    while (j < n2 && y[j]! <= v) j++;
    prev = v;
  }
  return total;
}

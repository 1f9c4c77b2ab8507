import { kolmogorovSf } from "./kolmogorov.js";
import { probOutsideBand, probOutsideSquare } from "./ks-exact.js";

export interface KsResult {
  statistic: number;
  pValue: number;
  method: "exact" | "asymp";
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Sorts a copy ascending (Float64Array sort is numeric). */
export function sortedCopy(x: readonly number[] | Float64Array): Float64Array {
  return Float64Array.from(x).sort();
}

/**
 * Two-sample Kolmogorov-Smirnov test, two-sided, as SciPy's ks_2samp(method="auto"): the
 * statistic is the largest gap between the two empirical CDFs; the p-value is exact (lattice
 * paths) when both samples have at most 10,000 values, else from the distribution of D_n with
 * n = round(n1 n2 / (n1 + n2)). If the exact computation fails numerically it falls back to the
 * asymptotic one, as SciPy does. Throws RangeError on an empty sample; values must be finite.
 */
export function ksTwoSample(a: readonly number[] | Float64Array, b: readonly number[] | Float64Array): KsResult {
  const x = sortedCopy(a);
  const y = sortedCopy(b);
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError("KS needs two non-empty samples");
  let d = ksStatisticSorted(x, y);
  if (Math.max(n1, n2) <= 10000) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = Math.round(d * lcm);
    d = h / lcm;
    if (h === 0) return { statistic: d, pValue: 1, method: "exact" };
    const p = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, g, h);
    if (p >= 0 && p <= 1) return { statistic: d, pValue: p, method: "exact" };
  }
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const en = (m * n) / (m + n);
  const p = kolmogorovSf(roundHalfEven(en), d);
  return { statistic: d, pValue: Math.min(1, Math.max(0, p)), method: "asymp" };
}

/** NumPy's round: halves go to the even neighbour. */
function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const diff = v - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** max |F1 - F2| over all sample points, for ascending x and y, computed as SciPy does (i/n1 - j/n2). */
export function ksStatisticSorted(x: Float64Array, y: Float64Array): number {
  const n1 = x.length;
  const n2 = y.length;
  let i = 0;
  let j = 0;
  let maxS = -Infinity;
  let minS = Infinity;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && x[i]! <= y[j]!) ? x[i]! : y[j]!;
    while (i < n1 && x[i]! <= v) i++;
    while (j < n2 && y[j]! <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) maxS = diff;
    if (diff < minS) minS = diff;
  }
  const lo = Math.min(Math.max(-minS, 0), 1);
  return lo > maxS ? lo : maxS;
}

import { durbinMatrixCdf } from "./durbin-matrix.js";
import { pelzGoodSf } from "./pelz-good.js";
import { smirnovSf } from "./smirnov.js";

const clip = (p: number) => (p < 0 ? 0 : p > 1 ? 1 : p);

/** log(n! / n^n) by direct summation (n is an integer). */
function logFactorialOverPower(n: number): number {
  let s = 0;
  for (let i = 1; i <= n; i++) s += Math.log(i / n);
  return s;
}

/**
 * P(D_n > x) for the two-sided one-sample Kolmogorov-Smirnov statistic D_n (SciPy's
 * kstwo.sf(x, n)), choosing among the same methods in the same regions as SciPy 1.10
 * (Simard and L'Ecuyer's recipe): Ruben-Gambino's closed forms at the ends, 2 x Smirnov's
 * one-sided tail for large x, the Durbin matrix (Marsaglia-Tsang-Wang) for small n*x^1.5, and
 * Pelz-Good's asymptotic series elsewhere. Pomeranz's method, which SciPy uses for n <= 140 and
 * 0.754693 < n x^2 <= 4, is replaced by the Durbin matrix: both are exact.
 */
export function kolmogorovSf(n: number, x: number): number {
  if (!(n > 0) || Math.round(n) !== n) return NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    const cdf = n <= 140 ? prodCdf(n, t) : Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    return clip(1 - cdf);
  }
  if (t >= n - 1) return clip(2 * Math.pow(1 - x, n));
  if (x >= 0.5) return clip(2 * smirnovSf(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 4) return clip(1 - durbinMatrixCdf(n, x));
    return clip(2 * smirnovSf(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnovSf(n, x));
  if (nx2 >= 18) return 0;
  if (n <= 100000 && n * Math.pow(x, 1.5) <= 1.4) return clip(1 - durbinMatrixCdf(n, x));
  return clip(pelzGoodSf(n, x));
}

function prodCdf(n: number, t: number): number {
  let p = 1;
  for (let i = 1; i <= n; i++) p *= (i / n) * (2 * t - 1);
  return p;
}

import { fft } from "./fft.js";

/**
 * Autocorrelation of `x` at lags 0..maxLag (biased estimator, r[0] = 1), by FFT in O(n log n).
 * A constant input has no correlation structure: every lag but 0 is 0.
 */
export function autocorrelation(x: readonly number[], maxLag: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(Math.max(1, Math.min(maxLag, n - 1) + 1));
  if (n === 0) return out;
  let mean = 0;
  for (const v of x) mean += v;
  mean /= n;
  let size = 1;
  while (size < 2 * n) size <<= 1;
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let i = 0; i < n; i++) re[i] = x[i]! - mean;
  fft(re, im);
  for (let i = 0; i < size; i++) {
    re[i] = re[i]! * re[i]! + im[i]! * im[i]!;
    im[i] = 0;
  }
  fft(re, im, true);
  const c0 = re[0]!;
  out[0] = 1;
  if (!(c0 > 0)) return out;
  for (let k = 1; k < out.length; k++) out[k] = re[k]! / c0;
  return out;
}

/**
 * The dominant period of `x` in points, or undefined when there is none: the first local maximum
 * of the autocorrelation (lags minLag..n/2) that reaches `minCorrelation` and at least 90% of the
 * highest such peak (so a harmonic at 2P does not win over P).
 */
export function detectPeriod(x: readonly number[], minLag = 4, minCorrelation = 0.3): number | undefined {
  const maxLag = Math.floor(x.length / 2);
  if (maxLag <= minLag + 1) return undefined;
  const r = autocorrelation(x, maxLag + 1);
  const peaks: number[] = [];
  for (let k = minLag; k < r.length - 1; k++) {
    if (r[k]! >= minCorrelation && r[k]! > r[k - 1]! && r[k]! >= r[k + 1]!) peaks.push(k);
  }
  if (peaks.length === 0) return undefined;
  let best = 0;
  for (const k of peaks) best = Math.max(best, r[k]!);
  return peaks.find((k) => r[k]! >= 0.9 * best);
}

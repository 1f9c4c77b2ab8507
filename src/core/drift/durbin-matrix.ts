/**
 * P(D_n <= d) by Durbin's matrix formula as Marsaglia, Tsang and Wang (2003) compute it: the
 * (k,k) entry of H^n times n!/n^n, with H the (2k-1)-square matrix built from h = k - n*d.
 * Powers are scaled by 2^128 steps to stay in range. Exact up to rounding.
 */
export function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const H = new Float64Array(m * m);
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - Math.pow(h, j)) * fac;
  }
  const tt = Math.pow(Math.max(2 * h - 1, 0), m) - 2 * Math.pow(h, m);
  v[m - 1] = (1 + tt) * fac;
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1]!;
  for (let r = 0; r < m; r++) H[r * m] = v[r]!;
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c]!;
  let base: Float64Array = H;
  let acc: Float64Array | undefined;
  let expAcc = 0;
  let expBase = 0;
  const SCALE = 2 ** 128;
  for (let nn = n; nn > 0; nn = Math.floor(nn / 2)) {
    if (nn % 2) {
      acc = acc ? matmul(acc, base, m) : base.slice();
      expAcc += expBase;
    }
    base = matmul(base, base, m);
    expBase *= 2;
    if (Math.abs(base[(k - 1) * m + (k - 1)]!) > SCALE) {
      for (let i = 0; i < base.length; i++) base[i]! /= SCALE;
      expBase += 128;
    }
  }
  let p = acc![(k - 1) * m + (k - 1)]!;
  let expnt = expAcc;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < 2 ** -128) {
      p *= SCALE;
      expnt -= 128;
    }
  }
  return ldexp(p, expnt);
}

/** p * 2^e without overflowing the power on the way. */
function ldexp(p: number, e: number): number {
  let out = p;
  let left = e;
  while (left > 1000) {
    out *= 2 ** 1000;
    left -= 1000;
  }
  while (left < -1000) {
    out *= 2 ** -1000;
    left += 1000;
  }
  return out * 2 ** left;
}

function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j]! += aik * b[k * m + j]!;
    }
  }
  return out;
}

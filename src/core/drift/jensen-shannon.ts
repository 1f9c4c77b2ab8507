/**
 * Jensen-Shannon distance (the square root of the divergence) between two distributions over the
 * same bins or categories, in base 2 so that it lies in [0, 1]; as SciPy's
 * spatial.distance.jensenshannon(p, q, base=2). Both inputs are normalised to sum 1 first; an
 * empty input gives NaN.
 */
export function jensenShannon(p0: readonly number[], q0: readonly number[]): number {
  const sp = p0.reduce((s, v) => s + v, 0);
  const sq = q0.reduce((s, v) => s + v, 0);
  if (!(sp > 0) || !(sq > 0)) return NaN;
  let js = 0;
  for (let i = 0; i < p0.length; i++) {
    const p = p0[i]! / sp;
    const q = (q0[i] ?? 0) / sq;
    const m = (p + q) / 2;
    if (p > 0) js += p * Math.log(p / m);
    if (q > 0) js += q * Math.log(q / m);
  }
  return Math.sqrt(Math.max(0, js / 2) / Math.LN2);
}

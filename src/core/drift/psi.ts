/** Floor applied to a bin's proportion before taking logs, so an empty bin gives a large but finite PSI. */
export const PSI_EPSILON = 1e-4;

/**
 * Population Stability Index of `current` against `baseline` proportions (same bins):
 * sum over bins of (c - b) * ln(c / b), each proportion floored at PSI_EPSILON.
 * Rule of thumb: < 0.1 stable, 0.1 to 0.25 moderate shift, > 0.25 significant shift.
 */
export function psi(baseline: readonly number[], current: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < baseline.length; i++) {
    const b = Math.max(baseline[i]!, PSI_EPSILON);
    const c = Math.max(current[i] ?? 0, PSI_EPSILON);
    s += (c - b) * Math.log(c / b);
  }
  return s;
}

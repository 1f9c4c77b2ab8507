/**
 * A dispersion that is never zero: `spread` when positive, else a floor relative to the level
 * (so a constant series gives a finite, large deviation score when it finally moves), else an
 * absolute floor. This is the one rule every detector uses for constant windows.
 */
export function safeScale(spread: number, level: number): number {
  if (spread > 0 && Number.isFinite(spread)) return spread;
  const rel = Math.abs(level) * 1e-6;
  return rel > 0 && Number.isFinite(rel) ? rel : 1e-9;
}

/** Clamps to a finite, non-negative raw score; +Infinity becomes `cap`, NaN becomes 0. */
export function finiteRaw(x: number, cap = 1e6): number {
  if (Number.isNaN(x) || x <= 0) return 0;
  return x > cap ? cap : x;
}

/** Maps a raw score to [0,1] so that raw = threshold gives 0.5: 1 - 2^(-raw/threshold). */
export function toUnit(raw: number, threshold: number): number {
  if (!(raw > 0)) return 0;
  const u = 1 - Math.pow(2, -raw / threshold);
  return u > 1 ? 1 : u;
}

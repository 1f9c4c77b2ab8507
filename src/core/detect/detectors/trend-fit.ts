/** A fitted line and the spread of its residuals. */
export interface LineFit {
  slope: number;
  intercept: number;
  spread: number;
}

/** Ordinary least squares of y on t; residual spread is the population std. Equal t gives slope 0. */
export function olsFit(t: readonly number[], y: readonly number[]): LineFit {
  const n = t.length;
  let mt = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mt += t[i]!;
    my += y[i]!;
  }
  mt /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (t[i]! - mt) * (y[i]! - my);
    sxx += (t[i]! - mt) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const intercept = my - slope * mt;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (y[i]! - intercept - slope * t[i]!) ** 2;
  return { slope, intercept, spread: Math.sqrt(ss / n) };
}

function median(a: number[]): number {
  if (a.length === 0) return 0;
  a.sort((x, y) => x - y);
  const m = a.length >> 1;
  return a.length % 2 ? a[m]! : (a[m - 1]! + a[m]!) / 2;
}

/** Theil-Sen: the median of pairwise slopes, intercept the median of y - slope*t, spread 1.4826*MAD of residuals. O(n^2). */
export function theilSenFit(t: readonly number[], y: readonly number[]): LineFit {
  const n = t.length;
  const slopes: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dt = t[j]! - t[i]!;
      if (dt !== 0) slopes.push((y[j]! - y[i]!) / dt);
    }
  }
  const slope = median(slopes);
  const intercept = median(y.map((v, i) => v - slope * t[i]!));
  const res = y.map((v, i) => Math.abs(v - intercept - slope * t[i]!));
  return { slope, intercept, spread: 1.4826 * median(res) };
}

/** Keeps a signed change only in the watched direction ("up", "down" or "both"). */
export function directional(change: number, direction: string | number | boolean): number {
  if (direction === "up") return Math.max(0, change);
  if (direction === "down") return Math.max(0, -change);
  return change;
}

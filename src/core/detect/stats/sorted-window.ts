import { Ring } from "./ring.js";

/**
 * The last `window` values kept both in arrival order and sorted, for rolling quantiles.
 * Insert and evict are binary search plus an array shift: O(window) per update, fast for the
 * window sizes detectors use (tens to a few thousand points).
 */
export class SortedWindow {
  private readonly ring: Ring;
  private readonly sorted: number[] = [];

  constructor(readonly window: number) {
    this.ring = new Ring(window);
  }

  get count(): number {
    return this.sorted.length;
  }

  push(x: number): void {
    const old = this.ring.push(x);
    if (old !== undefined) this.sorted.splice(lowerBound(this.sorted, old), 1);
    this.sorted.splice(lowerBound(this.sorted, x), 0, x);
  }

  /** Forgets every value. */
  clear(): void {
    this.ring.clear();
    this.sorted.length = 0;
  }

  /** Quantile by linear interpolation between order statistics (NumPy's default), q in [0,1]. 0 when empty. */
  quantile(q: number): number {
    return quantileSorted(this.sorted, q);
  }

  median(): number {
    return this.quantile(0.5);
  }

  /** Median absolute deviation from the median (unscaled). */
  mad(): number {
    const n = this.sorted.length;
    if (n === 0) return 0;
    const med = this.median();
    const dev = new Array<number>(n);
    for (let i = 0; i < n; i++) dev[i] = Math.abs(this.sorted[i]! - med);
    dev.sort((a, b) => a - b);
    return quantileSorted(dev, 0.5);
  }

  /** Fraction of the window strictly below / at-or-above `x`, for empirical tail probabilities. */
  rankOf(x: number): number {
    return lowerBound(this.sorted, x);
  }

  /** The sorted values (read-only view; do not mutate). */
  view(): readonly number[] {
    return this.sorted;
  }
}

/** First index i with a[i] >= x. */
export function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Quantile of an ascending array by linear interpolation; 0 for an empty array. */
export function quantileSorted(a: readonly number[], q: number): number {
  const n = a.length;
  if (n === 0) return 0;
  const pos = Math.min(Math.max(q, 0), 1) * (n - 1);
  const i = Math.floor(pos);
  const frac = pos - i;
  const lo = a[i]!;
  return frac === 0 || i + 1 >= n ? lo : lo + (a[i + 1]! - lo) * frac;
}

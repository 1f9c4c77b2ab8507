import { Ring } from "./ring.js";

/**
 * The last `window` values kept both in arrival order and sorted, for rolling quantiles.
 * Insert and evict are binary search plus an array shift: O(window) per update, fast for the
 * window sizes detectors use (tens to a few thousand points).
 */
export class SortedWindow {
  private readonly ring: Ring;
  private readonly sorted: Float64Array;
  private n = 0;

  constructor(readonly window: number) {
    this.ring = new Ring(window);
    this.sorted = new Float64Array(Math.max(1, window));
  }

  get count(): number {
    return this.n;
  }

  push(x: number): void {
    const a = this.sorted;
    const old = this.ring.push(x);
    if (old === undefined) {
      const j = lowerBound(a, x, this.n);
      a.copyWithin(j + 1, j, this.n);
      a[j] = x;
      this.n++;
      return;
    }
    // remove `old` and insert `x` with one shift of the values between their positions
    const i = lowerBound(a, old, this.n);
    const j = lowerBound(a, x, this.n);
    if (j > i) {
      a.copyWithin(i, i + 1, j);
      a[j - 1] = x;
    } else {
      a.copyWithin(j + 1, j, i);
      a[j] = x;
    }
  }

  /** Forgets every value. */
  clear(): void {
    this.ring.clear();
    this.n = 0;
  }

  /** Quantile by linear interpolation between order statistics (NumPy's default), q in [0,1]. 0 when empty. */
  quantile(q: number): number {
    return quantileSorted(this.sorted, q, this.n);
  }

  median(): number {
    return this.quantile(0.5);
  }

  /** Median absolute deviation from the median (unscaled). */
  mad(): number {
    const n = this.n;
    if (n === 0) return 0;
    const med = this.median();
    const dev = new Float64Array(n);
    for (let i = 0; i < n; i++) dev[i] = Math.abs(this.sorted[i]! - med);
    dev.sort();
    return quantileSorted(dev, 0.5);
  }

  /** Fraction of the window strictly below / at-or-above `x`, for empirical tail probabilities. */
  rankOf(x: number): number {
    return lowerBound(this.sorted, x, this.n);
  }

  /** The sorted values (a read-only view over the buffer; do not mutate or keep). */
  view(): Float64Array {
    return this.sorted.subarray(0, this.n);
  }
}

/** First index i < n with a[i] >= x (n defaults to the length). */
export function lowerBound(a: ArrayLike<number>, x: number, n = a.length): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Quantile of an ascending array by linear interpolation; 0 for an empty array. */
export function quantileSorted(a: ArrayLike<number>, q: number, n = a.length): number {
  if (n === 0) return 0;
  const pos = Math.min(Math.max(q, 0), 1) * (n - 1);
  const i = Math.floor(pos);
  const frac = pos - i;
  const lo = a[i]!;
  return frac === 0 || i + 1 >= n ? lo : lo + (a[i + 1]! - lo) * frac;
}

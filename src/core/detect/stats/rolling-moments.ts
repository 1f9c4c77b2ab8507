import { Ring } from "./ring.js";

/**
 * Mean and (population) variance over the last `window` values, O(1) per update.
 * The running sums are recomputed from the buffer every `window` updates so rounding cannot drift.
 */
export class RollingMoments {
  private readonly ring: Ring;
  private sum = 0;
  private sumSq = 0;
  private sinceRecompute = 0;

  constructor(readonly window: number) {
    this.ring = new Ring(window);
  }

  get count(): number {
    return this.ring.length;
  }

  push(x: number): void {
    const old = this.ring.push(x);
    this.sum += x;
    this.sumSq += x * x;
    if (old !== undefined) {
      this.sum -= old;
      this.sumSq -= old * old;
    }
    if (++this.sinceRecompute >= this.window) this.recompute();
  }

  mean(): number {
    return this.ring.length === 0 ? 0 : this.sum / this.ring.length;
  }

  /** Population variance, never negative. */
  variance(): number {
    const n = this.ring.length;
    if (n < 2) return 0;
    const m = this.sum / n;
    return Math.max(0, this.sumSq / n - m * m);
  }

  std(): number {
    return Math.sqrt(this.variance());
  }

  values(): number[] {
    return this.ring.toArray();
  }

  private recompute(): void {
    this.sinceRecompute = 0;
    let s = 0;
    let q = 0;
    for (let i = 0; i < this.ring.length; i++) {
      const v = this.ring.at(i);
      s += v;
      q += v * v;
    }
    this.sum = s;
    this.sumSq = q;
  }
}

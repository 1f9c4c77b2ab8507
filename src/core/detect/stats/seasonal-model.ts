import { Ring } from "./ring.js";
import { SortedWindow } from "./sorted-window.js";
import { detectPeriod } from "./acf.js";
import { safeScale } from "./scale.js";

export interface SeasonalOptions {
  /** Points of history kept (the longest detectable period is half of it). */
  history: number;
  /** Re-detect the period every this many points. */
  refit: number;
  /** Same-phase values (one per past cycle) whose median predicts the next point. */
  cycles: number;
  /** Points of residual history for the residual's scale. */
  residualWindow: number;
  /** Shortest period considered, in points. */
  minPeriod: number;
}

/**
 * A streaming seasonal decomposition: the period comes from the autocorrelation of the recent
 * history (re-detected every `refit` points, from past points only); the seasonal prediction of a
 * point is the median of the values at the same phase in the previous `cycles` cycles; the
 * residual is standardised by the robust spread of past residuals. Without a period (too little
 * history, or no correlation peak) `push` returns undefined.
 */
export class SeasonalModel {
  private readonly ring: Ring;
  private readonly residuals: SortedWindow;
  private sinceFit = 0;
  private fitted = false;
  period: number | undefined;

  constructor(private readonly o: SeasonalOptions) {
    this.ring = new Ring(o.history);
    this.residuals = new SortedWindow(o.residualWindow);
  }

  /** Feeds x; returns its signed standardised residual against the seasonal prediction, or undefined. */
  push(x: number): number | undefined {
    this.maybeRefit();
    let z: number | undefined;
    const p = this.period;
    const n = this.ring.length;
    if (p !== undefined && n >= p) {
      const pred = this.samePhaseMedian(n, p);
      const r = x - pred;
      if (this.residuals.count >= 10) {
        const scale = safeScale(this.residuals.quantile(0.5) * 1.4826 || this.residuals.quantile(0.9), pred);
        z = r / scale;
      }
      this.residuals.push(Math.abs(r));
    }
    this.ring.push(x);
    this.sinceFit++;
    return z;
  }

  /** Median of the values one, two, ... `cycles` periods back (those that exist); allocation-free for up to 3 cycles. */
  private samePhaseMedian(n: number, p: number): number {
    const k = Math.min(this.o.cycles, Math.floor(n / p));
    const a = this.ring.at(n - p);
    if (k === 1) return a;
    const b = this.ring.at(n - 2 * p);
    if (k === 2) return (a + b) / 2;
    if (k === 3) {
      const c = this.ring.at(n - 3 * p);
      return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
    const same = Float64Array.from({ length: k }, (_, i) => this.ring.at(n - (i + 1) * p)).sort();
    return k % 2 ? same[k >> 1]! : (same[k / 2 - 1]! + same[k / 2]!) / 2;
  }

  private maybeRefit(): void {
    const n = this.ring.length;
    const due = this.fitted ? this.sinceFit >= this.o.refit : n >= 4 * this.o.minPeriod && this.sinceFit >= Math.min(this.o.refit, 64);
    if (!due) return;
    this.sinceFit = 0;
    this.fitted = true;
    const p = detectPeriod(this.ring.toArray(), this.o.minPeriod);
    if (p !== this.period) {
      this.period = p;
      // residuals of another period are not comparable
      this.residuals.clear();
    }
  }
}

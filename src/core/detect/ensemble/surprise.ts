import { RollingMoments } from "../stats/rolling-moments.js";
import { Ring } from "../stats/ring.js";

/**
 * Calibrates a raw, non-negative signal against its own recent history: the short average of the
 * signal is compared with the mean and spread of the signal over a long window, and the Gaussian
 * tail probability of that gap is returned as a surprise in [0,1] (1 = far beyond anything usual).
 * Scale-free, so one threshold works across series. Causal: the history excludes the current value.
 */
export class Surprise {
  private readonly hist: RollingMoments;
  private readonly recent: Ring;
  private recentSum = 0;

  constructor(
    longWindow: number,
    private readonly shortWindow: number,
    private readonly minHistory: number,
  ) {
    this.hist = new RollingMoments(longWindow);
    this.recent = new Ring(shortWindow);
  }

  /** Feeds the signal's next value and returns how many standard deviations the recent average sits above the history's mean (0 while warming up). */
  push(s: number): number {
    const old = this.recent.push(s);
    this.recentSum += s - (old ?? 0);
    const avg = this.recentSum / this.recent.length;
    let out = 0;
    if (this.hist.count >= this.minHistory) {
      const sd = Math.max(this.hist.std(), 1e-6 * Math.abs(this.hist.mean()), 1e-12);
      out = (avg - this.hist.mean()) / sd;
    }
    this.hist.push(s);
    return out;
  }
}

/** HTM's log scaling of a likelihood: spreads the values near 1 so that 1 - 1e-5 maps to 0.5. */
export function logScale(likelihood: number): number {
  const v = Math.log(1.0000000001 - likelihood) / Math.log(1e-10);
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

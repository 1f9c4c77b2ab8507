import { Ring } from "../stats/ring.js";
import { SortedWindow } from "../stats/sorted-window.js";

/**
 * Calibrates a raw, non-negative signal by how far its recent average exceeds the upper tail of
 * its own history: the result is avg / q, with q the `quantile` of the signal over the last
 * `longWindow` points (before this one), or `maxShare` of their maximum if that is larger.
 * 1 means "as extreme as the rare highs seen so far"; above 1, a new record. Scale-free, so one
 * threshold works across series. The recent average is summed afresh each time (no running sum),
 * so that equal values give exactly equal averages.
 */
export class RecordRatio {
  private readonly hist: SortedWindow;
  private readonly recent: Ring;

  constructor(
    longWindow: number,
    private readonly shortWindow: number,
    private readonly quantile: number,
    private readonly minHistory: number,
    /** Floor of the reference as a share of the history's maximum, so that rare but recurring highs (a square wave's edges) are not records. */
    private readonly maxShare = 0,
  ) {
    this.hist = new SortedWindow(longWindow);
    this.recent = new Ring(shortWindow);
  }

  push(s: number): number {
    this.recent.push(s);
    let sum = 0;
    for (let i = 0; i < this.recent.length; i++) sum += this.recent.at(i);
    const avg = sum / this.recent.length;
    let out = 0;
    if (this.hist.count >= this.minHistory) {
      const q = Math.max(this.hist.quantile(this.quantile), this.maxShare * this.hist.quantile(1), 1e-9);
      out = avg / q;
    }
    this.hist.push(s);
    return out;
  }
}

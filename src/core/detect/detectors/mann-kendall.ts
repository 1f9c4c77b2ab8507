import type { DetectorSpec } from "../detector.js";
import { intParam } from "../detector.js";
import { Ring } from "../stats/ring.js";
import { directional } from "./trend-fit.js";

export const mannKendallDefaults = { window: 50, threshold: 3, direction: "both", minPoints: 10 };

/**
 * Mann-Kendall test over the last `window` points: S = sum of sign(x_j - x_i) for i < j, updated
 * in O(window) per point, and its normal score Z = (S - sign(S)) / sqrt(n(n-1)(2n+5)/18) (no tie
 * correction, so heavy ties make it conservative). The raw score is |Z| in the watched direction:
 * 3 means a monotonic trend at p of about 0.003.
 */
export const mannKendallDetector: DetectorSpec<typeof mannKendallDefaults> = {
  name: "mann-kendall",
  description: "Mann-Kendall Z for a sustained monotonic trend over the window",
  defaults: mannKendallDefaults,
  threshold: (p) => p.threshold,
  create(p) {
    const w = intParam(p.window, 3);
    const ring = new Ring(w);
    const min = Math.min(intParam(p.minPoints, 3), w);
    let s = 0;
    return {
      push(_t, x) {
        if (ring.full) {
          const old = ring.at(0);
          for (let i = 1; i < ring.length; i++) s -= Math.sign(ring.at(i) - old);
        }
        const from = ring.full ? 1 : 0;
        for (let i = from; i < ring.length; i++) s += Math.sign(x - ring.at(i));
        ring.push(x);
        const n = ring.length;
        if (n < min) return 0;
        const variance = (n * (n - 1) * (2 * n + 5)) / 18;
        const z = (s - Math.sign(s)) / Math.sqrt(variance);
        return Math.min(Math.abs(directional(z, p.direction)), 1e6);
      },
    };
  },
};

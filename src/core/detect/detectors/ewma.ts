import type { DetectorSpec } from "../detector.js";
import { safeScale } from "../stats/scale.js";

export const ewmaDefaults = { alpha: 0.1, threshold: 3, minPoints: 10 };

/**
 * EWMA deviation: the distance of x from the exponentially weighted moving average, in units of
 * the exponentially weighted standard deviation of past deviations (both with weight `alpha`).
 * Both are updated after scoring, so x never explains itself.
 */
export const ewmaDetector: DetectorSpec<typeof ewmaDefaults> = {
  name: "ewma",
  description: "deviation from an exponentially weighted moving average",
  defaults: ewmaDefaults,
  threshold: (p) => p.threshold,
  create(p) {
    const a = Math.min(Math.max(p.alpha, 1e-4), 1);
    let mean = 0;
    let variance = 0;
    let n = 0;
    return {
      push(_t, x) {
        if (n === 0) {
          mean = x;
          n = 1;
          return 0;
        }
        const d = x - mean;
        const raw = n >= p.minPoints ? Math.abs(d) / safeScale(Math.sqrt(variance), mean) : 0;
        mean += a * d;
        variance = (1 - a) * (variance + a * d * d);
        n++;
        return Math.min(raw, 1e6);
      },
    };
  },
};

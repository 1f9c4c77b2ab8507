import type { DetectorSpec } from "../detector.js";
import { intParam } from "../detector.js";
import { RollingMoments } from "../stats/rolling-moments.js";
import { safeScale } from "../stats/scale.js";

export const zscoreDefaults = { window: 100, threshold: 3, minPoints: 10 };

/**
 * Rolling z-score: |x - mean| / std over the previous `window` points (the point itself excluded).
 * Raw score 0 until `minPoints` points have been seen. A constant window uses safeScale's floor,
 * so any move away from a constant level scores very high.
 */
export const zscoreDetector: DetectorSpec<typeof zscoreDefaults> = {
  name: "zscore",
  description: "rolling z-score against the previous `window` points",
  defaults: zscoreDefaults,
  threshold: (p) => p.threshold,
  create(p) {
    const m = new RollingMoments(intParam(p.window, 2));
    const min = intParam(p.minPoints, 2);
    return {
      push(_t, x) {
        const raw = m.count >= min ? Math.abs(x - m.mean()) / safeScale(m.std(), m.mean()) : 0;
        m.push(x);
        return Math.min(raw, 1e6);
      },
    };
  },
};

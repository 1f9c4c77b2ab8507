import type { DetectorSpec } from "../detector.js";
import { intParam } from "../detector.js";
import { SortedWindow } from "../stats/sorted-window.js";
import { safeScale } from "../stats/scale.js";

export const robustZscoreDefaults = { window: 100, threshold: 3.5, minPoints: 10 };

/**
 * Robust z-score: |x - median| / (1.4826 * MAD) over the previous `window` points, so that past
 * outliers do not widen the band. When the MAD is 0 (more than half the window equal), falls back
 * to the mean absolute deviation, then to safeScale's floor.
 */
export const robustZscoreDetector: DetectorSpec<typeof robustZscoreDefaults> = {
  name: "robust-zscore",
  description: "median/MAD z-score against the previous `window` points",
  defaults: robustZscoreDefaults,
  threshold: (p) => p.threshold,
  create(p) {
    const w = new SortedWindow(intParam(p.window, 2));
    const min = intParam(p.minPoints, 2);
    return {
      push(_t, x) {
        let raw = 0;
        if (w.count >= min) {
          const med = w.median();
          let spread = 1.4826 * w.mad();
          if (!(spread > 0)) {
            let s = 0;
            for (const v of w.view()) s += Math.abs(v - med);
            spread = (1.2533 * s) / w.count;
          }
          raw = Math.abs(x - med) / safeScale(spread, med);
        }
        w.push(x);
        return Math.min(raw, 1e6);
      },
    };
  },
};

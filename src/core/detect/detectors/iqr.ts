import type { DetectorSpec } from "../detector.js";
import { intParam } from "../detector.js";
import { SortedWindow } from "../stats/sorted-window.js";
import { safeScale } from "../stats/scale.js";

export const iqrDefaults = { window: 100, k: 1.5, minPoints: 10 };

/**
 * Rolling IQR fences (Tukey): the raw score is how far x lies outside [Q1, Q3] in units of the
 * IQR, so it reaches the threshold `k` exactly at the classic fence Q3 + k*IQR (or Q1 - k*IQR).
 * Inside the quartiles the score is 0. A zero IQR uses safeScale's floor.
 */
export const iqrDetector: DetectorSpec<typeof iqrDefaults> = {
  name: "iqr",
  description: "rolling Tukey fences: distance outside the quartiles in IQRs",
  defaults: iqrDefaults,
  threshold: (p) => p.k,
  create(p) {
    const w = new SortedWindow(intParam(p.window, 2));
    const min = intParam(p.minPoints, 2);
    return {
      push(_t, x) {
        let raw = 0;
        if (w.count >= min) {
          const q1 = w.quantile(0.25);
          const q3 = w.quantile(0.75);
          const iqr = safeScale(q3 - q1, (q1 + q3) / 2);
          raw = x > q3 ? (x - q3) / iqr : x < q1 ? (q1 - x) / iqr : 0;
        }
        w.push(x);
        return Math.min(raw, 1e6);
      },
    };
  },
};

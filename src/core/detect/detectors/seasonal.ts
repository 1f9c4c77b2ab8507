import type { DetectorSpec } from "../detector.js";
import { intParam } from "../detector.js";
import { SeasonalModel } from "../stats/seasonal-model.js";
import { SortedWindow } from "../stats/sorted-window.js";
import { safeScale } from "../stats/scale.js";

export const seasonalDefaults = { history: 2400, refit: 500, cycles: 3, threshold: 4, minPeriod: 4, window: 200 };

/**
 * Seasonal residual: the period is detected from the autocorrelation of the last `history`
 * points (every `refit` points); each point is compared with the median of the same phase over
 * the previous `cycles` cycles, in units of the robust spread of past residuals (stats/seasonal-model.ts).
 * A daily cycle is therefore expected, and a missing peak is not. Until a period is found (at
 * least 4*minPeriod points and a correlation peak), the score is a robust z against the last `window` points.
 */
export const seasonalDetector: DetectorSpec<typeof seasonalDefaults> = {
  name: "seasonal",
  description: "residual against the detected cycle (autocorrelation period, same-phase median)",
  defaults: seasonalDefaults,
  threshold: (p) => p.threshold,
  create(p) {
    const model = new SeasonalModel({
      history: intParam(p.history, 16),
      refit: intParam(p.refit, 1),
      cycles: intParam(p.cycles, 1),
      residualWindow: intParam(p.window, 10),
      minPeriod: intParam(p.minPeriod, 2),
    });
    const recent = new SortedWindow(intParam(p.window, 10));
    return {
      push(_t, x) {
        const z = model.push(x);
        let raw = 0;
        if (z !== undefined) raw = Math.abs(z);
        else if (recent.count >= 10) {
          const med = recent.median();
          raw = Math.abs(x - med) / safeScale((recent.quantile(0.75) - recent.quantile(0.25)) / 1.349, med);
        }
        recent.push(x);
        return Math.min(raw, 1e6);
      },
    };
  },
};

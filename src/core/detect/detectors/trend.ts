import type { DetectorSpec } from "../detector.js";
import { intParam } from "../detector.js";
import { Ring } from "../stats/ring.js";
import { safeScale } from "../stats/scale.js";
import { olsFit, theilSenFit, directional } from "./trend-fit.js";

export const trendDefaults = { window: 50, threshold: 3, method: "ols", direction: "both", minPoints: 10 };

/**
 * Rolling trend: fits a line to the last `window` points (including this one; time in ms, so
 * irregular spacing is honoured) by OLS or Theil-Sen, and scores the change the slope implies
 * over the window's span, in units of the residual spread (std for OLS, 1.4826*MAD for Theil-Sen).
 * `direction` "up"/"down" ignores trends the other way (e.g. only falling accuracy).
 */
export const trendDetector: DetectorSpec<typeof trendDefaults> = {
  name: "trend",
  description: "rolling OLS or Theil-Sen slope: implied change over the window in noise units",
  defaults: trendDefaults,
  threshold: (p) => p.threshold,
  create(p) {
    const w = intParam(p.window, 3);
    const ts = new Ring(w);
    const xs = new Ring(w);
    const min = Math.min(intParam(p.minPoints, 3), w);
    const fit = p.method === "theil-sen" ? theilSenFit : olsFit;
    return {
      push(t, x) {
        ts.push(t);
        xs.push(x);
        if (xs.length < min) return 0;
        const tArr = ts.toArray();
        const t0 = tArr[0]!;
        const rel = tArr.map((v) => v - t0);
        const f = fit(rel, xs.toArray());
        const span = rel[rel.length - 1]! - rel[0]!;
        const change = f.slope * span;
        const raw = Math.abs(directional(change, p.direction)) / safeScale(f.spread, f.intercept);
        return Number.isFinite(raw) ? Math.min(raw, 1e6) : 0;
      },
    };
  },
};

import type { DetectorSpec } from "../detector.js";
import { intParam } from "../detector.js";
import { RollingMoments } from "../stats/rolling-moments.js";
import { safeScale } from "../stats/scale.js";

export const changepointDefaults = { window: 100, k: 0.5, h: 5, minPoints: 20 };

/**
 * Two-sided CUSUM for level shifts. Each point is standardised against the previous `window`
 * points; S+ = max(0, S+ + z - k) and S- = max(0, S- - z - k) accumulate drift beyond `k` sigmas.
 * The raw score is max(S+, S-) (threshold `h`); once it reaches h both sums restart, so a shift is
 * reported when it happens and then again only if it goes on while the window catches up.
 */
export const changepointDetector: DetectorSpec<typeof changepointDefaults> = {
  name: "changepoint",
  description: "two-sided CUSUM of standardised values: level shifts",
  defaults: changepointDefaults,
  threshold: (p) => p.h,
  create(p) {
    const m = new RollingMoments(intParam(p.window, 2));
    const min = intParam(p.minPoints, 2);
    let up = 0;
    let down = 0;
    return {
      push(_t, x) {
        let raw = 0;
        if (m.count >= min) {
          const z = Math.max(-1e3, Math.min(1e3, (x - m.mean()) / safeScale(m.std(), m.mean())));
          up = Math.max(0, up + z - p.k);
          down = Math.max(0, down - z - p.k);
          raw = Math.max(up, down);
          if (raw >= p.h) up = down = 0;
        }
        m.push(x);
        return raw;
      },
    };
  },
};

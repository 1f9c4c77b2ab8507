import type { DetectorSpec } from "../detector.js";
import { intParam } from "../detector.js";
import { seededRandom } from "../stats/prng.js";
import { RollingMoments } from "../stats/rolling-moments.js";
import { toUnit } from "../stats/scale.js";
import { fitForest, type Forest } from "./isolation-tree.js";

export const isolationForestDefaults = { window: 12, trees: 50, sample: 128, buffer: 512, refit: 256, threshold: 0.8, seed: 42 };

/**
 * Isolation Forest over window features: each point becomes [x, x - previous, x - mean of the
 * last `window` points, std of the last `window` points]. The forest is refitted every `refit`
 * points on the last `buffer` feature vectors (all from the past, seeded with `seed` + fit number,
 * so runs are reproducible) and scores the current point before it joins the buffer. The raw
 * score is the classic 2^(-E[h]/c) in (0,1]; 0 until the first fit (at `sample` points).
 */
export const isolationForestDetector: DetectorSpec<typeof isolationForestDefaults> = {
  name: "isolation-forest",
  description: "Isolation Forest over [value, step, deviation from window mean, window std]",
  defaults: isolationForestDefaults,
  threshold: (p) => p.threshold,
  unit: (raw, p) => (raw <= 0.5 + 1e-9 ? 0 : toUnit(raw - 0.5, Math.max(1e-3, p.threshold - 0.5))),
  create(p) {
    const m = new RollingMoments(intParam(p.window, 2));
    const bufferSize = intParam(p.buffer, 16);
    const buffer: number[][] = [];
    const refit = intParam(p.refit, 1);
    const minFit = Math.min(intParam(p.sample, 8), bufferSize);
    let forest: Forest | undefined;
    let since = 0;
    let fits = 0;
    let prev: number | undefined;
    return {
      push(_t, x) {
        const f = [x, prev === undefined ? 0 : x - prev, m.count ? x - m.mean() : 0, m.std()];
        if ((!forest && buffer.length >= minFit) || (forest && since >= refit)) {
          forest = fitForest(buffer, intParam(p.trees, 1), intParam(p.sample, 2), seededRandom(p.seed + fits++));
          since = 0;
        }
        const raw = forest ? forest.score(f) : 0;
        buffer.push(f);
        if (buffer.length > bufferSize) buffer.shift();
        m.push(x);
        prev = x;
        since++;
        return raw;
      },
    };
  },
};

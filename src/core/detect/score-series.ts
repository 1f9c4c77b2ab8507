import type { Datapoint } from "../../ports.js";
import type { DetectorRef } from "../types.js";
import { resolveParams } from "./detector.js";
import type { DetectorSpec, PointScorer } from "./detector.js";
import { detectors } from "./registry.js";
import { toUnit } from "./stats/scale.js";

/** One detector instantiated for one series. */
export interface BoundDetector {
  name: string;
  scorer: PointScorer;
  /** Raw score -> [0,1], 0.5 at the detector's threshold. */
  unit: (raw: number) => number;
}

/** Instantiates the named detectors; throws UserError-free `Error` only for an unknown name (the schema prevents it). */
export function bindDetectors(refs: readonly DetectorRef[]): BoundDetector[] {
  return refs.map((ref) => {
    const spec = detectors[ref.name] as DetectorSpec | undefined;
    if (!spec) throw new Error(`unknown detector "${ref.name}" (known: ${Object.keys(detectors).join(", ")})`);
    const params = resolveParams(spec.defaults, ref.params);
    const threshold = spec.threshold(params);
    const unit = spec.unit ? (raw: number) => spec.unit!(raw, params) : (raw: number) => toUnit(raw, threshold);
    return { name: ref.name, scorer: spec.create(params), unit };
  });
}

/**
 * A streaming scorer over several detectors: `push` returns the combined score in [0,1] (the
 * maximum of the detectors' unit scores) and each detector's unit score. A non-finite value is
 * a missing point: no detector sees it and its score is 0.
 */
export function streamScorer(refs: readonly DetectorRef[]) {
  const bound = bindDetectors(refs);
  const units = new Float64Array(bound.length);
  const undamped = new Float64Array(bound.length);
  const clamp = (u: number) => (u >= 0 && u <= 1 ? u : u > 1 ? 1 : 0);
  return {
    names: bound.map((b) => b.name),
    /** Each detector's unit score of the last point. */
    units,
    /** The same before alarm suppression (see PointScorer.undamped). */
    undamped,
    push(t: number, value: number): number {
      if (!Number.isFinite(value) || !Number.isFinite(t)) {
        units.fill(0);
        undamped.fill(0);
        return 0;
      }
      let best = 0;
      for (let i = 0; i < bound.length; i++) {
        const b = bound[i]!;
        const safe = clamp(b.unit(b.scorer.push(t, value)));
        units[i] = safe;
        undamped[i] = b.scorer.undamped ? clamp(b.unit(b.scorer.undamped())) : safe;
        if (safe > best) best = safe;
      }
      return best;
    },
  };
}

/** Scores a whole series (oldest first) causally; one score in [0,1] per point. */
export function scoreSeries(points: readonly Datapoint[], refs: readonly DetectorRef[]): number[] {
  const s = streamScorer(refs);
  return points.map((p) => s.push(p.t, p.value));
}

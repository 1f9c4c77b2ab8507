import type { DetectorSpec } from "./detector.js";
import { ensembleDetector } from "./ensemble/ensemble.js";

/** Every univariate detector by the name a policy uses (schemas/detectors.schema.json lists the same keys). */
export const detectors: Record<string, DetectorSpec<any>> = {
  ensemble: ensembleDetector,
};

/** The names policies may use, sorted. */
export function detectorNames(): string[] {
  return Object.keys(detectors).sort();
}

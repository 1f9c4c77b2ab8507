import { binCounts, proportions, quantileEdges } from "./binning.js";
import { chiSquareCounts } from "./chi-square.js";
import { jensenShannon } from "./jensen-shannon.js";
import { ksTwoSample } from "./ks.js";
import { psi } from "./psi.js";
import { wassersteinSorted } from "./wasserstein.js";

/** What a test sees: both samples, sorted (numeric) or as category counts over the same categories. */
export type DriftInput =
  | { kind: "numeric"; baseline: Float64Array; current: Float64Array; baselineStd: number }
  | { kind: "categorical"; categories: string[]; baseline: number[]; current: number[] };

export interface DriftTestResult {
  test: string;
  statistic: number;
  /** Only for tests with a p-value (ks, chi-square). */
  pValue?: number;
  /** The threshold applied: on the p-value when there is one (drift when p < threshold), else on the statistic (drift when statistic > threshold). */
  threshold: number;
  drift: boolean;
}

export interface DriftTest {
  name: string;
  appliesTo: ("numeric" | "categorical")[];
  /** Default threshold (see DriftTestResult.threshold). */
  threshold: number;
  run(input: DriftInput, threshold: number): DriftTestResult;
}

const byStat = (test: string, statistic: number, threshold: number): DriftTestResult => ({ test, statistic, threshold, drift: statistic > threshold });
const byP = (test: string, statistic: number, pValue: number, threshold: number): DriftTestResult => ({ test, statistic, pValue, threshold, drift: pValue < threshold });

function binned(input: DriftInput): [number[], number[]] {
  if (input.kind === "categorical") return [input.baseline, input.current];
  const edges = quantileEdges(input.baseline);
  return [binCounts(input.baseline, edges), binCounts(input.current, edges)];
}

/**
 * Every drift test by the name a policy uses (schemas/detectors.schema.json `driftTest` lists the
 * same names). Wasserstein's statistic is divided by the baseline's standard deviation, so its
 * threshold is unit-free (a constant baseline keeps the raw distance).
 */
export const driftTests: Record<string, DriftTest> = {
  ks: {
    name: "ks",
    appliesTo: ["numeric"],
    threshold: 0.01,
    run(input, thr) {
      if (input.kind !== "numeric") throw new TypeError("ks needs numeric samples");
      const r = ksTwoSample(input.baseline, input.current);
      return byP("ks", r.statistic, r.pValue, thr);
    },
  },
  psi: {
    name: "psi",
    appliesTo: ["numeric", "categorical"],
    threshold: 0.2,
    run(input, thr) {
      const [b, c] = binned(input);
      return byStat("psi", psi(proportions(b), proportions(c)), thr);
    },
  },
  "chi-square": {
    name: "chi-square",
    appliesTo: ["categorical"],
    threshold: 0.01,
    run(input, thr) {
      if (input.kind !== "categorical") throw new TypeError("chi-square needs categorical counts");
      const r = chiSquareCounts(input.baseline, input.current);
      return byP("chi-square", r.statistic, r.pValue, thr);
    },
  },
  wasserstein: {
    name: "wasserstein",
    appliesTo: ["numeric"],
    threshold: 0.1,
    run(input, thr) {
      if (input.kind !== "numeric") throw new TypeError("wasserstein needs numeric samples");
      const w = wassersteinSorted(input.baseline, input.current);
      return byStat("wasserstein", input.baselineStd > 0 ? w / input.baselineStd : w, thr);
    },
  },
  "jensen-shannon": {
    name: "jensen-shannon",
    appliesTo: ["numeric", "categorical"],
    threshold: 0.1,
    run(input, thr) {
      const [b, c] = binned(input);
      return byStat("jensen-shannon", jensenShannon(b, c), thr);
    },
  },
};

/** Tests run by default per column kind (DESIGN.md: numeric KS, PSI, Wasserstein, JS; text chi-square and JS). */
export const DEFAULT_DRIFT_TESTS = {
  numeric: ["ks", "psi", "wasserstein", "jensen-shannon"],
  categorical: ["chi-square", "jensen-shannon"],
} as const;

import type { Datapoint } from "../../../ports.js";
import { resolveParams, type DetectorParams } from "../detector.js";
import type { MultiScore } from "./align.js";
import { correlationBreak, correlationBreakDefaults } from "./correlation-break.js";
import { mahalanobisScores, mahalanobisDefaults } from "./mahalanobis.js";

/** A detector over several aligned metrics of one model, as a multi-metric check names it. */
export interface MultivariateSpec {
  name: string;
  /** Every parameter with its default; the keys are the only parameters the detector accepts. */
  defaults: DetectorParams;
  /** How many series it scores: `min` to `max` (inclusive). */
  arity: { min: number; max: number };
  /** Aligned points it needs before its first non-zero score, for `series` metrics. */
  warmup(params: DetectorParams, series: number): number;
  /** Scores per common timestamp, causal, score in [0,1] with 0.5 at the threshold. */
  score(series: readonly (readonly Datapoint[])[], params: DetectorParams): MultiScore[];
}

const num = (p: DetectorParams, k: string) => Number(p[k]);

/**
 * Every multivariate detector by the name a policy uses. schemas/detectors.schema.json lists the
 * same names under multivariateDetectorName, and the same parameters (a test keeps them equal).
 */
export const multivariateDetectors: Record<string, MultivariateSpec> = {
  "correlation-break": {
    name: "correlation-break",
    defaults: { ...correlationBreakDefaults },
    arity: { min: 2, max: 2 },
    warmup: (p) => Math.max(4, Math.round(num(p, "window"))) + Math.max(4, Math.round(num(p, "reference"))),
    score: (s, p) => correlationBreak(s[0]!, s[1]!, { window: num(p, "window"), reference: num(p, "reference"), threshold: num(p, "threshold") }),
  },
  mahalanobis: {
    name: "mahalanobis",
    defaults: { ...mahalanobisDefaults },
    arity: { min: 2, max: Infinity },
    warmup: (p, d) => Math.max(d + 2, Math.round(num(p, "minPoints"))) + 1,
    score: (s, p) => mahalanobisScores(s, { window: num(p, "window"), minPoints: num(p, "minPoints"), threshold: num(p, "threshold") }),
  },
};

/** The spec and resolved parameters of a multivariate detector reference; undefined for an unknown name. */
export function resolveMultivariate(ref: { name: string; params: Record<string, unknown> }): { spec: MultivariateSpec; params: DetectorParams } | undefined {
  const spec = multivariateDetectors[ref.name];
  return spec ? { spec, params: resolveParams(spec.defaults, ref.params) } : undefined;
}

import { errorFunction, mean, sampleVariance } from "simple-statistics";
import type { Datapoint } from "../../ports.js";
import type { MetricBound, StageVariant } from "../types.js";
import type { VariantOutcome } from "./types.js";

export interface VariantComparisonInput {
  /** The variants of the split, with each one's points (oldest first). */
  variants: { variant: StageVariant; points: Datapoint[] }[];
  /** The check's threshold says which way is better: a `min` means higher is better, a `max` lower. */
  threshold: MetricBound;
  /** How long the split has served, in seconds. */
  servedSeconds: number;
  /** The bake time the challenger must hold up for before the split is completed, in seconds. */
  bakeSeconds: number;
  /** One-sided significance level for "worse"; default 0.01. */
  alpha?: number;
  /** Smallest relative difference of the means that matters; default 0.02 (2 %). */
  margin?: number;
  /** Fewest points per variant for any decision; default 12. */
  minPoints?: number;
}

/**
 * Compares the challenger of a weighted split (the variant with the smallest weight; ties: the later
 * one) with the champion (the largest weight). Welch's t statistic on the points since the split
 * began, with a normal approximation for the one-sided p-value (the samples are large: one point
 * per period). Significantly worse (p < alpha and worse by more than `margin`) ends the split; not
 * worse after the bake time completes it; anything else keeps it. Undefined when the check has no
 * direction (no threshold), the split has fewer than two variants, or a variant has too few points.
 */
export function compareVariants(input: VariantComparisonInput): VariantOutcome | undefined {
  const higherIsBetter = input.threshold.min !== undefined ? true : input.threshold.max !== undefined ? false : undefined;
  if (higherIsBetter === undefined || input.variants.length < 2) return undefined;
  const alpha = input.alpha ?? 0.01;
  const margin = input.margin ?? 0.02;
  const minPoints = input.minPoints ?? 12;
  const byWeight = input.variants.map((v, i) => ({ ...v, i })).sort((a, b) => b.variant.weight - a.variant.weight || a.i - b.i);
  const champ = byWeight[0]!;
  const chall = byWeight[byWeight.length - 1]!;
  const a = champ.points.map((p) => p.value).filter(Number.isFinite);
  const b = chall.points.map((p) => p.value).filter(Number.isFinite);
  if (a.length < minPoints || b.length < minPoints) return undefined;
  const ma = mean(a);
  const mb = mean(b);
  const se = Math.sqrt(sampleVariance(a) / a.length + sampleVariance(b) / b.length);
  const worseBy = higherIsBetter ? ma - mb : mb - ma;
  const z = se > 0 ? worseBy / se : worseBy > 0 ? Infinity : worseBy < 0 ? -Infinity : 0;
  const pValue = 0.5 * (1 - errorFunction(Math.max(-8, Math.min(8, z)) / Math.SQRT2));
  const relativeWorse = ma !== 0 ? worseBy / Math.abs(ma) : 0;
  const worse = pValue < alpha && relativeWorse > margin;
  const baked = input.servedSeconds >= input.bakeSeconds;
  const decision = worse ? "end-split" : baked ? "complete-split" : "keep";
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const reason = worse
    ? `challenger ${chall.variant.version} is worse than ${champ.variant.version} by ${pct(relativeWorse)} (p = ${pValue.toExponential(2)})`
    : baked
      ? `challenger ${chall.variant.version} held up for the bake time (difference ${pct(relativeWorse)}, p = ${pValue.toFixed(3)})`
      : `challenger ${chall.variant.version} is still baking`;
  return {
    decision,
    champion: { version: champ.variant.version, weight: champ.variant.weight, mean: ma, n: a.length },
    challenger: { version: chall.variant.version, weight: chall.variant.weight, mean: mb, n: b.length },
    pValue,
    relativeWorse,
    servedSeconds: input.servedSeconds,
    reason,
  };
}

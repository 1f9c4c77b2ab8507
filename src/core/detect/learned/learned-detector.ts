import type { DetectorSpec } from "../detector.js";
import { intParam } from "../detector.js";
import { ErrorRatio, EwScaler } from "./scaler.js";

/** Parameters every learned detector shares: the scaler's and error ratio's weight, its warm-up and its threshold. */
export interface LearnedParams {
  alpha: number;
  minPoints: number;
  threshold: number;
  [key: string]: number;
}

/** A network trained online: takes one scaled value, returns its error (forecast or reconstruction) before learning from it. */
export interface OnlineNet {
  push(scaled: number): number;
}

/**
 * The raw score of a learned detector: the value scaled by its own past (EwScaler), the network's
 * error on it, in units of its usual error (ErrorRatio); 0 for the first `minPoints` points.
 */
export function learnedRaw(p: LearnedParams, net: OnlineNet): (x: number) => number {
  const alpha = Math.min(Math.max(p.alpha, 1e-4), 1);
  const scaler = new EwScaler(alpha);
  const ratio = new ErrorRatio(alpha, intParam(p.minPoints, 2));
  return (x) => ratio.push(net.push(scaler.push(x)));
}

/** The registry entry of a learned detector whose raw score is `raw(params)`. */
export function learnedDetector<P extends LearnedParams>(name: string, description: string, defaults: P, raw: (p: P) => (x: number) => number): DetectorSpec<P> {
  return {
    name,
    description,
    defaults,
    threshold: (p) => p.threshold,
    create(p) {
      const score = raw(p);
      return { push: (_t, x) => score(x) };
    },
  };
}

import { intParam } from "../detector.js";
import { learnedDetector, learnedRaw } from "../learned/learned-detector.js";
import { LstmForecaster } from "../learned/lstm-net.js";

export const lstmDefaults = { hidden: 8, seq: 16, every: 4, rate: 0.01, alpha: 0.01, minPoints: 100, threshold: 4, seed: 42 };
export type LstmParams = typeof lstmDefaults;

/** A PointScorer's raw-score function over an online LSTM forecaster (see learned/lstm-net.ts). */
export function lstmRaw(p: LstmParams): (x: number) => number {
  return learnedRaw(p, new LstmForecaster({ hidden: intParam(p.hidden, 1), seq: intParam(p.seq, 1), every: intParam(p.every, 1), rate: p.rate, seed: intParam(p.seed, 0) }));
}

/**
 * LSTM forecaster: the one-step forecast error of a small LSTM trained online on the series'
 * own past (truncated BPTT every `every` points, Adam), in units of its usual error. The series is
 * scaled by an exponentially weighted level and deviation (weight `alpha`) before the network sees it.
 */
export const lstmDetector = learnedDetector("lstm", "forecast error of an LSTM trained online on the series' past", lstmDefaults, lstmRaw);

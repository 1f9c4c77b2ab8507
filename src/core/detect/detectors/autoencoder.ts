import { intParam } from "../detector.js";
import { WindowAutoencoder } from "../learned/autoencoder-net.js";
import { learnedDetector, learnedRaw } from "../learned/learned-detector.js";

export const autoencoderDefaults = { window: 16, code: 4, every: 1, rate: 0.005, alpha: 0.01, minPoints: 100, threshold: 4, seed: 42 };
export type AutoencoderParams = typeof autoencoderDefaults;

/** A PointScorer's raw-score function over an online window autoencoder (see learned/autoencoder-net.ts). */
export function autoencoderRaw(p: AutoencoderParams): (x: number) => number {
  return learnedRaw(p, new WindowAutoencoder({ window: intParam(p.window, 2), code: intParam(p.code, 1), every: intParam(p.every, 1), rate: p.rate, seed: intParam(p.seed, 0) }));
}

/**
 * Autoencoder: the reconstruction error of the window ending at each point by a dense autoencoder
 * (window -> code -> window) trained online on the earlier windows (Adam, one step every `every`
 * points), in units of its usual error. Scaled as the `lstm` detector.
 */
export const autoencoderDetector = learnedDetector("autoencoder", "reconstruction error of a window autoencoder trained online on the series' past", autoencoderDefaults, autoencoderRaw);

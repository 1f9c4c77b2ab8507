import type { DetectorSpec } from "./detector.js";
import { ensembleDetector } from "./ensemble/ensemble.js";
import { zscoreDetector } from "./detectors/zscore.js";
import { robustZscoreDetector } from "./detectors/robust-zscore.js";
import { iqrDetector } from "./detectors/iqr.js";
import { ewmaDetector } from "./detectors/ewma.js";
import { trendDetector } from "./detectors/trend.js";
import { mannKendallDetector } from "./detectors/mann-kendall.js";
import { changepointDetector } from "./detectors/changepoint.js";
import { seasonalDetector } from "./detectors/seasonal.js";
import { isolationForestDetector } from "./detectors/isolation-forest.js";
import { lstmDetector } from "./detectors/lstm.js";
import { autoencoderDetector } from "./detectors/autoencoder.js";

/**
 * Every univariate detector by the name a policy uses. schemas/detectors.schema.json lists the
 * same names (a test keeps them equal). Adding a detector is one file and one line here.
 */
export const detectors: Record<string, DetectorSpec<any>> = {
  zscore: zscoreDetector,
  "robust-zscore": robustZscoreDetector,
  iqr: iqrDetector,
  ewma: ewmaDetector,
  trend: trendDetector,
  "mann-kendall": mannKendallDetector,
  changepoint: changepointDetector,
  seasonal: seasonalDetector,
  "isolation-forest": isolationForestDetector,
  lstm: lstmDetector,
  autoencoder: autoencoderDetector,
  ensemble: ensembleDetector,
};

/** The names policies may use, sorted. */
export function detectorNames(): string[] {
  return Object.keys(detectors).sort();
}

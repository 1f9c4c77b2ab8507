/** The detection engine's public surface, for commands (monitor, detect) and the bench. */
export { evaluateCheck, ANOMALY_SCORE, EVIDENCE_POINTS } from "./evaluate-check.js";
export { evaluateMultiCheck } from "./evaluate-multi-check.js";
export { multivariateDetectors } from "./multivariate/registry.js";
export { DEFAULT_DETECTORS } from "./default-config.js";
export { detectors, detectorNames } from "./registry.js";
export { scoreSeries, streamScorer } from "./score-series.js";
export { correlationBreak } from "./multivariate/correlation-break.js";
export { mahalanobisScores } from "./multivariate/mahalanobis.js";
export { alignSeries, type MultiScore } from "./multivariate/align.js";
export type { CheckVerdict, EvaluateCheck, EvaluateMultiCheck } from "./types.js";

import type { DetectorRef } from "../types.js";

/**
 * The detector configuration used when a check names none: the one `steward monitor` and
 * `steward detect` share, and the one measured on NAB (docs/detection.md).
 */
export const DEFAULT_DETECTORS: readonly DetectorRef[] = Object.freeze([{ name: "ensemble", params: {} }]);

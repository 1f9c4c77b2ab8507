/**
 * The shape every univariate detector has. A detector is created once per series and fed its
 * points in time order; `push` returns the raw score of that point, computed from that point and
 * the ones before it only (causal). Non-finite values never reach a detector: the caller
 * (score-series.ts) treats them as missing.
 */
export interface PointScorer {
  /** Feeds one point (epoch ms, finite value) and returns its raw score: finite, >= 0, 0 meaning normal. */
  push(t: number, value: number): number;
  /**
   * The raw score of the last point before any alarm suppression, for detectors that damp repeated
   * alarms within one incident (the ensemble). The monitor counts sustained points on it; absent
   * means the same as push's result.
   */
  undamped?(): number;
}

/** Parameters as a policy gives them: numbers, strings and booleans by name. */
export type DetectorParams = Record<string, number | string | boolean>;

export interface DetectorSpec<P extends DetectorParams = DetectorParams> {
  name: string;
  /** One line for docs and `--help`. */
  description: string;
  /** Every parameter with its default; the keys are the only parameters the detector accepts. */
  defaults: P;
  /** Raw score at or above which the point is anomalous (the detector's own unit). */
  threshold(params: P): number;
  create(params: P): PointScorer;
  /** Maps a raw score to [0,1] with 0.5 at the threshold; default `toUnit` (stats/scale.ts). */
  unit?(raw: number, params: P): number;
}

/**
 * Merges policy parameters over the defaults, keeping only known keys whose type matches the
 * default's. Unknown keys and mistyped values are ignored here; the schema reports them at validate time.
 */
export function resolveParams<P extends DetectorParams>(defaults: P, given: Record<string, unknown> | undefined): P {
  const out: DetectorParams = { ...defaults };
  for (const [k, v] of Object.entries(given ?? {})) {
    const d = defaults[k];
    if (d === undefined || typeof v !== typeof d) continue;
    if (typeof v === "number" && !Number.isFinite(v)) continue;
    out[k] = v as number | string | boolean;
  }
  return out as P;
}

/** An integer parameter of at least `min`. */
export function intParam(v: number, min: number): number {
  return Math.max(min, Math.round(v));
}

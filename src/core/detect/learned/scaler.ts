/**
 * Puts a series on a unit scale for the learned detectors, from its past only: an exponentially
 * weighted level and mean absolute deviation (weight `alpha`), updated after each point is scaled.
 * Scaled values are clipped to +-`limit`, so an outlier neither saturates the networks nor
 * dominates their training.
 */
export class EwScaler {
  private level = 0;
  private dev = 0;
  private n = 0;

  constructor(
    private readonly alpha: number,
    private readonly limit = 8,
  ) {}

  /** x on the scale of the points before it (0 for the first point). */
  push(x: number): number {
    if (this.n === 0) {
      this.level = x;
      this.n = 1;
      return 0;
    }
    const a = this.n < 1 / this.alpha ? 1 / (this.n + 1) : this.alpha;
    const d = x - this.level;
    const floor = Math.abs(this.level) * 1e-6 || 1e-9;
    const s = Math.max(this.dev * 1.25, floor);
    const z = d / s;
    this.level += a * d;
    this.dev += a * (Math.abs(d) - this.dev);
    this.n++;
    return z > this.limit ? this.limit : z < -this.limit ? -this.limit : z;
  }
}

/**
 * A running scale of a detector's own errors: raw = |error| / (EW mean of past |error|), so the
 * score is in "times the usual error" whatever the series. Zero until `minPoints` errors are seen.
 */
export class ErrorRatio {
  private mean = 0;
  private n = 0;

  constructor(
    private readonly alpha: number,
    private readonly minPoints: number,
  ) {}

  push(error: number): number {
    const e = Math.abs(error);
    const raw = this.n >= this.minPoints ? e / Math.max(this.mean, 1e-6) : 0;
    const a = this.n < 1 / this.alpha ? 1 / (this.n + 1) : this.alpha;
    this.mean += a * (e - this.mean);
    this.n++;
    return raw > 1e3 ? 1e3 : raw;
  }
}

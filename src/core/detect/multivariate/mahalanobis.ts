import type { Datapoint } from "../../../ports.js";
import { toUnit } from "../stats/scale.js";
import { alignSeries, type MultiScore } from "./align.js";
import { symmetricEigen } from "./eigen.js";

export interface MahalanobisOptions {
  /** Past points whose mean and covariance define "usual". */
  window: number;
  /** Points needed before scoring (at least the number of metrics + 2). */
  minPoints: number;
  /** RMS standardised deviation per principal component at which the vector is anomalous. */
  threshold: number;
}

export const mahalanobisDefaults: MahalanobisOptions = { window: 200, minPoints: 30, threshold: 3 };

/**
 * PCA / Mahalanobis score over a metric vector (several aligned series of one model): at each
 * common timestamp, the mean and covariance of the previous `window` vectors are diagonalised
 * (PCA) and the current vector's deviation is projected on the components: d^2 = sum(proj_k^2 /
 * lambda_k), with each lambda floored at 1e-9 of the total variance (plus an absolute floor), so
 * constant or collinear metrics stay finite. raw = sqrt(d^2 / metrics). Causal.
 */
export function mahalanobisScores(series: readonly (readonly Datapoint[])[], options: Partial<MahalanobisOptions> = {}): MultiScore[] {
  const o = { ...mahalanobisDefaults, ...options };
  const { times, rows } = alignSeries(series);
  const d = series.length;
  const w = Math.max(d + 2, Math.round(o.window));
  const min = Math.max(d + 2, Math.round(o.minPoints));
  return times.map((t, i) => {
    const from = Math.max(0, i - w);
    const n = i - from;
    if (n < min || d === 0) return { t, raw: 0, score: 0 };
    const mean = new Array<number>(d).fill(0);
    for (let r = from; r < i; r++) for (let k = 0; k < d; k++) mean[k]! += rows[r]![k]! / n;
    const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let r = from; r < i; r++) {
      for (let j = 0; j < d; j++) {
        const dj = rows[r]![j]! - mean[j]!;
        for (let k = j; k < d; k++) cov[j]![k]! += (dj * (rows[r]![k]! - mean[k]!)) / n;
      }
    }
    for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) cov[j]![k] = cov[k]![j]!;
    const { values, vectors } = symmetricEigen(cov);
    const total = values.reduce((s, v) => s + Math.max(0, v), 0);
    const floor = Math.max(total * 1e-9, 1e-12 * (1 + mean.reduce((s, v) => s + v * v, 0)));
    let d2 = 0;
    for (let k = 0; k < d; k++) {
      let proj = 0;
      for (let j = 0; j < d; j++) proj += (rows[i]![j]! - mean[j]!) * vectors[j]![k]!;
      d2 += (proj * proj) / Math.max(values[k]!, floor);
    }
    const raw = Math.min(Math.sqrt(d2 / d), 1e6);
    return { t, raw, score: toUnit(raw, o.threshold) };
  });
}

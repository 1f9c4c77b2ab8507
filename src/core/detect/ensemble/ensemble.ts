import type { DetectorSpec, PointScorer } from "../detector.js";
import { intParam } from "../detector.js";
import { SortedWindow } from "../stats/sorted-window.js";
import { RollingMoments } from "../stats/rolling-moments.js";
import { safeScale } from "../stats/scale.js";
import { SeasonalModel } from "../stats/seasonal-model.js";
import { RecordRatio } from "./record.js";

export const ensembleDefaults = {
  /** Points of history for the robust level and spread. */
  window: 600,
  /** Points of history of each signal used to calibrate it. */
  calibration: 2000,
  /** Points averaged before calibration (short view). */
  short: 4,
  /** Points before the first non-zero score. */
  warmup: 50,
  /** Points after an alarm during which further alarms are damped. */
  suppress: 100,
  /** Score at which a point counts as an alarm (for suppression). */
  alarm: 0.5,
  /** Factor applied to alarms within `suppress` points of the previous one. */
  damp: 0.5,
  /** z at which the score is 0.5. */
  scale: 1,
  /** Points averaged for the level-shift view. */
  levelWindow: 12,
  levelGain: 1,
  /** Weight of the other views' ratios added to the largest one. */
  mix: 0,
  level2Window: 48,
  level2Gain: 1,
  escalate: 0,
  volGain: 0,
  spikeGain: 1,
  jumpGain: 1,
  seasonGain: 1,
  /** Quantile of a signal's history that calibrates it. */
  quantile: 0.995,
  /** Points of history for period detection (longest period: half of it). */
  seasonHistory: 2400,
};
export type EnsembleParams = typeof ensembleDefaults;

function createEnsemble(p: EnsembleParams): PointScorer {
  const window = intParam(p.window, 10);
  const values = new SortedWindow(window);
  const diffs = new SortedWindow(window);
  const moments = new RollingMoments(window);
  const spike = new RecordRatio(intParam(p.calibration, 10), intParam(p.short, 1), p.quantile, 30);
  const jump = new RecordRatio(intParam(p.calibration, 10), intParam(p.short, 1), p.quantile, 30);
  const seasonal = new SeasonalModel({ history: intParam(p.seasonHistory, 16), refit: 500, cycles: 3, residualWindow: window, minPeriod: 4 });
  const season = new RecordRatio(intParam(p.calibration, 10), intParam(p.short, 1), p.quantile, 30);
  const level = new RecordRatio(intParam(p.calibration, 10), 1, p.quantile, 30);
  const recent = new RollingMoments(intParam(p.levelWindow, 2));
  const level2 = new RecordRatio(intParam(p.calibration, 10), 1, p.quantile, 30);
  const recent2 = new RollingMoments(intParam(p.level2Window, 2));
  const vol = new RecordRatio(intParam(p.calibration, 10), 1, p.quantile, 30);
  let prev: number | undefined;
  let n = 0;
  let lastAlarm = -Infinity;
  let lastRatio = 0;
  return {
    push(_t, x) {
      let score = 0;
      if (values.count >= 10) {
        const med = values.median();
        const spread = safeScale((values.quantile(0.75) - values.quantile(0.25)) / 1.349 || moments.std(), med);
        const z = Math.abs(x - med) / spread;
        const d = prev === undefined ? 0 : Math.abs(x - prev);
        const dScale = safeScale(diffs.quantile(0.5) * 1.4826 || diffs.quantile(0.9), spread);
        const dz = d / dScale;
        const s1 = spike.push(Math.min(z, 1e3));
        const s2 = jump.push(Math.min(dz, 1e3));
        const sz = seasonal.push(x);
        const s3 = sz === undefined ? 0 : season.push(Math.min(Math.abs(sz), 1e3));
        recent.push(x);
        const lz = (Math.abs(recent.mean() - med) / spread) * (p.levelGain as number);
        const s4 = level.push(Math.min(lz, 1e3));
        recent2.push(x);
        const s5 = p.level2Gain > 0 ? level2.push(Math.min(Math.abs(recent2.mean() - med) / spread, 1e3)) * p.level2Gain : 0;
        const s6 = p.volGain > 0 ? vol.push(Math.min(recent.std() / spread, 1e3)) * p.volGain : 0;
        const top = Math.max(s1 * p.spikeGain, s2 * p.jumpGain, s3 * p.seasonGain, s4, s5, s6, 0);
        const zmax = top + p.mix * (Math.max(0, s1) + Math.max(0, s2) + Math.max(0, s3) + Math.max(0, s4) - top);
        score = n >= p.warmup ? zmax / (zmax + p.scale) : 0;
        if (score >= p.alarm) {
          if (n - lastAlarm <= p.suppress && !(p.escalate > 0 && zmax > p.escalate * lastRatio)) score *= p.damp;
          else {
            lastAlarm = n;
            lastRatio = zmax;
          }
        }
      }
      else {
        seasonal.push(x);
        recent.push(x);
        recent2.push(x);
      }
      if (prev !== undefined) diffs.push(Math.abs(x - prev));
      values.push(x);
      moments.push(x);
      prev = x;
      n++;
      return score;
    },
  };
}

/** The default detector: several causal views of the series, each calibrated against its own history, fused to one score in [0,1]. */
export const ensembleDetector: DetectorSpec<EnsembleParams> = {
  name: "ensemble",
  description: "all views combined: robust level, jumps, level shifts and the seasonal residual, calibrated to one score in [0,1]",
  defaults: ensembleDefaults,
  threshold: () => 0.5,
  create: createEnsemble,
  unit: (raw) => raw,
};

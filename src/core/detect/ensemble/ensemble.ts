import type { DetectorSpec, PointScorer } from "../detector.js";
import { intParam } from "../detector.js";
import { RecordRatio } from "./record.js";
import { EnsembleViews } from "./views.js";
import { lstmDefaults, lstmRaw } from "../detectors/lstm.js";
import { autoencoderDefaults, autoencoderRaw } from "../detectors/autoencoder.js";

/** The default configuration: the one `steward monitor` and `steward detect` use, measured on NAB (docs/detection.md). */
export const ensembleDefaults = {
  /** Points of history for the robust level, spread and typical step. */
  window: 600,
  /** Points of history of each view used to calibrate it. */
  calibration: 2000,
  /** Quantile of a view's history that calibrates it (its ratio is 1 there). */
  quantile: 0.995,
  /** Points averaged before calibration for the spike, jump and seasonal views. */
  short: 4,
  /** Points averaged by the short and long level views. */
  levelWindow: 12,
  level2Window: 48,
  /** Points of history for period detection (longest period: half of it). */
  seasonHistory: 2400,
  /** Points before the first non-zero score. */
  warmup: 50,
  /** Points after an alarm (score >= 0.5) during which further alarms are damped by `damp`. */
  suppress: 100,
  damp: 0.5,
  maxShare: 0.25,
  /** Adds the `lstm` detector's forecast error as a sixth view (its default parameters). */
  lstm: false,
  /** The lstm view's hidden units, points between training steps and BPTT length (its cost: see docs/detection.md). */
  lstmHidden: 8,
  lstmEvery: 4,
  lstmSeq: 16,
  /**
   * Weight of the learned views' ratios (lstm, autoencoder) before they are fused: below 1, a
   * learned view must exceed its own record by a margin of 1 / weight to raise an alarm (their
   * errors are heavier-tailed than the statistical views; chosen by cross-validation).
   */
  learnedWeight: 1,
  /** Adds the `autoencoder` detector's reconstruction error as a view (its default parameters). */
  autoencoder: false,
  /**
   * An alarm is a new record: a fused ratio strictly above 1. With `strict`, a tie with the
   * reference (ratio exactly 1, common in quantised metrics) scores just below 0.5 and starts no
   * suppression; without it a tie scores 0.5 and damps the alarms that follow.
   */
  strict: false,
  /** How the views' ratios are fused: 0 takes the largest; p > 0 their p-norm, so that agreeing views rank above one alone. */
  pnorm: 0,
  /** Weight of the views' mean added to the fused ratio, so that equal ratios (ties with the reference, common in quantised metrics) rank by the other views' evidence instead of sitting at exactly 0.5. */
  tieBreak: 0,
};
export type EnsembleParams = typeof ensembleDefaults;

function createEnsemble(p: EnsembleParams): PointScorer {
  const views = new EnsembleViews({
    window: intParam(p.window, 10),
    levelWindow: intParam(p.levelWindow, 1),
    level2Window: intParam(p.level2Window, 1),
    seasonHistory: intParam(p.seasonHistory, 16),
  });
  const calibration = intParam(p.calibration, 10);
  const short = intParam(p.short, 1);
  const ratio = (avg: number) => new RecordRatio(calibration, avg, p.quantile, 30, p.maxShare);
  const spike = ratio(short);
  const jump = ratio(short);
  const season = ratio(short);
  const levelShort = ratio(1);
  const levelLong = ratio(1);
  const learned = [
    ...(p.lstm ? [{ raw: lstmRaw({ ...lstmDefaults, hidden: p.lstmHidden, every: p.lstmEvery, seq: p.lstmSeq }), cal: ratio(short) }] : []),
    ...(p.autoencoder ? [{ raw: autoencoderRaw(autoencoderDefaults), cal: ratio(short) }] : []),
  ];
  const rs = new Float64Array(learned.length + 5);
  let n = 0;
  let lastAlarm = -Infinity;
  let undamped = 0;
  return {
    undamped: () => undamped,
    push(_t, x) {
      const v = views.push(x);
      n++;
      undamped = 0;
      let k = 0;
      for (const l of learned) {
        const raw = l.raw(x);
        if (v) rs[k++] = p.learnedWeight * l.cal.push(raw);
      }
      if (!v) return 0;
      rs[k++] = spike.push(v.spike);
      rs[k++] = jump.push(v.jump);
      rs[k++] = v.seasonal === undefined ? 0 : season.push(v.seasonal);
      rs[k++] = levelShort.push(v.levelShort);
      rs[k++] = levelLong.push(v.levelLong);
      let r = fuse(rs, k, p.pnorm);
      if (p.tieBreak > 0) {
        let sum = 0;
        for (let i = 0; i < k; i++) sum += rs[i]!;
        r += (p.tieBreak * sum) / k;
      }
      if (n <= p.warmup) return 0;
      // a value equal to the reference (common in quantised metrics) is a tie, whatever the rounding
      const tie = p.tieBreak <= 0 && Math.abs(r - 1) < 1e-9;
      const rt = tie ? (p.strict ? TIE_RATIO : 1) : r;
      let score = rt / (rt + 1);
      undamped = score;
      if (score >= 0.5) {
        if (n - lastAlarm <= p.suppress) score *= p.damp;
        else lastAlarm = n;
      }
      return score;
    },
  };
}

/** The ratio a tie with the reference stands for under `strict`: just below a record (score 0.49975). */
const TIE_RATIO = 0.999;

/** The largest of the first k ratios (pnorm 0), or their p-norm. */
function fuse(rs: Float64Array, k: number, pnorm: number): number {
  let max = 0;
  for (let i = 0; i < k; i++) if (rs[i]! > max) max = rs[i]!;
  if (!(pnorm > 0) || max === 0) return max;
  let s = 0;
  for (let i = 0; i < k; i++) s += Math.pow(rs[i]! / max, pnorm);
  return max * Math.pow(s, 1 / pnorm);
}

/**
 * The default detector. Five causal views of the series (spike against the rolling median, jump
 * against the typical step, residual against the detected cycle, short and long level shifts),
 * each calibrated against its own history by RecordRatio (1 = as extreme as the rare highs seen
 * so far), fused by taking the largest ratio r, mapped to r / (r + 1) so 0.5 means "a new record".
 * An alarm damps the alarms of the next `suppress` points, so one incident raises one alarm.
 */
export const ensembleDetector: DetectorSpec<EnsembleParams> = {
  name: "ensemble",
  description: "all views combined: spikes, jumps, seasonal residual and level shifts, calibrated to one score in [0,1]",
  defaults: ensembleDefaults,
  threshold: () => 0.5,
  create: createEnsemble,
  unit: (raw) => raw,
};

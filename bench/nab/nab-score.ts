/**
 * NAB v1.1 scoring, written from NAB's published rules, for the cross-validation in run.ts:
 * per file the first 15% of rows (at most 750) are not scored; a window is credited with its best
 * detection (the earliest scores most, scaledSigmoid of its position, normalised so the start is
 * worth tpWeight); a window without detection costs fnWeight; each detection outside every window
 * costs fpWeight x scaledSigmoid of its distance after the previous window (-1 before any). One
 * threshold for a whole set of files: either given, or swept (the highest threshold of the best
 * total, as NAB's optimiser). Normalised: 0 = the null detector at its best threshold, 100 = perfect.
 * Checked against /work/shared/data/nab/score.mjs (test: bench/nab/README.md).
 */
export interface CostProfile {
  tp: number;
  fp: number;
  fn: number;
}

export const PROFILES: Record<string, CostProfile> = {
  standard: { tp: 1, fp: 0.11, fn: 1 },
  reward_low_FP_rate: { tp: 1, fp: 0.22, fn: 1 },
  reward_low_FN_rate: { tp: 1, fp: 0.11, fn: 2 },
};

/** One series with its labels: window index ranges (inclusive), in time order. */
export interface LabelledSeries {
  name: string;
  category: string;
  rows: number;
  windows: { start: number; end: number }[];
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const scaledSigmoid = (rel: number) => (rel > 3 ? -1 : 2 * sigmoid(-5 * rel) - 1);
const MAX_TP = scaledSigmoid(-1);

/** Per row: the window it belongs to (-1 outside, -2 probationary) and its weight before the profile's costs. */
interface Sweep {
  win: Int32Array;
  weight: Float64Array;
  /** Windows with at least one scored row (a window inside the probation is not counted, as in NAB). */
  live: number;
}

const sweeps = new WeakMap<LabelledSeries, Sweep>();

function sweepOf(s: LabelledSeries): Sweep {
  const cached = sweeps.get(s);
  if (cached) return cached;
  const n = s.rows;
  const probation = Math.min(Math.floor(0.15 * n), 750);
  const win = new Int32Array(n).fill(-1);
  const weight = new Float64Array(n);
  let w = 0;
  let prevEnd: number | undefined;
  let prevWidth = 0;
  for (let i = 0; i < n; i++) {
    while (w < s.windows.length && i > s.windows[w]!.end) {
      prevEnd = s.windows[w]!.end;
      prevWidth = s.windows[w]!.end - s.windows[w]!.start + 1;
      w++;
    }
    const cur = w < s.windows.length && i >= s.windows[w]!.start ? s.windows[w]! : undefined;
    if (cur) {
      win[i] = w;
      weight[i] = scaledSigmoid(-(cur.end - i + 1) / (cur.end - cur.start + 1)) / MAX_TP;
    } else {
      weight[i] = prevEnd === undefined ? -1 : scaledSigmoid(Math.abs(prevEnd - i) / (prevWidth - 1));
    }
    if (i < probation) win[i] = -2;
  }
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) if (win[i]! >= 0) seen.add(win[i]!);
  const out = { win, weight, live: seen.size };
  sweeps.set(s, out);
  return out;
}

const nullCache = new Map<string, number>();

export interface SetScore {
  raw: number;
  threshold: number;
  normalized: number;
  windows: number;
}

/**
 * The raw score of a set of series at `threshold` (or at the best threshold when undefined),
 * normalised against the null detector of the same set. `scores[i]` are the scores of `set[i]`.
 */
export function scoreSet(set: readonly LabelledSeries[], scores: readonly ArrayLike<number>[], cost: CostProfile, threshold?: number): SetScore {
  const windows = set.reduce((a, s) => a + s.windows.length, 0);
  const best = threshold === undefined ? sweepBest(set, scores, cost) : { raw: rawAt(set, scores, cost, threshold), threshold };
  const nullKey = `${cost.tp}/${cost.fp}/${cost.fn}:${set.map((s) => s.name).join("|")}`;
  let nullRaw = nullCache.get(nullKey);
  if (nullRaw === undefined) {
    nullRaw = sweepBest(set, set.map((s) => new Float64Array(s.rows).fill(0.5)), cost).raw;
    nullCache.set(nullKey, nullRaw);
  }
  const perfect = windows * cost.tp;
  const normalized = perfect === nullRaw ? NaN : (100 * (best.raw - nullRaw)) / (perfect - nullRaw);
  return { raw: best.raw, threshold: best.threshold, normalized, windows };
}

function rawAt(set: readonly LabelledSeries[], scores: readonly ArrayLike<number>[], cost: CostProfile, threshold: number): number {
  let total = 0;
  set.forEach((s, k) => {
    const { win, weight } = sweepOf(s);
    const sc = scores[k]!;
    const best = new Float64Array(s.windows.length).fill(NaN);
    for (let i = 0; i < s.rows; i++) {
      if (win[i] === -2 || !(sc[i]! >= threshold)) continue;
      if (win[i]! >= 0) {
        const v = weight[i]! * cost.tp;
        if (!(best[win[i]!]! >= v)) best[win[i]!] = v;
      } else total += weight[i]! * cost.fp;
    }
    const seen = new Set<number>();
    for (let i = 0; i < s.rows; i++) if (win[i]! >= 0) seen.add(win[i]!);
    best.forEach((b, w) => {
      if (seen.has(w)) total += Number.isNaN(b) ? -cost.fn : b;
    });
  });
  return total;
}

function sweepBest(set: readonly LabelledSeries[], scores: readonly ArrayLike<number>[], cost: CostProfile): { raw: number; threshold: number } {
  const pts: { score: number; win: number; w: number }[] = [];
  let nWin = 0;
  set.forEach((s, k) => {
    const { win, weight } = sweepOf(s);
    const sc = scores[k]!;
    for (let i = 0; i < s.rows; i++) {
      if (win[i] === -2) continue;
      pts.push({ score: sc[i]!, win: win[i]! >= 0 ? nWin + win[i]! : -1, w: win[i]! >= 0 ? weight[i]! * cost.tp : weight[i]! * cost.fp });
    }
    nWin += s.windows.length;
  });
  pts.sort((a, b) => b.score - a.score);
  const best = new Float64Array(nWin).fill(NaN);
  let total = -cost.fn * set.reduce((a, s) => a + sweepOf(s).live, 0);
  let bestRaw = total;
  let bestThreshold = 1.1;
  for (let j = 0; j < pts.length; j++) {
    const p = pts[j]!;
    if (p.win < 0) total += p.w;
    else if (Number.isNaN(best[p.win]!)) {
      total += p.w + cost.fn;
      best[p.win] = p.w;
    } else if (p.w > best[p.win]!) {
      total += p.w - best[p.win]!;
      best[p.win] = p.w;
    }
    const next = pts[j + 1];
    if ((next === undefined || next.score !== p.score) && total > bestRaw) {
      bestRaw = total;
      bestThreshold = p.score;
    }
  }
  return { raw: bestRaw, threshold: bestThreshold };
}

import type { Datapoint } from "../../../ports.js";
import { toUnit } from "../stats/scale.js";
import { alignSeries, type MultiScore } from "./align.js";

export interface CorrelationBreakOptions {
  /** Points in the recent window whose correlation is tested. */
  window: number;
  /** Points before the recent window that give the usual correlation. */
  reference: number;
  /** |Fisher z| at which the pair is anomalous. */
  threshold: number;
}

export const correlationBreakDefaults: CorrelationBreakOptions = { window: 60, reference: 300, threshold: 3 };

function corr(xs: number[], ys: number[], from: number, to: number): number {
  const n = to - from;
  let mx = 0;
  let my = 0;
  for (let i = from; i < to; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = from; i < to; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // a constant side has no correlation to break: treat it as uncorrelated
  return sxx > 0 && syy > 0 ? Math.max(-0.999999, Math.min(0.999999, sxy / Math.sqrt(sxx * syy))) : 0;
}

/**
 * Correlation break between two metrics of one model (latency vs throughput, errors vs
 * invocations): at each common timestamp, the Pearson correlation of the last `window` points is
 * compared with that of the `reference` points before them by Fisher's z test:
 * |atanh(r_recent) - atanh(r_ref)| / sqrt(1/(window-3) + 1/(reference-3)). Causal; 0 until both
 * windows are full.
 */
export function correlationBreak(a: readonly Datapoint[], b: readonly Datapoint[], options: Partial<CorrelationBreakOptions> = {}): MultiScore[] {
  const o = { ...correlationBreakDefaults, ...options };
  const w = Math.max(4, Math.round(o.window));
  const ref = Math.max(4, Math.round(o.reference));
  const { times, rows } = alignSeries([a, b]);
  const xs = rows.map((r) => r[0]!);
  const ys = rows.map((r) => r[1]!);
  const se = Math.sqrt(1 / (w - 3) + 1 / (ref - 3));
  return times.map((t, i) => {
    const end = i + 1;
    if (end < w + ref) return { t, raw: 0, score: 0 };
    const recent = corr(xs, ys, end - w, end);
    const usual = corr(xs, ys, end - w - ref, end - w);
    const raw = Math.abs(Math.atanh(recent) - Math.atanh(usual)) / se;
    return { t, raw, score: toUnit(raw, o.threshold) };
  });
}

import type { Datapoint } from "../../../ports.js";

/** Several series on their common timestamps: `times[i]` and `rows[i][k]` = series k at that time. */
export interface Aligned {
  times: number[];
  rows: number[][];
}

/**
 * Aligns series on the timestamps present, with a finite value, in every one of them (an inner
 * join), in time order. Points missing from any series, or non-finite, drop that timestamp.
 */
export function alignSeries(series: readonly (readonly Datapoint[])[]): Aligned {
  if (series.length === 0) return { times: [], rows: [] };
  const maps = series.map((s) => {
    const m = new Map<number, number>();
    for (const p of s) if (Number.isFinite(p.value) && Number.isFinite(p.t)) m.set(p.t, p.value);
    return m;
  });
  const times = [...maps[0]!.keys()].filter((t) => maps.every((m) => m.has(t))).sort((a, b) => a - b);
  return { times, rows: times.map((t) => maps.map((m) => m.get(t)!)) };
}

/** A score per aligned timestamp: `raw` in the method's unit and `score` in [0,1] (0.5 at the threshold). */
export interface MultiScore {
  t: number;
  raw: number;
  score: number;
}

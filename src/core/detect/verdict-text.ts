import type { CheckVerdict } from "./types.js";

/** The run of consecutive points ending at the last one for which `pred` holds; a time gap above `maxGap` ms ends it. */
export function runLength<T extends { t: number }>(points: readonly T[], pred: (p: T) => boolean, maxGap: number): { length: number; since: number } {
  let length = 0;
  let since = NaN;
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i]!;
    if (!pred(p)) break;
    const next = points[i + 1];
    if (next && next.t - p.t > maxGap) break;
    length++;
    since = p.t;
  }
  return { length, since };
}

function fmt(v: number): string {
  return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : String(Number(v.toPrecision(4)));
}

/** One line for a person, e.g. "accuracy: 0.81 below min 0.9 for 3 points (critical)". */
export function summarize(v: CheckVerdict, sustained: number): string {
  const latest = v.latest ? fmt(v.latest.value) : "n/a";
  if (v.status === "breach") {
    const b = v.bound ?? {};
    const side = b.min !== undefined && v.latest && v.latest.value < b.min ? `below min ${fmt(b.min)}` : `above max ${fmt(b.max ?? NaN)}`;
    return `${v.metric}: ${latest} ${side} for ${v.sustainedPoints} point(s) (${v.severity})`;
  }
  if (v.status === "anomaly") {
    return `${v.metric}: anomalous for ${v.sustainedPoints} point(s), score ${v.score.toFixed(2)}, fired: ${v.fired.join(", ") || "ensemble"} (${v.severity})`;
  }
  if (v.status === "insufficient-data") return `${v.metric}: not enough data`;
  const note = v.sustainedPoints > 0 ? `, ${v.sustainedPoints}/${sustained} anomalous point(s) so far` : "";
  return `${v.metric}: ok at ${latest}, score ${v.score.toFixed(2)}${note}`;
}

/**
 * A minimal NAB scorer for the quality test, written from NAB's published rules (v1.1): per file,
 * the first 15% of rows (at most 750) are not scored; a window is credited with the best
 * (earliest) detection inside it, worth scaledSigmoid of its position (1 at the window start,
 * about 0 at its end), normalised so the earliest detection is worth tpWeight; a window without
 * detection costs fnWeight; each detection outside every window costs fpWeight times
 * scaledSigmoid of its distance after the previous window (-1 when none came before). The
 * threshold is fixed (the real scorer sweeps it over the corpus), so this is a lower bound.
 */
export interface NabFile {
  timestamps: string[];
  scores: number[];
  windows: [string, string][];
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const scaledSigmoid = (rel: number) => (rel > 3 ? -1 : 2 * sigmoid(-5 * rel) - 1);
const MAX_TP = scaledSigmoid(-1);
const canon = (s: string) => s.replace(/\.0+$/, "");

export function nabRawScore(f: NabFile, threshold: number, cost = { tp: 1, fp: 0.11, fn: 1 }): number {
  const n = f.timestamps.length;
  const probation = Math.min(Math.floor(0.15 * n), 750);
  const index = new Map(f.timestamps.map((t, i) => [t, i] as const));
  const wins = f.windows.map(([a, b]) => ({ start: index.get(canon(a))!, end: index.get(canon(b))! }));
  let total = 0;
  let w = 0;
  let prevEnd: number | undefined;
  let prevWidth = 0;
  const best = new Array<number | undefined>(wins.length);
  for (let i = 0; i < n; i++) {
    while (w < wins.length && i > wins[w]!.end) {
      prevEnd = wins[w]!.end;
      prevWidth = wins[w]!.end - wins[w]!.start + 1;
      w++;
    }
    const inside = w < wins.length && i >= wins[w]!.start;
    if (i < probation || !(f.scores[i]! >= threshold)) continue;
    if (inside) {
      const win = wins[w]!;
      const v = (scaledSigmoid(-(win.end - i + 1) / (win.end - win.start + 1)) * cost.tp) / MAX_TP;
      best[w] = Math.max(best[w] ?? -Infinity, v);
    } else {
      total += cost.fp * (prevEnd === undefined ? -1 : scaledSigmoid(Math.abs(prevEnd - i) / (prevWidth - 1)));
    }
  }
  for (const b of best) total += b === undefined ? -cost.fn : b;
  return total;
}

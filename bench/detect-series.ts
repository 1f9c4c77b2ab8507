import type { Datapoint } from "../src/ports.js";
import { seededRandom } from "../src/core/detect/stats/prng.js";

/**
 * A synthetic metric like those the monitor reads: a daily cycle at 10-minute points, noise,
 * occasional spikes and one level shift, deterministic for a seed.
 */
export function benchSeries(n: number, seed: number): Datapoint[] {
  const r = seededRandom(seed);
  const shiftAt = Math.floor(n * (0.5 + 0.4 * r()));
  const out: Datapoint[] = new Array(n);
  for (let i = 0; i < n; i++) {
    let v = 100 + 20 * Math.sin((2 * Math.PI * i) / 144) + 3 * (r() - 0.5);
    if (r() < 0.002) v += 40;
    if (i >= shiftAt) v += 15;
    out[i] = { t: 1_700_000_000_000 + i * 600_000, value: v };
  }
  return out;
}

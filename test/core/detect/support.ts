import { seededRandom } from "../../../src/core/detect/stats/prng.js";
import type { Datapoint } from "../../../src/ports.js";

/** A series at a fixed period (default 10 minutes) from epoch 0, one point per value. */
export function aSeries(values: readonly number[], periodSeconds = 600, start = 1_700_000_000_000): Datapoint[] {
  return values.map((value, i) => ({ t: start + i * periodSeconds * 1000, value }));
}

/** Deterministic uniform noise in [-1, 1]. */
export function noise(n: number, seed = 1): number[] {
  const rand = seededRandom(seed);
  return Array.from({ length: n }, () => rand() * 2 - 1);
}

/** A daily cycle (period `period` points) plus small noise. */
export function seasonalSeries(n: number, period = 144, amplitude = 10, level = 100): number[] {
  const e = noise(n, 7);
  return Array.from({ length: n }, (_, i) => level + amplitude * Math.sin((2 * Math.PI * i) / period) + 0.3 * e[i]!);
}

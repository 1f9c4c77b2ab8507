/** The limits of one GetMetricData call. */
export interface BatchLimits {
  /** Queries a call may carry (500). */
  maxQueries: number;
  /** Data points a call returns before it pages (100,800). */
  maxPoints: number;
}

export const CLOUDWATCH_LIMITS: BatchLimits = { maxQueries: 500, maxPoints: 100_800 };

/** The fewest calls any packing can use: max(ceil(series / maxQueries), ceil(points / maxPoints)). */
export function minimumCalls(points: number[], limits: BatchLimits = CLOUDWATCH_LIMITS): number {
  if (points.length === 0) return 0;
  const total = points.reduce((s, p) => s + Math.min(p, limits.maxPoints), 0);
  return Math.max(Math.ceil(points.length / limits.maxQueries), Math.ceil(total / limits.maxPoints));
}

/**
 * Packs items (each with its expected points) into batches that respect both limits, using as few
 * batches as it can: it starts at the lower bound `minimumCalls` and tries "largest first into the
 * emptiest batch with room"; only if that fails does it add a batch. For series of equal length
 * (the usual case: one period per run) this always reaches the lower bound.
 * An item larger than `maxPoints` gets a batch of its own (the call then pages with NextToken).
 * Returns batches of item indexes; each batch keeps the items' original order.
 */
export function packBatches(points: number[], limits: BatchLimits = CLOUDWATCH_LIMITS): number[][] {
  const n = points.length;
  if (n === 0) return [];
  const order = points.map((p, i) => i).sort((a, b) => points[b]! - points[a]! || a - b);
  for (let k = minimumCalls(points, limits); k <= n; k++) {
    const batches = tryPack(order, points, k, limits);
    if (batches) return batches.map((b) => b.sort((x, y) => x - y)).filter((b) => b.length > 0);
  }
  return order.map((i) => [i]);
}

function tryPack(order: number[], points: number[], k: number, limits: BatchLimits): number[][] | undefined {
  const items: number[][] = Array.from({ length: k }, () => []);
  const load = new Array<number>(k).fill(0);
  for (const i of order) {
    const p = points[i]!;
    let best = -1;
    for (let b = 0; b < k; b++) {
      if (items[b]!.length >= limits.maxQueries) continue;
      const fits = load[b]! + p <= limits.maxPoints || (p > limits.maxPoints && items[b]!.length === 0);
      if (!fits) continue;
      if (best === -1 || load[b]! < load[best]!) best = b;
    }
    if (best === -1) return undefined;
    items[best]!.push(i);
    load[best]! += p;
  }
  return items;
}

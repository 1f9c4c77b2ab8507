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
  const total = points.reduce((s, p) => s + p, 0);
  return Math.max(Math.ceil(points.length / limits.maxQueries), Math.ceil(total / limits.maxPoints));
}

/** The calls a packing costs: each batch is one call per `maxPoints` points it returns (NextToken pages). */
export function callsFor(batches: number[][], points: number[], limits: BatchLimits = CLOUDWATCH_LIMITS): number {
  return batches.reduce((n, b) => n + Math.max(1, Math.ceil(b.reduce((s, i) => s + points[i]!, 0) / limits.maxPoints)), 0);
}

/**
 * Packs items (each with its expected points) into GetMetricData batches (at most `maxQueries` each)
 * so that the calls, pages included, are as few as possible. Two layouts are tried and the cheaper
 * kept: (a) batches that each fit in one page (no NextToken), starting at the lower bound and
 * filling "largest first into the emptiest batch with room"; (b) runs of up to `maxQueries`
 * consecutive items, where CloudWatch pages at `maxPoints` (a series may straddle two pages).
 * For series of equal length, the usual case (one period per run), (a) reaches the lower bound
 * `minimumCalls` whenever the length divides `maxPoints` (2,016 points of 10 minutes: 50 a call),
 * and (b) whenever everything fits in one run of `maxQueries`.
 * Returns batches of item indexes, each in the items' original order.
 */
export function packBatches(points: number[], limits: BatchLimits = CLOUDWATCH_LIMITS): number[][] {
  const n = points.length;
  if (n === 0) return [];
  const a = packSinglePage(points, limits);
  const lower = minimumCalls(points, limits);
  if (callsFor(a, points, limits) === lower) return a;
  const b = packPaged(points, limits);
  return callsFor(b, points, limits) < callsFor(a, points, limits) ? b : a;
}

/**
 * Runs of consecutive items for paged calls: each run but the last ends where its points leave the
 * least unused room in its last page (ties: the longer run), so pages stay full.
 */
function packPaged(points: number[], limits: BatchLimits): number[][] {
  const n = points.length;
  const runs: number[][] = [];
  let start = 0;
  while (start < n) {
    let size = Math.min(limits.maxQueries, n - start);
    if (n - start > limits.maxQueries) {
      let best = 1;
      let bestWaste = Infinity;
      let sum = 0;
      for (let s = 1; s <= limits.maxQueries; s++) {
        sum += points[start + s - 1]!;
        const waste = Math.ceil(sum / limits.maxPoints) * limits.maxPoints - sum;
        if (waste <= bestWaste) {
          best = s;
          bestWaste = waste;
        }
      }
      size = best;
    }
    runs.push(Array.from({ length: size }, (_, k) => start + k));
    start += size;
  }
  return runs;
}

function packSinglePage(points: number[], limits: BatchLimits): number[][] {
  const n = points.length;
  const order = points.map((_, i) => i).sort((a, b) => points[b]! - points[a]! || a - b);
  const lower = minimumCalls(points, limits);
  for (let k = lower; k <= lower + 2 && k <= n; k++) {
    const batches = tryPack(order, points, k, limits);
    if (batches) return batches.map((b) => b.sort((x, y) => x - y)).filter((b) => b.length > 0);
  }
  return firstFit(order, points, limits);
}

/** First fit decreasing: always succeeds; an item above maxPoints gets a batch of its own. */
function firstFit(order: number[], points: number[], limits: BatchLimits): number[][] {
  const batches: { items: number[]; load: number }[] = [];
  for (const i of order) {
    const p = points[i]!;
    const b = batches.find((x) => x.items.length < limits.maxQueries && x.load + p <= limits.maxPoints);
    if (b) {
      b.items.push(i);
      b.load += p;
    } else batches.push({ items: [i], load: p });
  }
  return batches.map((b) => b.items.sort((x, y) => x - y));
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

/**
 * Order statistics without a full sort: rearranges `a` in place so that every index in `ranks`
 * holds the value a full ascending sort would put there (multi-quickselect, median-of-three
 * pivots, expected O(n log k) for k ranks). Deterministic.
 */
export function selectRanks(a: Float64Array, ranks: readonly number[]): void {
  const wanted = [...new Set(ranks)].filter((r) => r >= 0 && r < a.length).sort((x, y) => x - y);
  select(a, 0, a.length - 1, wanted, 0, wanted.length);
}

function select(a: Float64Array, lo: number, hi: number, ranks: number[], rFrom: number, rTo: number): void {
  while (rFrom < rTo && hi > lo) {
    if (hi - lo < 16) {
      const part = a.subarray(lo, hi + 1);
      part.sort();
      return;
    }
    const mid = (lo + hi) >>> 1;
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    // now a[lo..j] <= pivot <= a[i..hi], and a[j+1..i-1] == pivot
    let split = rFrom;
    while (split < rTo && ranks[split]! <= j) split++;
    let after = split;
    while (after < rTo && ranks[after]! < i) after++;
    select(a, lo, j, ranks, rFrom, split);
    lo = i;
    rFrom = after;
  }
}

/**
 * The values of the given ranks (0-based, ascending order) of `x`, which is not modified: one
 * pass counts the values into equal-width buckets between min and max, a second gathers only the
 * buckets holding a wanted rank, which are then ordered by selection. Cheaper than sorting, and
 * than quickselect over the whole sample, for a handful of ranks; skewed data only makes the
 * gathered buckets larger.
 */
export function valuesAtRanks(x: Float64Array | readonly number[], ranks: readonly number[]): Map<number, number> {
  const n = x.length;
  const out = new Map<number, number>();
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const wanted = [...new Set(ranks)].filter((r) => r >= 0 && r < n).sort((a, b) => a - b);
  const buckets = Math.min(65536, Math.max(16, n >> 2));
  const scale = buckets / (hi - lo);
  if (!(hi > lo) || !Number.isFinite(hi - lo) || !Number.isFinite(scale)) {
    // constant, unbounded, or so narrow (subnormal spread) that bucket widths underflow: plain selection
    const a = Float64Array.from(x);
    selectRanks(a, wanted);
    for (const r of wanted) out.set(r, a[r]!);
    return out;
  }
  const bucketOf = (v: number) => Math.min(buckets - 1, Math.floor((v - lo) * scale));
  const counts = new Int32Array(buckets);
  for (let i = 0; i < n; i++) counts[bucketOf(x[i]!)]!++;
  // the bucket of each wanted rank, and the rank of that bucket's first value
  const need = new Map<number, number>();
  let seen = 0;
  let w = 0;
  for (let b = 0; b < buckets && w < wanted.length; b++) {
    while (w < wanted.length && wanted[w]! < seen + counts[b]!) {
      need.set(b, seen);
      w++;
    }
    seen += counts[b]!;
  }
  const slot = new Int32Array(buckets).fill(-1);
  const pools: Float64Array[] = [];
  const fill: number[] = [];
  for (const b of need.keys()) {
    slot[b] = pools.length;
    pools.push(new Float64Array(counts[b]!));
    fill.push(0);
  }
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    const k = slot[bucketOf(v)]!;
    if (k >= 0) pools[k]![fill[k]!++] = v;
  }
  for (const r of wanted) {
    let b = -1;
    let start = 0;
    for (const [bb, s0] of need) if (s0 <= r && s0 >= start) [b, start] = [bb, s0];
    const values = pools[slot[b]!]!;
    selectRanks(values, [r - start]);
    out.set(r, values[r - start]!);
  }
  return out;
}

/** Quantiles (NumPy's linear interpolation) of an unsorted sample; `x` is not modified. */
export function quantilesOf(x: Float64Array | readonly number[], qs: readonly number[]): number[] {
  const n = x.length;
  if (n === 0) return qs.map(() => 0);
  const pos = qs.map((q) => Math.min(Math.max(q, 0), 1) * (n - 1));
  const at = valuesAtRanks(x, pos.flatMap((p) => [Math.floor(p), Math.min(n - 1, Math.floor(p) + 1)]));
  return pos.map((p) => {
    const i = Math.floor(p);
    const frac = p - i;
    const a = at.get(i)!;
    return frac === 0 || i + 1 >= n ? a : a + (at.get(i + 1)! - a) * frac;
  });
}

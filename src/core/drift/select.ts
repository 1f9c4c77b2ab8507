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

/** Quantiles (NumPy's linear interpolation) of an unsorted sample, by selection; `x` is not modified. */
export function quantilesOf(x: Float64Array | readonly number[], qs: readonly number[]): number[] {
  const a = Float64Array.from(x);
  const n = a.length;
  if (n === 0) return qs.map(() => 0);
  const pos = qs.map((q) => Math.min(Math.max(q, 0), 1) * (n - 1));
  selectRanks(a, pos.flatMap((p) => [Math.floor(p), Math.min(n - 1, Math.floor(p) + 1)]));
  return pos.map((p) => {
    const i = Math.floor(p);
    const frac = p - i;
    return frac === 0 || i + 1 >= n ? a[i]! : a[i]! + (a[i + 1]! - a[i]!) * frac;
  });
}

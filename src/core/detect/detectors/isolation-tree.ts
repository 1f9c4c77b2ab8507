/**
 * Isolation Forest (Liu, Ting and Zhou, 2008) over small feature vectors, built from a seeded
 * random source so that the same data and seed give the same forest. One change to the original:
 * a value outside the range a node was built from ends the path at that node.
 */
type Node = { leaf: true; size: number } | { leaf: false; feature: number; split: number; lo: number; hi: number; left: Node; right: Node };

/** Average path length of an unsuccessful BST search among n points: c(n). */
export function averagePath(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + 0.5772156649015329) - (2 * (n - 1)) / n;
}

function build(rows: number[][], depth: number, limit: number, rand: () => number): Node {
  if (depth >= limit || rows.length <= 1) return { leaf: true, size: rows.length };
  const dims = rows[0]!.length;
  // try a few features to find one that is not constant among these rows
  for (let attempt = 0; attempt < dims; attempt++) {
    const feature = Math.floor(rand() * dims);
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rows) {
      const v = r[feature]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (!(hi > lo)) continue;
    const split = lo + rand() * (hi - lo);
    const left = rows.filter((r) => r[feature]! < split);
    const right = rows.filter((r) => r[feature]! >= split);
    return { leaf: false, feature, split, lo, hi, left: build(left, depth + 1, limit, rand), right: build(right, depth + 1, limit, rand) };
  }
  return { leaf: true, size: rows.length };
}

function pathLength(node: Node, x: readonly number[], depth: number): number {
  let n = node;
  let d = depth;
  while (!n.leaf) {
    const v = x[n.feature]!;
    // outside the range this node was built from: isolated right here (plain iForest would send
    // it down the extreme branch, scoring an out-of-range point like the most extreme training one)
    if (v < n.lo || v > n.hi) return d + 1;
    n = v < n.split ? n.left : n.right;
    d++;
  }
  return d + averagePath(n.size);
}

/** A fitted forest; `score` is the standard anomaly score 2^(-E[h(x)]/c(psi)) in (0,1], 0.5 = ordinary. */
export interface Forest {
  score(x: readonly number[]): number;
}

/** Builds `trees` trees, each from `sample` rows drawn without replacement from `rows`. */
export function fitForest(rows: number[][], trees: number, sample: number, rand: () => number): Forest {
  const psi = Math.min(sample, rows.length);
  const limit = Math.ceil(Math.log2(Math.max(psi, 2)));
  const roots: Node[] = [];
  for (let k = 0; k < trees; k++) {
    const idx = rows.map((_, i) => i);
    for (let i = 0; i < psi; i++) {
      const j = i + Math.floor(rand() * (idx.length - i));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    roots.push(build(idx.slice(0, psi).map((i) => rows[i]!), 0, limit, rand));
  }
  const c = averagePath(psi);
  return {
    score(x) {
      if (roots.length === 0 || c === 0) return 0.5;
      let total = 0;
      for (const r of roots) total += pathLength(r, x, 0);
      return Math.pow(2, -total / roots.length / c);
    },
  };
}

import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { seededRandom } from "../src/core/detect/stats/prng.js";
import { ksTwoSample, sortedCopy } from "../src/core/drift/ks.js";
import { wassersteinSorted } from "../src/core/drift/wasserstein.js";
import { binCounts, proportions, quantileEdges } from "../src/core/drift/binning.js";
import { psi } from "../src/core/drift/psi.js";
import { jensenShannon } from "../src/core/drift/jensen-shannon.js";
import { chiSquareCounts } from "../src/core/drift/chi-square.js";
import type { BenchRow } from "./detect.js";

const PY = `
import sys, time, json
import numpy as np
from scipy import stats
from scipy.spatial import distance
d = sys.argv[1]
a = np.fromfile(d + "/a.f64"); b = np.fromfile(d + "/b.f64")
ca = np.fromfile(d + "/ca.i32", dtype=np.int32); cb = np.fromfile(d + "/cb.i32", dtype=np.int32)
def binned():
    e = np.unique(np.quantile(a, np.arange(1, 10) / 10))
    return (np.bincount(np.searchsorted(e, a, side="right"), minlength=len(e) + 1),
            np.bincount(np.searchsorted(e, b, side="right"), minlength=len(e) + 1))
def psi():
    x, y = binned(); px = np.maximum(x / x.sum(), 1e-4); py = np.maximum(y / y.sum(), 1e-4)
    return float(np.sum((py - px) * np.log(py / px)))
def chi():
    ka, na = np.unique(ca, return_counts=True); kb, nb = np.unique(cb, return_counts=True)
    keys = np.union1d(ka, kb); t = np.zeros((2, len(keys)))
    t[0, np.searchsorted(keys, ka)] = na; t[1, np.searchsorted(keys, kb)] = nb
    return stats.chi2_contingency(t, correction=False)[1]
fns = {"ks": lambda: stats.ks_2samp(a, b).pvalue, "psi": psi, "wasserstein": lambda: stats.wasserstein_distance(a, b),
       "jensen-shannon": lambda: distance.jensenshannon(*binned(), base=2), "chi-square": chi}
out = {}
for k, f in fns.items():
    best = 1e9
    f(); f()
    for _ in range(7):
        t = time.perf_counter(); f(); best = min(best, time.perf_counter() - t)
    out[k] = best
print(json.dumps(out))
`;

function normal(n: number, mean: number, seed: number): Float64Array {
  const r = seededRandom(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = mean + Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  return out;
}

function categories(n: number, skew: number, seed: number): Int32Array {
  const r = seededRandom(seed);
  return Int32Array.from({ length: n }, () => Math.floor(20 * Math.pow(r(), skew)));
}

/** Category counts of both samples over the union of their categories (what the command does with text cells). */
function counts(a: Int32Array, b: Int32Array): [number[], number[]] {
  const index = new Map<number, number>();
  const ca: number[] = [];
  const cb: number[] = [];
  const slot = (v: number) => {
    let k = index.get(v);
    if (k === undefined) {
      k = ca.length;
      index.set(v, k);
      ca.push(0);
      cb.push(0);
    }
    return k;
  };
  for (let i = 0; i < a.length; i++) ca[slot(a[i]!)]!++;
  for (let i = 0; i < b.length; i++) cb[slot(b[i]!)]!++;
  return [ca, cb];
}

/** Best of 7 timed runs after 2 untimed ones (JIT warm-up); the machine may be shared, so the minimum is the fairest figure. */
function best(f: () => unknown): number {
  f();
  f();
  let t = Infinity;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    f();
    t = Math.min(t, (performance.now() - t0) / 1000);
  }
  return t;
}

/** Times each drift test here and in SciPy (same data, same run); the ratio is ours / SciPy's time (< 1: faster). */
export function timeDriftTests(n: number): BenchRow[] {
  const a = normal(n, 0, 1);
  const b = normal(n, 0.02, 2);
  const ca = categories(n, 1.5, 3);
  const cb = categories(n, 1.45, 4);
  const binned = () => {
    const e = quantileEdges(a);
    return [binCounts(a, e), binCounts(b, e)] as const;
  };
  const ours: Record<string, number> = {
    ks: best(() => ksTwoSample(a, b)),
    psi: best(() => {
      const [x, y] = binned();
      return psi(proportions(x), proportions(y));
    }),
    wasserstein: best(() => wassersteinSorted(sortedCopy(a), sortedCopy(b))),
    "jensen-shannon": best(() => jensenShannon(...binned())),
    "chi-square": best(() => chiSquareCounts(...counts(ca, cb))),
  };
  let scipy: Record<string, number> | undefined;
  try {
    const dir = mkdtempSync(path.join(os.tmpdir(), "steward-drift-"));
    writeFileSync(path.join(dir, "a.f64"), Buffer.from(a.buffer));
    writeFileSync(path.join(dir, "b.f64"), Buffer.from(b.buffer));
    writeFileSync(path.join(dir, "ca.i32"), Buffer.from(ca.buffer));
    writeFileSync(path.join(dir, "cb.i32"), Buffer.from(cb.buffer));
    writeFileSync(path.join(dir, "bench.py"), PY);
    scipy = JSON.parse(execFileSync("/usr/bin/python3", [path.join(dir, "bench.py"), dir], { encoding: "utf8" }));
  } catch {
    scipy = undefined;
  }
  return Object.entries(ours).flatMap(([test, s]): BenchRow[] => {
    const rows: BenchRow[] = [{ name: `drift: ${test}, 2 x ${n.toLocaleString("en")} values`, value: Number((s * 1000).toFixed(2)), unit: "ms" }];
    const ref = scipy?.[test];
    rows.push(
      ref
        ? { name: `drift: ${test} time vs SciPy`, value: Number((s / ref).toFixed(2)), unit: "x SciPy", note: `SciPy ${(ref * 1000).toFixed(2)} ms; < 1 is faster` }
        : { name: `drift: ${test} time vs SciPy`, value: NaN, unit: "x SciPy", note: "SciPy not available (/usr/bin/python3 with scipy)" },
    );
    return rows;
  });
}

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ksTwoSample, sortedCopy } from "../../../src/core/drift/ks.js";
import { wassersteinSorted } from "../../../src/core/drift/wasserstein.js";
import { binCounts, proportions, quantileEdges } from "../../../src/core/drift/binning.js";
import { psi } from "../../../src/core/drift/psi.js";
import { jensenShannon } from "../../../src/core/drift/jensen-shannon.js";
import { chiSquareCounts } from "../../../src/core/drift/chi-square.js";

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/drift/${name}`, import.meta.url), "utf8"));

/** |a - b| <= rel * max(|a|, |b|), with an absolute floor for values at 0. */
function close(actual: number, expected: number, rel: number, abs = 1e-300): void {
  const tol = Math.max(rel * Math.max(Math.abs(actual), Math.abs(expected)), abs);
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

interface NumericCase {
  name: string;
  baseline: number[];
  current: number[];
  ks: { statistic: number; pValue: number };
  wasserstein: number;
  psi: number;
  jensenShannon: number;
  edges: number[];
}

describe("drift tests agree with SciPy (scripts/drift-reference.py)", () => {
  const numeric = fixture("numeric.json").cases as NumericCase[];
  for (const c of numeric) {
    it(`numeric: ${c.name} (${c.baseline.length} vs ${c.current.length})`, () => {
      const ks = ksTwoSample(c.baseline, c.current);
      close(ks.statistic, c.ks.statistic, 1e-9);
      close(ks.pValue, c.ks.pValue, 1e-6);
      const b = sortedCopy(c.baseline);
      const cur = sortedCopy(c.current);
      close(wassersteinSorted(b, cur), c.wasserstein, 1e-9);
      const edges = quantileEdges(b);
      expect(edges.length).toBe(c.edges.length);
      edges.forEach((e, i) => close(e, c.edges[i]!, 1e-12, 1e-15));
      const cb = binCounts(b, edges);
      const cc = binCounts(cur, edges);
      close(psi(proportions(cb), proportions(cc)), c.psi, 1e-9);
      close(jensenShannon(cb, cc), c.jensenShannon, 1e-9, 1e-12);
    });
  }

  const categorical = fixture("categorical.json").cases as { name: string; baseline: number[]; current: number[]; chiSquare: { statistic: number; pValue: number; dof: number }; jensenShannon: number; psi: number }[];
  for (const c of categorical) {
    it(`categorical: ${c.name}`, () => {
      const r = chiSquareCounts(c.baseline, c.current);
      close(r.statistic, c.chiSquare.statistic, 1e-9);
      close(r.pValue, c.chiSquare.pValue, 1e-6);
      expect(r.dof).toBe(c.chiSquare.dof);
      close(jensenShannon(c.baseline, c.current), c.jensenShannon, 1e-9, 1e-12);
      close(psi(proportions(c.baseline), proportions(c.current)), c.psi, 1e-9);
    });
  }
});

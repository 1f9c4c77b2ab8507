import { describe, expect, it } from "vitest";
import { compareSamples, MIN_VALUES, notCompared } from "../../../src/core/drift/compare-samples.js";
import { parseCsvColumns, parseCsvRows } from "../../../src/core/drift/parse-csv.js";
import { seededRandom } from "../../../src/core/detect/stats/prng.js";
import { ksTwoSample } from "../../../src/core/drift/ks.js";
import { chiSquareCounts } from "../../../src/core/drift/chi-square.js";
import { jensenShannon } from "../../../src/core/drift/jensen-shannon.js";

function normal(n: number, mean: number, seed: number): number[] {
  const r = seededRandom(seed);
  return Array.from({ length: n }, () => mean + Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()));
}
const cols = (o: Record<string, (string | number)[]>) => new Map(Object.entries(o).map(([k, v]) => [k, v.map(String)]));

describe("compareSamples", () => {
  it("finds no drift between two samples of one distribution, and drift after a shift", () => {
    const base = cols({ x: normal(2000, 0, 1), c: Array.from({ length: 2000 }, (_, i) => ["a", "b", "c"][i % 3]!) });
    const same = cols({ x: normal(2000, 0, 2), c: Array.from({ length: 2000 }, (_, i) => ["a", "b", "c"][(i * 7) % 3]!) });
    const r = compareSamples(base, same);
    expect(r.drift).toBe(false);
    expect(r.columns.map((c) => [c.column, c.kind, c.tests.map((t) => t.test)])).toEqual([
      ["x", "numeric", ["ks", "psi", "wasserstein", "jensen-shannon"]],
      ["c", "categorical", ["chi-square", "jensen-shannon"]],
    ]);
    const shifted = cols({ x: normal(2000, 0.5, 3), c: Array.from({ length: 2000 }, (_, i) => (i % 2 ? "a" : "b")) });
    const d = compareSamples(base, shifted);
    expect(d.drift).toBe(true);
    expect(d.columns.every((c) => c.drift)).toBe(true);
    expect(d.columns[0]!.tests.every((t) => t.drift)).toBe(true);
  });

  it("skips empty cells, reports columns missing from one side, honours tests and thresholds", () => {
    const r = compareSamples(cols({ x: [1, 2, "", 3], only: [1] }), cols({ x: [1, 2, 3, " "] }), { tests: ["ks", "chi-square"], thresholds: { ks: 0.5 }, minValues: 1 });
    const x = r.columns.find((c) => c.column === "x")!;
    expect(x.missing).toBe(2);
    expect(x.tests.map((t) => [t.test, t.threshold])).toEqual([["ks", 0.5]]);
    expect(r.columns.find((c) => c.column === "only")!.skipped).toMatch(/only in the baseline/);
  });

  it("statistics at the edges: identical samples, constant samples, one value each", () => {
    expect(ksTwoSample([1, 2, 3], [1, 2, 3])).toMatchObject({ statistic: 0, pValue: 1 });
    expect(ksTwoSample([5], [6]).statistic).toBe(1);
    expect(() => ksTwoSample([], [1])).toThrow(RangeError);
    expect(chiSquareCounts([10], [20])).toEqual({ statistic: 0, pValue: 1, dof: 0 });
    expect(jensenShannon([1, 0], [0, 1])).toBeCloseTo(1, 12);
    const r = compareSamples(cols({ x: Array(25).fill(4) }), cols({ x: Array(25).fill(4) }));
    expect(r.drift).toBe(false);
    expect(r.columns[0]!.tests.length).toBeGreaterThan(0);
    expect(r.columns[0]!.tests.every((t) => Number.isFinite(t.statistic))).toBe(true);
  });

  it("gives no verdict on a handful of rows: below MIN_VALUES a column is not compared, never 'no drift'", () => {
    const few = compareSamples(cols({ x: [1, 2, 3] }), cols({ x: [7, 8, 9] }));
    expect(few.columns[0]).toMatchObject({ tests: [], drift: false, skipped: `too few values to test (3 in the baseline, 3 in the current sample; at least ${MIN_VALUES} in each)` });
    expect(notCompared(few).nothing).toBe(true);
    const enough = compareSamples(cols({ x: Array.from({ length: MIN_VALUES }, (_, i) => i) }), cols({ x: Array.from({ length: MIN_VALUES }, (_, i) => i + 100) }));
    expect(enough.drift).toBe(true);
  });
});

describe("parseCsv", () => {
  it("handles quotes, escaped quotes, CRLF and short rows", () => {
    expect(parseCsvRows('a,b\r\n"x, y","say ""hi"""\n1')).toEqual([["a", "b"], ["x, y", 'say "hi"'], ["1"]]);
    const c = parseCsvColumns("a,b\n1,2\n3\n");
    expect(c.get("b")).toEqual(["2", ""]);
    expect(() => parseCsvColumns("")).toThrow(RangeError);
    expect(() => parseCsvRows('"open')).toThrow(/unterminated/);
  });
});

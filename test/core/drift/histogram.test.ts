import { describe, expect, it } from "vitest";
import { compareSamples } from "../../../src/core/drift/compare-samples.js";
import { driftHistogram, HISTOGRAM_BINS, HISTOGRAM_CATEGORIES, HISTOGRAM_LABEL_CHARS, MAX_INTEGER_BINS, type DriftHistogram } from "../../../src/core/drift/histogram.js";

const numeric = (b: number[], c: number[]) => driftHistogram({ kind: "numeric", baseline: Float64Array.from(b).sort(), current: Float64Array.from(c).sort(), baselineStd: 1 });
const total = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const range = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

describe("driftHistogram (pure)", () => {
  it("numeric: equal-width bins over the range of both samples, shared by the two series", () => {
    const h = numeric([0.5, 1.5, 2.5, 3.5], [6.5, 8.5, 10]) as Extract<DriftHistogram, { kind: "numeric" }>;
    expect(h.integers).toBeUndefined();
    expect(h.edges).toHaveLength(HISTOGRAM_BINS + 1);
    expect(h.edges[0]).toBe(0.5);
    expect(h.edges.at(-1)).toBe(10);
    for (let i = 1; i < h.edges.length; i++) expect(h.edges[i]! - h.edges[i - 1]!).toBeCloseTo(9.5 / HISTOGRAM_BINS, 9);
    // 0.5 in the first bin, 10 (the upper edge) in the last
    expect(h.baseline[0]).toBe(0.25);
    expect(h.current.at(-1)).toBeCloseTo(1 / 3, 6);
    expect(total(h.baseline)).toBeCloseTo(1, 5);
    expect(total(h.current)).toBeCloseTo(1, 5);
    expect(h.baseline.slice(HISTOGRAM_BINS / 2).every((p) => p === 0)).toBe(true);
    expect(h.current.slice(0, HISTOGRAM_BINS / 2).every((p) => p === 0)).toBe(true);
  });

  it("numeric: whole numbers get one bin per value up to MAX_INTEGER_BINS values (the hours of a day)", () => {
    const h = numeric(range(48, (i) => i % 24), [0, 0, 23, 23]) as Extract<DriftHistogram, { kind: "numeric" }>;
    expect(h.integers).toBe(true);
    expect(h.edges).toEqual(range(MAX_INTEGER_BINS + 1, (k) => k - 0.5));
    expect(h.baseline).toEqual(range(24, () => Math.round(1e6 / 24) / 1e6));
    expect(h.current[0]).toBe(0.5);
    expect(h.current[23]).toBe(0.5);
  });

  it("numeric: whole numbers over a wide span get an equal count of values per bin, at most HISTOGRAM_BINS bins", () => {
    const h = numeric(range(100, (i) => i), [0, 99]) as Extract<DriftHistogram, { kind: "numeric" }>;
    expect(h.integers).toBe(true);
    expect(h.baseline).toHaveLength(HISTOGRAM_BINS);
    expect(h.edges[0]).toBe(-0.5);
    expect(h.edges[1]).toBe(4.5);
    expect(h.baseline.every((p) => p === 0.05)).toBe(true);
  });

  it("numeric: a constant column is one bin; extreme and tiny ranges stay finite", () => {
    expect(numeric([2.5, 2.5], [2.5])).toEqual({ kind: "numeric", edges: [2.5, 2.5], baseline: [1], current: [1] });
    expect(numeric([7, 7], [7])).toEqual({ kind: "numeric", edges: [6.5, 7.5], integers: true, baseline: [1], current: [1] });
    const wide = numeric([-1.5e308, 0.5], [1.7e308]) as Extract<DriftHistogram, { kind: "numeric" }>;
    expect(wide.edges.every(Number.isFinite)).toBe(true);
    expect(wide.baseline.every(Number.isFinite) && wide.current.every(Number.isFinite)).toBe(true);
    expect(total(wide.baseline)).toBeCloseTo(1, 5);
    expect(wide.current.at(-1)).toBe(1);
    const tiny = numeric([1e-12, 2e-12], [3e-12]) as Extract<DriftHistogram, { kind: "numeric" }>;
    expect(total(tiny.baseline)).toBeCloseTo(1, 5);
    expect(tiny.current.at(-1)).toBe(1);
  });

  it("categorical: the most frequent categories by the larger share, ties by name, the rest summed as other", () => {
    const categories = range(15, (i) => `c${String(i).padStart(2, "0")}`);
    const baseline = range(15, (i) => (i < 3 ? 10 : 1));
    const current = range(15, (i) => (i === 14 ? 30 : 1));
    const h = driftHistogram({ kind: "categorical", categories, baseline, current }) as Extract<DriftHistogram, { kind: "categorical" }>;
    expect(h.categories).toHaveLength(HISTOGRAM_CATEGORIES);
    // c14 is rare in the baseline but the largest share of the current sample: it is named
    expect(h.categories.slice(0, 4)).toEqual(["c14", "c00", "c01", "c02"]);
    expect(h.other).toEqual({ categories: 5, baseline: expect.any(Number), current: expect.any(Number) });
    expect(total([...h.baseline, h.other!.baseline])).toBeCloseTo(1, 5);
    expect(total([...h.current, h.other!.current])).toBeCloseTo(1, 5);
  });

  it("categorical: few categories, no other; a long label is cut", () => {
    const long = "x".repeat(500);
    const h = driftHistogram({ kind: "categorical", categories: ["a", long], baseline: [3, 1], current: [1, 3] }) as Extract<DriftHistogram, { kind: "categorical" }>;
    expect(h.other).toBeUndefined();
    expect(h.categories[0]).toBe("a");
    expect([...h.categories[1]!]).toHaveLength(HISTOGRAM_LABEL_CHARS);
    expect(h.categories[1]!.endsWith("…")).toBe(true);
    expect(h.baseline).toEqual([0.75, 0.25]);
    expect(h.current).toEqual([0.25, 0.75]);
  });

  it("compareSamples gives each tested column its histogram only when asked, and none to a skipped column", () => {
    const b = new Map([["x", ["1.5", "2.5", "3.5"]], ["city", ["a", "b", "a"]], ["only", ["1"]]]);
    const c = new Map([["x", ["7.5", "8.5"]], ["city", ["b", "b"]]]);
    expect(compareSamples(b, c, { minValues: 1 }).columns.every((col) => col.histogram === undefined)).toBe(true);
    const cols = compareSamples(b, c, { histograms: true, minValues: 1 }).columns;
    expect(cols.find((col) => col.column === "x")!.histogram).toMatchObject({ kind: "numeric" });
    expect(cols.find((col) => col.column === "city")!.histogram).toEqual({ kind: "categorical", categories: ["b", "a"], baseline: [0.333333, 0.666667], current: [1, 0] });
    expect(cols.find((col) => col.column === "only")!.histogram).toBeUndefined();
  });
});

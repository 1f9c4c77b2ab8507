import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alignRange, expectedPoints } from "../../../src/core/monitor/align-range.js";
import { callsFor, minimumCalls, packBatches } from "../../../src/core/monitor/pack-batches.js";

describe("packBatches", () => {
  it("reaches max(ceil(series/500), ceil(points/100800)) for 10,000 series of 2,016 points", () => {
    const points = new Array(10_000).fill(2016);
    const batches = packBatches(points);
    expect(minimumCalls(points)).toBe(200);
    expect(batches).toHaveLength(200);
    expect(batches.every((b) => b.length === 50)).toBe(true);
  });

  it("is bounded by the query limit when series are short", () => {
    const batches = packBatches(new Array(1234).fill(10));
    expect(batches).toHaveLength(3);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(500);
  });

  it("keeps every item once, at most 500 a call, and reaches the minimum for lengths dividing 100,800", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.constantFrom(1, 60, 144, 336, 1008, 1440, 2016, 4032, 10_080, 20_160, 50_400, 100_800), (n, p) => {
        const points = new Array(n).fill(p);
        const batches = packBatches(points);
        expect(batches.flat().sort((a, b) => a - b)).toEqual(points.map((_, i) => i));
        for (const b of batches) expect(b.length).toBeLessThanOrEqual(500);
        expect(callsFor(batches, points)).toBe(minimumCalls(points));
      }),
      { numRuns: 200 },
    );
  });

  it("pages series longer than a call allows, still at the minimum", () => {
    const points = [150_000, 150_000, 60_000];
    expect(callsFor(packBatches(points), points)).toBe(minimumCalls(points));
  });

  it("packs mixed lengths within the limits, close to the minimum", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(336, 2016, 4032, 20_160), { minLength: 1, maxLength: 2000 }), (points) => {
        const batches = packBatches(points);
        for (const b of batches) expect(b.length).toBeLessThanOrEqual(500);
        expect(callsFor(batches, points)).toBeLessThanOrEqual(minimumCalls(points) + 1);
      }),
      { numRuns: 100 },
    );
  });
});

describe("alignRange", () => {
  it("floors both ends to the period", () => {
    const r = alignRange(Date.parse("2026-11-26T04:17:31Z"), 14 * 86400, 600);
    expect(new Date(r.end).toISOString()).toBe("2026-11-26T04:10:00.000Z");
    expect(new Date(r.start).toISOString()).toBe("2026-11-12T04:10:00.000Z");
    expect(expectedPoints(r, 600)).toBe(2016);
  });
});

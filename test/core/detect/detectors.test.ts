import { describe, expect, it } from "vitest";
import { scoreSeries } from "../../../src/core/detect/score-series.js";
import { detectors } from "../../../src/core/detect/registry.js";
import { aSeries, noise, seasonalSeries } from "./support.js";

const score = (name: string, values: number[], params: Record<string, unknown> = {}) => scoreSeries(aSeries(values), [{ name, params }]);
const flat = (n: number, level = 10) => noise(n, 3).map((e) => level + e);

const alarms = (s: number[]) => s.filter((v) => v >= 0.5).length;

describe("point detectors flag a spike and stay (nearly) quiet before it", () => {
  for (const name of ["zscore", "robust-zscore", "iqr", "ewma", "seasonal", "ensemble"]) {
    it(name, () => {
      const values = flat(400);
      values[350] = 40;
      const s = score(name, values);
      expect(s[350]).toBeGreaterThanOrEqual(0.5);
      // the ensemble calls new records of the calibration history; on pure noise that is rare, not never
      expect(alarms(s.slice(200, 350))).toBeLessThanOrEqual(name === "ensemble" ? 2 : 0);
    });
  }
});

describe("level and trend detectors", () => {
  const step = [...flat(200), ...flat(100, 14)];
  it("changepoint fires within a few points of a level shift", () => {
    const s = score("changepoint", step);
    const first = s.findIndex((v, i) => i >= 200 && v >= 0.5);
    expect(first).toBeGreaterThanOrEqual(200);
    expect(first).toBeLessThan(205);
    expect(alarms(s.slice(50, 200))).toBeLessThanOrEqual(1);
  });

  const ramp = [...flat(200), ...flat(100).map((v, i) => v + 0.1 * i)];
  for (const method of ["ols", "theil-sen"]) {
    it(`trend (${method}) sees a ramp, not the flat part`, () => {
      const s = score("trend", ramp, { method, window: 50 });
      expect(Math.max(...s.slice(50, 200))).toBeLessThan(0.5);
      expect(s[299]).toBeGreaterThanOrEqual(0.5);
    });
  }

  it("trend with direction down ignores a rising ramp", () => {
    const s = score("trend", ramp, { direction: "down" });
    expect(Math.max(...s)).toBeLessThan(0.5);
  });

  it("mann-kendall sees a monotonic decline", () => {
    const decline = [...flat(100), ...Array.from({ length: 60 }, (_, i) => 10 - i * 0.2 + noise(60, 5)[i]! * 0.1)];
    const s = score("mann-kendall", decline, { window: 40 });
    expect(s[159]).toBeGreaterThanOrEqual(0.5);
    expect(Math.max(...s.slice(20, 100))).toBeLessThan(0.5);
  });
});

describe("seasonal detector", () => {
  it("expects the daily cycle but flags a missing peak", () => {
    const values = seasonalSeries(144 * 8);
    const quiet = score("seasonal", values);
    expect(Math.max(...quiet.slice(144 * 5))).toBeLessThan(0.5);
    const missing = [...values];
    const peak = 144 * 7 + 36; // the sine's maximum in day 8
    for (let i = peak - 3; i <= peak + 3; i++) missing[i] = 100;
    expect(score("seasonal", missing)[peak - 3]).toBeGreaterThanOrEqual(0.5);
  });
});

describe("isolation forest", () => {
  it("is deterministic for a seed and flags an outlier", () => {
    const values = flat(600);
    values[550] = 25;
    const a = score("isolation-forest", values);
    expect(score("isolation-forest", values)).toEqual(a);
    expect(a[550]).toBeGreaterThanOrEqual(0.5);
    expect(alarms(a.slice(300, 550))).toBeLessThan(15);
  });
});

describe("edge cases, for every detector", () => {
  for (const name of Object.keys(detectors)) {
    it(`${name}: empty, one point, constant, constant then a move, non-finite values`, () => {
      expect(score(name, [])).toEqual([]);
      expect(score(name, [5])).toEqual([0]);
      const constant = score(name, new Array(300).fill(7));
      expect(constant.every((v) => v === 0)).toBe(true);
      const moved = score(name, [...new Array(300).fill(7), 8]);
      expect(moved.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
      const holes = flat(200);
      holes[50] = NaN;
      holes[60] = Infinity;
      holes[70] = -Infinity;
      const s = score(name, holes);
      expect(s[50]).toBe(0);
      expect(s[60]).toBe(0);
      expect(s.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
    });
  }

  it("a move away from a constant series is an anomaly for the point detectors", () => {
    for (const name of ["zscore", "robust-zscore", "iqr", "ewma"]) {
      expect(score(name, [...new Array(100).fill(7), 8]).at(-1), name).toBeGreaterThanOrEqual(0.5);
    }
  });
});

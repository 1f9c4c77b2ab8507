import { describe, expect, it } from "vitest";
import { autocorrelation, detectPeriod } from "../../../src/core/detect/stats/acf.js";
import { SortedWindow, quantileSorted } from "../../../src/core/detect/stats/sorted-window.js";
import { RollingMoments } from "../../../src/core/detect/stats/rolling-moments.js";
import { normalSf } from "../../../src/core/detect/stats/normal.js";
import { seasonalSeries, noise } from "./support.js";

describe("stats", () => {
  it("detects the period of a daily cycle, and none in noise or a constant", () => {
    expect(detectPeriod(seasonalSeries(144 * 6))).toBe(144);
    expect(detectPeriod(noise(800))).toBeUndefined();
    expect(detectPeriod(new Array(500).fill(1))).toBeUndefined();
    expect(autocorrelation([1, 2, 3], 5)).toHaveLength(3);
  });

  it("rolling quantiles and moments match a direct computation", () => {
    const xs = noise(300, 5).map((v) => v * 100);
    const w = new SortedWindow(50);
    const m = new RollingMoments(50);
    xs.forEach((x) => {
      w.push(x);
      m.push(x);
    });
    const last = xs.slice(-50).sort((a, b) => a - b);
    expect(w.median()).toBeCloseTo(quantileSorted(last, 0.5), 12);
    expect(w.quantile(0.9)).toBeCloseTo(quantileSorted(last, 0.9), 12);
    const mean = last.reduce((s, v) => s + v, 0) / 50;
    expect(m.mean()).toBeCloseTo(mean, 9);
    expect(m.std()).toBeCloseTo(Math.sqrt(last.reduce((s, v) => s + (v - mean) ** 2, 0) / 50), 9);
  });

  it("normal tail", () => {
    expect(normalSf(0)).toBeCloseTo(0.5, 15);
    expect(normalSf(1.959963984540054)).toBeCloseTo(0.025, 12);
    expect(normalSf(6) / 9.865876450376946e-10).toBeCloseTo(1, 8);
  });
});

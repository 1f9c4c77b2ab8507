import { describe, expect, it } from "vitest";
import { correlationBreak } from "../../../src/core/detect/multivariate/correlation-break.js";
import { mahalanobisScores } from "../../../src/core/detect/multivariate/mahalanobis.js";
import { alignSeries } from "../../../src/core/detect/multivariate/align.js";
import { aSeries, noise } from "./support.js";

describe("multivariate", () => {
  const n = 500;
  const load = noise(n, 2).map((e, i) => 100 + 20 * Math.sin(i / 10) + e);
  const latency = load.map((v, i) => 2 * v + 10 * noise(n, 4)[i]!);

  it("aligns on common finite timestamps", () => {
    const a = aSeries([1, 2, 3, NaN]);
    const b = aSeries([5, 6, 7, 8]).slice(1);
    expect(alignSeries([a, b]).rows).toEqual([
      [2, 6],
      [3, 7],
    ]);
  });

  it("correlation break: quiet while latency follows load, fires when it stops", () => {
    const broken = [...latency];
    for (let i = 450; i < n; i++) broken[i] = 200 + noise(n, 9)[i]! * 40;
    const quiet = correlationBreak(aSeries(load), aSeries(latency));
    expect(Math.max(...quiet.map((s) => s.score))).toBeLessThan(0.5);
    const s = correlationBreak(aSeries(load), aSeries(broken));
    expect(s[480]!.score).toBeGreaterThanOrEqual(0.5);
    expect(s.every((x) => Number.isFinite(x.score) && x.score >= 0 && x.score <= 1)).toBe(true);
  });

  it("Mahalanobis: a vector off the usual relation scores high even when each metric is in range", () => {
    const lat = [...latency];
    lat[400] = load[400]! * 1.6; // in latency's range, but not for this load
    const s = mahalanobisScores([aSeries(load), aSeries(lat)]);
    expect(s[400]!.score).toBeGreaterThanOrEqual(0.5);
    expect(s.slice(100, 400).filter((x) => x.score >= 0.5).length).toBeLessThanOrEqual(3);
  });

  it("Mahalanobis stays finite for constant and collinear metrics", () => {
    const c = aSeries(new Array(100).fill(3));
    const s = mahalanobisScores([c, c, aSeries(load.slice(0, 100))]);
    expect(s.every((x) => Number.isFinite(x.score) && x.score >= 0 && x.score <= 1)).toBe(true);
  });
});

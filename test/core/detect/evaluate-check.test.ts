import { describe, expect, it } from "vitest";
import { evaluateCheck } from "../../../src/core/detect/evaluate-check.js";
import type { MonitoringCheck } from "../../../src/core/types.js";
import { aSeries, noise } from "./support.js";

const check = (over: Partial<MonitoringCheck> = {}): MonitoringCheck => ({
  id: "accuracy",
  metric: "accuracy",
  metrics: [over.metric ?? "accuracy"],
  detectors: [{ name: "zscore", params: {} }],
  threshold: { min: 0.9 },
  sustained: 3,
  severity: "critical",
  compareVariants: false,
  ...over,
});
const healthy = (n: number) => noise(n, 11).map((e) => 0.95 + 0.005 * e);
const opts = { periodSeconds: 600 };

describe("evaluateCheck", () => {
  it("is ok on a healthy series and returns the tail as evidence", () => {
    const v = evaluateCheck(aSeries(healthy(200)), check(), opts);
    expect(v.status).toBe("ok");
    expect(v.severity).toBe("critical");
    expect(v.evidence).toHaveLength(60);
    expect(v.evidenceScores).toHaveLength(60);
    expect(v.evidenceScores!.every((s) => s >= 0 && s <= 1)).toBe(true);
    expect(v.latest?.value).toBeCloseTo(v.evidence.at(-1)!.value);
    expect(v.summary).toMatch(/^accuracy: ok/);
  });

  it("reports a breach only once it lasted `sustained` points", () => {
    const values = healthy(200);
    values.push(0.85, 0.84);
    expect(evaluateCheck(aSeries(values), check(), opts).status).not.toBe("breach");
    values.push(0.83);
    const v = evaluateCheck(aSeries(values), check(), opts);
    expect(v.status).toBe("breach");
    expect(v.sustainedPoints).toBe(3);
    expect(v.fired).toContain("threshold");
    expect(v.bound).toEqual({ min: 0.9, max: undefined });
    expect(v.since).toBe(aSeries(values)[200]!.t);
    expect(v.summary).toContain("below min 0.9");
  });

  it("reports an anomaly inside the bounds when the detectors fire for `sustained` points", () => {
    const values = [...healthy(200), 0.915, 0.914, 0.913];
    const v = evaluateCheck(aSeries(values), check({ sustained: 2 }), opts);
    expect(v.status).toBe("anomaly");
    expect(v.fired).toEqual(["zscore"]);
    expect(v.score).toBeGreaterThanOrEqual(0.5);
  });

  it("a gap of more than 1.5 periods breaks a run", () => {
    const pts = aSeries([...healthy(100), 0.85, 0.84, 0.83]);
    pts[102] = { ...pts[102]!, t: pts[102]!.t + 3600_000 };
    expect(evaluateCheck(pts, check(), opts).sustainedPoints).toBe(1);
  });

  it("skips non-finite values and says insufficient-data when nothing is left", () => {
    const v = evaluateCheck(aSeries([NaN, Infinity]), check(), opts);
    expect(v.status).toBe("insufficient-data");
    expect(v.score).toBe(0);
    expect(evaluateCheck([], check(), opts).status).toBe("insufficient-data");
    expect(evaluateCheck(aSeries(healthy(5)), check(), opts).status).toBe("insufficient-data");
    expect(evaluateCheck(aSeries([0.5, 0.5, 0.5]), check(), opts).status).toBe("breach");
    const mixed = evaluateCheck(aSeries([...healthy(50), NaN]), check(), opts);
    expect(mixed.status).toBe("ok");
    expect(Number.isFinite(mixed.score)).toBe(true);
  });

  it("uses the default ensemble when the check names no detector", () => {
    const values = healthy(400);
    values.push(0.6, 0.6, 0.6);
    const v = evaluateCheck(aSeries(values), check({ detectors: [], threshold: {} }), opts);
    expect(v.status).toBe("anomaly");
    expect(v.fired).toEqual(["ensemble"]);
  });
});

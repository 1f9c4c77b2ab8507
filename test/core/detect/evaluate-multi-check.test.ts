import { describe, expect, it } from "vitest";
import { evaluateCheck } from "../../../src/core/detect/evaluate-check.js";
import { evaluateMultiCheck } from "../../../src/core/detect/evaluate-multi-check.js";
import type { MonitoringCheck } from "../../../src/core/types.js";
import type { Datapoint } from "../../../src/ports.js";
import { aSeries, noise } from "./support.js";

const opts = { periodSeconds: 600 };
const check = (over: Partial<MonitoringCheck> = {}): MonitoringCheck => ({
  id: "latency-vs-traffic",
  metric: "latency",
  metrics: ["latency", "invocations"],
  detectors: [{ name: "correlation-break", params: {} }],
  threshold: {},
  sustained: 3,
  severity: "warning",
  compareVariants: false,
  ...over,
});

/** Invocations that vary from point to point (no cycle: a 60-point window of a daily cycle can hold too little of it for a stable correlation). */
function traffic(n: number): number[] {
  return noise(n, 3).map((e) => 1000 + 300 * e);
}

/** Latency that follows invocations until `breakAt`, then stops following them (same level, own noise). */
function latency(inv: number[], breakAt = Infinity): number[] {
  const e = noise(inv.length, 5);
  return inv.map((v, i) => (i < breakAt ? 50 + 0.05 * v + 5 * e[i]! : 100 + 15 * e[i]!));
}

const pair = (n: number, breakAt?: number) => {
  const inv = traffic(n);
  return { invocations: aSeries(inv), latency: aSeries(latency(inv, breakAt)) };
};

describe("evaluateMultiCheck: correlation-break", () => {
  it("is ok while latency follows invocations", () => {
    const v = evaluateMultiCheck(pair(600), check(), opts);
    expect(v.status).toBe("ok");
    expect(v.score).toBeLessThan(0.5);
    expect(v.summary).toMatch(/^latency-vs-traffic \(latency, invocations\): ok/);
    expect(v.evidence).toHaveLength(60);
    expect(v.evidenceScores).toHaveLength(60);
    expect(Math.max(...v.evidenceScores!)).toBeLessThan(0.5);
  });

  it("finds the break once latency stops following invocations, for `sustained` points", () => {
    const v = evaluateMultiCheck(pair(600, 560), check(), opts);
    expect(v.status).toBe("anomaly");
    expect(v.fired).toEqual(["correlation-break"]);
    expect(v.sustainedPoints).toBeGreaterThanOrEqual(3);
    expect(v.since).toBeGreaterThanOrEqual(aSeries(new Array(561).fill(0))[560]!.t);
    expect(v.metric).toBe("latency");
    expect(v.summary).toContain("latency, invocations");
    expect(v.summary).toContain("jointly anomalous");
    // evidence is the first metric's tail
    const s = pair(600, 560);
    expect(v.evidence).toEqual(s.latency.slice(-60));
    expect(v.latest).toEqual(s.latency[599]);
  });

  it("is causal: a verdict on a prefix sees the same scores as the full run did at those points", () => {
    const full = pair(600, 560);
    const cut = (k: number) => ({ latency: full.latency.slice(0, k), invocations: full.invocations.slice(0, k) });
    const all = evaluateMultiCheck(full, check({ sustained: 1 }), opts);
    for (const k of [570, 580, 590]) {
      const v = evaluateMultiCheck(cut(k), check({ sustained: 1 }), opts);
      expect(v.score).toBe(all.evidenceScores![60 - (600 - k) - 1]);
    }
  });

  it("is deterministic", () => {
    expect(evaluateMultiCheck(pair(600, 560), check(), opts)).toEqual(evaluateMultiCheck(pair(600, 560), check(), opts));
  });

  it("says insufficient-data before the windows fill, and with no common points", () => {
    const short = evaluateMultiCheck(pair(200), check(), opts);
    expect(short.status).toBe("insufficient-data");
    expect(short.summary).toContain("200 of 360");
    const none = evaluateMultiCheck({ latency: pair(50).latency }, check(), opts);
    expect(none).toMatchObject({ status: "insufficient-data", score: 0, fired: [], evidence: pair(50).latency });
  });

  it("aligns on common timestamps: a point missing from one metric is skipped, non-finite values too", () => {
    const s = pair(600, 560);
    const holes = { latency: s.latency.filter((_, i) => i % 7 !== 3), invocations: s.invocations.map((p, i) => (i % 11 === 5 ? { ...p, value: NaN } : p)) };
    const v = evaluateMultiCheck(holes, check({ sustained: 1 }), opts);
    expect(Number.isFinite(v.score)).toBe(true);
    expect(v.evidence.every((p) => Number.isFinite(p.value))).toBe(true);
  });

  it("honours detector parameters", () => {
    const small = check({ detectors: [{ name: "correlation-break", params: { window: 20, reference: 60 } }] });
    expect(evaluateMultiCheck(pair(100), small, opts).status).toBe("ok");
  });
});

describe("evaluateMultiCheck: mahalanobis", () => {
  const vec = check({ id: "serving-health", metric: "x", metrics: ["x", "y"], detectors: [{ name: "mahalanobis", params: {} }] });

  /** Two strongly correlated metrics; the last `k` points move apart, each staying inside its own usual range. */
  function joint(n: number, k: number): Record<string, Datapoint[]> {
    const a = noise(n, 11);
    const b = noise(n, 13);
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      const common = 10 * a[i]!;
      const late = i >= n - k;
      x.push(100 + common + 0.5 * b[i]! + (late ? 5 : 0));
      y.push(200 + common - 0.5 * b[i]! - (late ? 5 : 0));
    }
    return { x: aSeries(x), y: aSeries(y) };
  }

  it("is ok on the usual joint behaviour", () => {
    expect(evaluateMultiCheck(joint(400, 0), vec, opts).status).toBe("ok");
  });

  it("finds a joint outlier that no single metric shows", () => {
    const s = joint(400, 3);
    const v = evaluateMultiCheck(s, vec, opts);
    expect(v.status).toBe("anomaly");
    expect(v.fired).toEqual(["mahalanobis"]);
    expect(v.sustainedPoints).toBe(3);
    for (const m of ["x", "y"]) {
      const single = evaluateCheck(s[m]!, { ...vec, id: m, metric: m, metrics: [m], detectors: [{ name: "zscore", params: {} }] }, opts);
      expect(single.status, m).toBe("ok");
    }
  });

  it("combines detectors by their largest score, ignoring one that cannot take this many metrics", () => {
    const three = { ...joint(400, 3), z: aSeries(noise(400, 17)) };
    const v = evaluateMultiCheck(three, { ...vec, metrics: ["x", "y", "z"], detectors: [{ name: "correlation-break", params: {} }, { name: "mahalanobis", params: {} }] }, opts);
    expect(v.fired).toEqual(["mahalanobis"]);
    const none = evaluateMultiCheck(three, { ...vec, metrics: ["x", "y", "z"], detectors: [{ name: "correlation-break", params: {} }] }, opts);
    expect(none.status).toBe("insufficient-data");
  });
});

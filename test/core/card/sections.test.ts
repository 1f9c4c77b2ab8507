import { describe, expect, it } from "vitest";
import { compareMetrics, pickComparison } from "../../../src/core/card/compare-versions.js";
import { compareVersions, formatBytes, formatDelta, formatVariants } from "../../../src/core/card/format.js";
import { boundSets, checkBounds, describeGates, direction } from "../../../src/core/card/gates.js";
import { describeMonitoring } from "../../../src/core/card/describe-policy.js";
import { metricChart } from "../../../src/core/card/mermaid-chart.js";
import { aModelSpec, aPolicySpec, aVersionSpec } from "../../support/builders.js";

const stage = (...v: [string, number][]) => ({ variants: v.map(([version, weight]) => ({ version, weight })) });

describe("pickComparison", () => {
  const policy = aPolicySpec();
  it("compares staging with production", () => {
    expect(pickComparison(aModelSpec(), policy)).toEqual({ baseline: "7", candidate: "8" });
  });
  it("takes production's heaviest variant as the baseline and the canary as the candidate", () => {
    expect(pickComparison(aModelSpec({ stages: { production: stage(["7", 90], ["8", 10]) } }), policy)).toEqual({ baseline: "7", candidate: "8" });
    expect(pickComparison(aModelSpec({ stages: { production: stage(["7", 20], ["8", 80]), staging: stage(["8", 100]) } }), policy)).toEqual({ baseline: "8", candidate: "7" });
  });
  it("has nothing to compare without production or without another version", () => {
    expect(pickComparison(aModelSpec({ stages: { staging: stage(["8", 100]) } }), policy)).toBeUndefined();
    expect(pickComparison(aModelSpec({ stages: { production: stage(["7", 100]), staging: stage(["7", 100]) } }), policy)).toBeUndefined();
  });
});

describe("compareMetrics", () => {
  it("gives deltas, relative change and a verdict from the policy's bounds", () => {
    const policy = aPolicySpec({
      monitoring: { checks: [{ id: "mape", metric: "mape", metrics: ["mape"], detectors: [], threshold: { max: 0.2 }, sustained: 1, severity: "critical", compareVariants: false }], recovery: 0 },
    });
    const rows = compareMetrics(aVersionSpec({ metrics: { auc: 0.941, mape: 0.12, f1: 0.5 } }), aVersionSpec({ metrics: { auc: 0.947, mape: 0.13, rmse: 1 } }), policy);
    expect(rows).toEqual([
      { metric: "auc", baseline: "0.941", candidate: "0.947", delta: "+0.006", relative: "+0.64%", verdict: "better" },
      { metric: "f1", baseline: "0.5", candidate: "—", delta: "—", relative: "—", verdict: "" },
      { metric: "mape", baseline: "0.12", candidate: "0.13", delta: "+0.01", relative: "+8.33%", verdict: "worse" },
      { metric: "rmse", baseline: "—", candidate: "1", delta: "—", relative: "—", verdict: "" },
    ]);
    expect(direction(policy, "auc")).toBe(1);
    expect(direction(policy, "mape")).toBe(-1);
    expect(direction(policy, "f1")).toBe(0);
  });
});

describe("gates", () => {
  it("fails a gated metric that is missing or out of bounds, and skips thresholds on metrics the version lacks", () => {
    expect(checkBounds({ auc: 0.92 }, { auc: { min: 0.93 }, recall: { min: 0.8 } })).toEqual({ pass: false, failures: ["auc 0.92 below 0.93", "recall missing"] });
    expect(checkBounds({ auc: 0.95 }, { auc: { min: 0.93, max: 0.99 } })).toEqual({ pass: true });
    expect(checkBounds({ auc: 0.95 }, { latency: { max: 10 } }, true)).toBeUndefined();
  });
  it("lists the policy's requirements per stage in words", () => {
    const policy = aPolicySpec();
    expect(boundSets(policy).map((s) => s.label)).toEqual(["production gate"]);
    expect(describeGates(policy)).toEqual([
      { stage: "staging", requires: "no gate" },
      { stage: "production", requires: "auc ≥ 0.93, at least 3d in staging, 2 approvals" },
    ]);
  });
});

describe("metricChart", () => {
  it("draws one line across the versions that report the metric", () => {
    const versions = ["5", "6", "7"].map((v, i) => aVersionSpec({ version: v, metrics: i === 1 ? {} : { auc: 0.9 + i / 100 } }));
    expect(metricChart("auc", versions)).toBe(
      ["```mermaid", "xychart-beta", '    title "auc by version"', '    x-axis ["5", "7"]', '    y-axis "auc" 0.898 --> 0.922', "    line [0.9, 0.92]", "```"].join("\n"),
    );
    expect(metricChart("auc", versions.slice(0, 1))).toBeUndefined();
  });
  it("pads a flat line and keeps labels plain", () => {
    const chart = metricChart('a"b`\n', [aVersionSpec({ version: 'x"]', metrics: { 'a"b`\n': 5 } }), aVersionSpec({ version: "y", metrics: { 'a"b`\n': 5 } })])!;
    expect(chart).toContain('title "a_b__ by version"');
    expect(chart).toContain('x-axis ["x__", "y"]');
    expect(chart).toContain('y-axis "a_b__" 4.5 --> 5.5');
  });
});

describe("format", () => {
  it("orders versions by their numeric parts", () => {
    expect(["10", "9", "1.10.0", "1.2.0", "2026.09", "2026.10", "b", "a"].sort(compareVersions)).toEqual(["1.2.0", "1.10.0", "9", "10", "2026.09", "2026.10", "a", "b"]);
  });
  it("prints numbers, sizes and splits the same way everywhere", () => {
    expect(formatDelta(0.947 - 0.941)).toBe("+0.006");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(5402331200)).toBe("5.4 GB");
    expect(formatVariants([{ version: "a", weight: 80 }, { version: "b", weight: 20 }])).toBe("a (80%) + b (20%)");
    expect(formatVariants([])).toBe("—");
  });
});

describe("describeMonitoring", () => {
  it("says what normal looked like when steward baseline recorded reference statistics", () => {
    const q = { namespace: "Acme/Quality", metric: "Accuracy", dimensions: {}, stat: "Average" };
    const reference = { mean: 0.931, std: 0.0042, p50: 0.932, p95: 0.937, window: "14d", since: "2026-11-19T00:00:00.000Z", until: "2026-12-03T00:00:00.000Z", points: 2016, computedAt: "2026-12-03T08:00:00.000Z" };
    const policy = aPolicySpec({ monitoring: { checks: [{ id: "accuracy", metric: "accuracy", metrics: ["accuracy"], detectors: [], threshold: { min: 0.9 }, sustained: 3, severity: "critical", compareVariants: false }], recovery: 0 } });
    const withRef = aModelSpec({ monitoring: { window: 86400, period: 600, metrics: { accuracy: { ...q, reference } } } });
    const [check] = describeMonitoring(withRef, policy).checks;
    expect(check).toContain("Normal, over a healthy period (2026-11-19 to 2026-12-03, 2016 points): mean 0.931, standard deviation 0.0042, median 0.932, 95th percentile 0.937.");
    const { since: _s, until: _u, points: _p, ...bare } = reference;
    const [short] = describeMonitoring(aModelSpec({ monitoring: { window: 86400, period: 600, metrics: { accuracy: { ...q, reference: bare } } } }), policy).checks;
    expect(short).toContain("Normal, over a healthy period (14d up to 2026-12-03): mean 0.931");
    const [none] = describeMonitoring(aModelSpec({ monitoring: { window: 86400, period: 600, metrics: { accuracy: q } } }), policy).checks;
    expect(none).not.toContain("Normal");
  });
});

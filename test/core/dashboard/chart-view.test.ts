import { describe, expect, it } from "vitest";
import { buildChart, zoomOnMarks } from "../../../src/core/dashboard/chart-view.js";
import { aCheck, aFinding } from "./a-report.js";

describe("buildChart", () => {
  it("draws the metric source's series and marks breaches and the finding's anomalous run", () => {
    const points = [
      { t: 1_000, value: 0.95 },
      { t: 2_000, value: 0.93 },
      { t: 3_000, value: 0.91 },
      { t: 4_000, value: 0.85 },
    ];
    const chart = buildChart({ check: aCheck(), points, findings: [aFinding({ kind: "anomaly", since: 2_000, latest: { t: 4_000, value: 0.85 } })] });
    expect(chart.source).toBe("metrics");
    expect(chart.points).toEqual(points);
    expect(chart.threshold).toEqual({ min: 0.9 });
    expect(chart.marked).toEqual([
      { t: 2_000, value: 0.93, reason: "anomaly" },
      { t: 3_000, value: 0.91, reason: "anomaly" },
      { t: 4_000, value: 0.85, reason: "breach" },
    ]);
  });

  it("falls back to the union of the findings' evidence, later values winning", () => {
    const older = aFinding({ evidence: [{ t: 1, value: 1 }, { t: 2, value: 2 }], latest: { t: 2, value: 2 } });
    const newer = aFinding({ evidence: [{ t: 2, value: 5 }, { t: 3, value: 3 }], latest: { t: 3, value: 3 } });
    const chart = buildChart({ check: aCheck({ threshold: {} }), findings: [newer, older] });
    expect(chart.source).toBe("evidence");
    expect(chart.points).toEqual([{ t: 1, value: 1 }, { t: 2, value: 5 }, { t: 3, value: 3 }]);
    expect(chart.threshold).toEqual({ min: 0.9 }); // the check has none: the finding's bound
  });

  it("has no points and no marks without series or findings, and keeps the latest status", () => {
    const chart = buildChart({ check: aCheck(), findings: [], latest: { status: "insufficient-data", summary: "too few points" } });
    expect(chart).toMatchObject({ source: "none", points: [], marked: [], status: "insufficient-data", summary: "too few points" });
  });
});

describe("zoomOnMarks", () => {
  const points = Array.from({ length: 200 }, (_, i) => ({ t: i * 600_000, value: i >= 190 ? 0.8 : 0.95 }));
  const base = buildChart({ check: aCheck(), points, findings: [] });

  it("closes in on a short marked stretch at the end of a long window", () => {
    const z = zoomOnMarks(base)!;
    expect(base.marked).toHaveLength(10);
    expect(z.points[0]!.t).toBe(178 * 600_000); // 12 points of context before the first mark
    expect(z.points).toHaveLength(22);
    expect(z.marked).toEqual(base.marked);
  });

  it("leaves charts alone when nothing is marked or the marks already span a quarter", () => {
    expect(zoomOnMarks({ ...base, marked: [] })).toBeUndefined();
    expect(zoomOnMarks({ ...base, marked: base.marked.concat([{ t: 100 * 600_000, value: 0.8, reason: "breach" }]).sort((a, b) => a.t - b.t) })).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { parseMonitorReport } from "../../../src/core/dashboard/parse-report.js";
import { modelHealth } from "../../../src/core/monitor/model-health.js";
import { reportSchemaErrors } from "../../support/report-schema.js";
import { aFinding, aReport } from "../dashboard/a-report.js";
import { aModelSpec } from "../../support/builders.js";

describe("schemas/report.schema.json", () => {
  it("accepts a report with a finding, an incident with and one without an issue number, and actions", () => {
    const report = aReport({
      models: [{ model: "fraud-detection", policy: "strict", serving: "7", status: "critical", checks: [{ check: "accuracy", status: "breach", severity: "critical", latest: 0.8, summary: "below" }], incidents: [{ check: "accuracy", severity: "critical", issue: 12 }, { check: "latency", severity: "warning" }], changes: ["steward/rollback/fraud-detection"] }],
      findings: [aFinding()],
      actions: [{ kind: "open-issue", target: "fraud-detection/accuracy", summary: "open issue", status: "done", url: "https://github.com/acme/m/issues/12" }],
    });
    expect(reportSchemaErrors(report)).toEqual([]);
  });

  it("refuses null entries, unknown fields and a missing array, naming the place", () => {
    const base = aReport();
    expect(reportSchemaErrors({ ...base, models: [{ ...base.models[0]!, incidents: [null] }] }).join("\n")).toContain("/models/0/incidents/0 must be object");
    expect(reportSchemaErrors({ ...base, findings: [null] }).join("\n")).toContain("/findings/0");
    expect(reportSchemaErrors({ ...base, extra: 1 }).join("\n")).toContain("\"additionalProperty\":\"extra\"");
    const { actions: _, ...noActions } = base;
    expect(reportSchemaErrors(noActions).join("\n")).toContain("actions");
  });

  it("an incident without an issue number is an object without `issue`, not a null in JSON", () => {
    const m = aModelSpec({ name: "fraud-detection" });
    const [h] = modelHealth([m], [], [], [{ model: "fraud-detection", checkId: "accuracy", severity: "critical", openedAt: 0, lastBadAt: 0, escalated: false }], []);
    expect(JSON.stringify(h!.incidents)).toBe('[{"check":"accuracy","severity":"critical"}]');
  });

  it("the dashboard still reads reports written before the schema (issue numbers, nulls dropped)", () => {
    const old = { ...aReport(), models: [{ ...aReport().models[0]!, incidents: [12, null] }] };
    const parsed = parseMonitorReport(JSON.stringify(old));
    expect(parsed.ok && parsed.report.models[0]!.incidents).toEqual([{ check: "unknown", severity: "info", issue: 12 }]);
  });

  it("a drift finding's histograms: numeric and categorical accepted; nulls, mismatched kinds and oversized ones refused", () => {
    const drift = {
      baseline: "data/b.csv",
      drifted: ["amount"],
      rows: [{ column: "amount", test: "psi", statistic: 0.4, threshold: 0.2, verdict: "drift" as const }],
      histograms: [
        { column: "amount", kind: "numeric" as const, edges: [0, 1, 2], baseline: [0.5, 0.5], current: [0.1, 0.9] },
        { column: "hour", kind: "numeric" as const, edges: [-0.5, 0.5], integers: true as const, baseline: [1], current: [1] },
        { column: "city", kind: "categorical" as const, categories: ["a"], baseline: [0.6], current: [0.2], other: { categories: 2, baseline: 0.4, current: 0.8 } },
      ],
    };
    const withDrift = (d: unknown) => aReport({ findings: [aFinding({ kind: "drift", checkId: "drift", metric: "drift", evidence: [], drift: d as never })] });
    expect(reportSchemaErrors(withDrift(drift))).toEqual([]);
    const h0 = drift.histograms[0]!;
    expect(reportSchemaErrors(withDrift({ ...drift, histograms: [{ ...h0, baseline: [0.5, null] }] })).join("\n")).toContain("/histograms/0");
    expect(reportSchemaErrors(withDrift({ ...drift, histograms: [{ ...h0, categories: ["a"] }] })).join("\n")).toContain("/histograms/0");
    expect(reportSchemaErrors(withDrift({ ...drift, histograms: [{ ...h0, edges: Array.from({ length: 100 }, (_, i) => i) }] })).join("\n")).toContain("/histograms/0");
    expect(reportSchemaErrors(withDrift({ ...drift, histograms: [{ ...h0, current: [0.1, 1.5] }] })).join("\n")).toContain("/histograms/0");
  });
});


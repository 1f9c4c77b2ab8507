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
});

import { describe, expect, it } from "vitest";
import { parseMonitorReport } from "../../../src/core/dashboard/parse-report.js";
import { aFinding, aReport } from "./a-report.js";

describe("parseMonitorReport", () => {
  it("reads back what monitor --format json prints", () => {
    const report = aReport({ findings: [aFinding()] });
    const parsed = parseMonitorReport(JSON.stringify(report));
    expect(parsed).toEqual({ ok: true, report });
  });

  it.each([
    ["{", /not JSON/],
    ["[]", /not an object/],
    ['{"detailType":"Model Anomaly Detected"}', /no ISO `now`/],
    ['{"now":"2026-11-26T00:00:00Z","models":[]}', /no `findings` array/],
  ])("refuses %s with a reason", (text, reason) => {
    const parsed = parseMonitorReport(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it("drops malformed entries and evidence points instead of failing", () => {
    const text = JSON.stringify({ now: "2026-11-26T00:00:00Z", models: [{ nope: 1 }], findings: [{ ...aFinding(), evidence: [{ t: 1, value: 2 }, { t: "x", value: 3 }] }], actions: [null] });
    const parsed = parseMonitorReport(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.report.models).toEqual([]);
    expect(parsed.report.actions).toEqual([]);
    expect(parsed.report.findings[0]!.evidence).toEqual([{ t: 1, value: 2 }]);
    expect(parsed.report.warnings).toEqual([]);
  });
});

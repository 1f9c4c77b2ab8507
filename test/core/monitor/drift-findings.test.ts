import { describe, expect, it } from "vitest";
import type { DriftReport } from "../../../src/core/drift/compare-samples.js";
import { compareSamples } from "../../../src/core/drift/compare-samples.js";
import { DRIFT_CHECK, driftFinding, driftHistograms, driftRows, driftStatus, MAX_HISTOGRAMS } from "../../../src/core/monitor/drift-findings.js";
import { reportSchemaErrors } from "../../support/report-schema.js";
import { aReport } from "../dashboard/a-report.js";
import { anomalyEvent } from "../../../src/core/monitor/build-events.js";
import { actionsFor } from "../../../src/core/monitor/match-rules.js";
import { incidentTitle } from "../../../src/core/github-conventions.js";
import { incidentBody } from "../../../src/core/monitor/render-incident.js";
import { aModelSpec, aPolicySpec } from "../../support/builders.js";

const report = (drift: boolean): DriftReport => ({
  drift,
  columns: [
    {
      column: "amount",
      kind: "numeric",
      baselineCount: 400,
      currentCount: 300,
      missing: 0,
      drift,
      tests: [
        { test: "ks", statistic: 0.24, pValue: 1.9e-9, threshold: 0.01, drift },
        { test: "psi", statistic: 0.31, threshold: 0.2, drift },
      ],
    },
    { column: "merchant|category", kind: "categorical", baselineCount: 400, currentCount: 300, missing: 0, drift: false, tests: [{ test: "chi-square", statistic: 5.8, pValue: 0.33, threshold: 0.01, drift: false }] },
    { column: "note", kind: "categorical", baselineCount: 400, currentCount: 0, missing: 0, drift: false, tests: [], skipped: "only in the baseline sample" },
  ],
});

describe("drift findings (pure)", () => {
  it("one finding per model: kind drift, check drift, the policy's severity, the tests that fired, the share of tested columns", () => {
    const f = driftFinding({ model: "fraud-detection", baseline: "data/b.csv", report: report(true), severity: "critical" })!;
    expect(f).toMatchObject({ model: "fraud-detection", checkId: DRIFT_CHECK, metric: "drift", kind: "drift", severity: "critical", fired: ["ks", "psi"], sustainedPoints: 1, evidence: [] });
    expect(f.score).toBeCloseTo(1 / 2);
    expect(f.summary).toBe("1 of 2 columns drifted from the baseline data/b.csv: amount (ks, psi)");
    expect(f.drift!.drifted).toEqual(["amount"]);
  });

  it("no finding without drift", () => {
    expect(driftFinding({ model: "m", baseline: "b.csv", report: report(false), severity: "warning" })).toBeUndefined();
  });

  it("rows: one per (column, test), a skipped column once with its reason", () => {
    expect(driftRows(report(true))).toEqual([
      { column: "amount", test: "ks", statistic: 0.24, pValue: 1.9e-9, threshold: 0.01, verdict: "drift" },
      { column: "amount", test: "psi", statistic: 0.31, threshold: 0.2, verdict: "drift" },
      { column: "merchant|category", test: "chi-square", statistic: 5.8, pValue: 0.33, threshold: 0.01, verdict: "ok" },
      { column: "note", verdict: "skipped", note: "only in the baseline sample" },
    ]);
  });

  it("rules with kind drift match it; rules for a metric or for other kinds do not", () => {
    const f = driftFinding({ model: "m", baseline: "b.csv", report: report(true), severity: "warning" })!;
    const policy = aPolicySpec({
      remediation: {
        rules: [
          { when: { kind: "drift" }, do: ["issue", "event"] },
          { when: { metric: "latency" }, do: ["scale-pr"] },
          { when: { kind: "anomaly" }, do: ["rollback-pr"] },
        ],
        cooldown: 86400,
      },
    });
    expect(actionsFor(f, policy)).toEqual(["issue", "event"]);
  });

  it("the issue shows the per-column table, cells escaped; the event names the drifted columns", () => {
    const f = driftFinding({ model: "fraud-detection", baseline: "data/b.csv", report: report(true), severity: "warning" })!;
    expect(incidentTitle(f.model, f.checkId, f.kind, f.severity)).toBe("[warning] fraud-detection: drift differs from its baseline sample");
    const body = incidentBody(f, { model: aModelSpec(), policy: "strict", doing: [], recoverySeconds: 7200 });
    expect(body).toContain("| column | test | statistic | p-value | threshold | verdict |");
    expect(body).toContain("| amount | ks | 0.24 | 1.900e-9 | 0.01 | **drift** |");
    expect(body).toContain("| merchant\\|category | chi-square | 5.8 | 0.33 | 0.01 | ok |");
    expect(body).toContain("| note |  |  |  |  | skipped: only in the baseline sample |");
    expect(body).not.toContain("xychart-beta");
    expect(anomalyEvent(f, { policy: "strict", versions: ["7"], now: 0 }).detail).toMatchObject({ kind: "drift", check: "drift", driftedColumns: ["amount"] });
  });

  it("status: anomaly with a finding, ok without, insufficient-data with the reason when not compared", () => {
    const r = compareSamples(new Map([["x", ["1", "2", "3"]]]), new Map([["x", ["1", "2", "3"]]]));
    expect(driftStatus("m", "warning", { report: r })).toMatchObject({ model: "m", checkId: "drift", verdict: { status: "ok", summary: "no drift in 1 columns" } });
    const f = driftFinding({ model: "m", baseline: "b.csv", report: report(true), severity: "warning" })!;
    expect(driftStatus("m", "warning", { report: report(true), finding: f }).verdict.status).toBe("anomaly");
    expect(driftStatus("m", "warning", { error: "missing" })).toMatchObject({ readError: "missing", verdict: { status: "insufficient-data" } });
  });

  it("carries each tested column's histogram, drifted columns kept first when there are more than MAX_HISTOGRAMS; valid under the report schema", () => {
    const b = new Map<string, string[]>();
    const c = new Map<string, string[]>();
    for (let i = 0; i < MAX_HISTOGRAMS + 5; i++) {
      b.set(`f${i}`, ["1.5", "2.5", "3.5", "4.5"]);
      // the last column drifts: it must survive the cut
      c.set(`f${i}`, i === MAX_HISTOGRAMS + 4 ? ["9.5", "9.5", "9.5", "9.5"] : ["1.5", "2.5", "3.5", "4.5"]);
    }
    const compared = compareSamples(b, c, { tests: ["psi"], histograms: true, minValues: 1 });
    const f = driftFinding({ model: "m", baseline: "b.csv", report: compared, severity: "warning" })!;
    const names = f.drift!.histograms!.map((h) => h.column);
    expect(names).toHaveLength(MAX_HISTOGRAMS);
    expect(names.at(-1)).toBe(`f${MAX_HISTOGRAMS + 4}`);
    expect(names[0]).toBe("f0");
    expect(driftHistograms(compared)).toEqual(f.drift!.histograms);
    expect(reportSchemaErrors(aReport({ findings: [f] }))).toEqual([]);
    // without histograms (the report of steward drift, or an old report) the field is absent, not empty
    expect(driftFinding({ model: "m", baseline: "b.csv", report: report(true), severity: "warning" })!.drift).not.toHaveProperty("histograms");
  });
});


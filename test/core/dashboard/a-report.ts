import type { MonitorReport } from "../../../src/core/monitor/report.js";
import type { MonitorFinding } from "../../../src/core/monitor/types.js";
import type { MonitoringCheck } from "../../../src/core/types.js";

/** A monitor report with one model's health; override what the test is about. */
export function aReport(over: Partial<MonitorReport> = {}): MonitorReport {
  return {
    status: { outcome: "ok", exitCode: 0, headline: "OK: every check was read and passed. 1 check: 1 ok, 0 finding, 0 no-data, 0 stale, 0 unreadable.", coverage: { ok: 1, finding: 0, "no-data": 0, stale: 0, unreadable: 0 }, failedActions: 0 },
    coverage: [{ model: "fraud-detection", check: "accuracy", outcome: "ok", detail: "accuracy: ok at 0.95" }],
    now: "2026-11-26T00:00:00.000Z",
    dryRun: false,
    models: [{ model: "fraud-detection", policy: "strict", serving: "7", status: "ok", checks: [{ check: "accuracy", status: "ok", severity: "critical", latest: 0.95, summary: "accuracy: ok at 0.95" }], incidents: [], changes: [] }],
    findings: [],
    actions: [],
    warnings: [],
    stats: { models: 1, series: 1, findings: 0 },
    ...over,
  };
}

export function aFinding(over: Partial<MonitorFinding> = {}): MonitorFinding {
  return {
    model: "fraud-detection",
    checkId: "accuracy",
    metric: "accuracy",
    kind: "threshold",
    severity: "critical",
    score: 1,
    fired: ["threshold"],
    sustainedPoints: 3,
    lastedSeconds: 1800,
    since: 3_000,
    latest: { t: 4_000, value: 0.8 },
    bound: { min: 0.9 },
    evidence: [
      { t: 1_000, value: 0.95 },
      { t: 2_000, value: 0.94 },
      { t: 3_000, value: 0.85 },
      { t: 4_000, value: 0.8 },
    ],
    summary: "accuracy: 0.8 below min 0.9 for 3 point(s) (critical)",
    ...over,
  };
}

export function aCheck(over: Partial<MonitoringCheck> = {}): MonitoringCheck {
  return { id: "accuracy", metric: "accuracy", metrics: [over.metric ?? "accuracy"], detectors: [{ name: "zscore", params: {} }], threshold: { min: 0.9 }, sustained: 3, severity: "critical", compareVariants: false, ...over };
}

import { describe, expect, it } from "vitest";
import { buildDashboardView, type DashboardInput } from "../../../src/core/dashboard/build-dashboard-view.js";
import type { StageHistory } from "../../../src/core/history/stage-history.js";
import { aModelSpec, aPolicySpec, aRepoState, aVersionSpec } from "../../support/builders.js";
import { aCheck, aFinding, aReport } from "./a-report.js";

const commit = (sha: string, date: string, subject: string) => ({ sha, author: "alice", email: "a@x", date: new Date(date), subject });

function input(over: Partial<DashboardInput> = {}): DashboardInput {
  const policy = aPolicySpec({ monitoring: { checks: [aCheck()], recovery: 7200 } });
  const history: StageHistory = {
    model: "fraud-detection",
    unreadable: [],
    changes: [
      { stage: "production", from: [], to: [{ version: "6", weight: 100 }], commit: commit("a".repeat(40), "2026-10-01T00:00:00Z", "first") },
      { stage: "production", from: [{ version: "6", weight: 100 }], to: [{ version: "7", weight: 100 }], commit: commit("b".repeat(40), "2026-11-01T00:00:00Z", "promote 7") },
    ],
  };
  const bad = aFinding();
  const report = aReport({
    now: "2026-11-26T01:00:00.000Z",
    models: [{ model: "fraud-detection", policy: "strict", serving: "7", status: "critical", checks: [{ check: "accuracy", status: "breach", severity: "critical", latest: 0.8, summary: bad.summary }], incidents: [{ check: "accuracy", severity: "critical", issue: 12 }], changes: ["steward/rollback/fraud-detection"] }],
    findings: [bad],
    actions: [
      { kind: "open-issue", target: "fraud-detection/accuracy", summary: "open issue", status: "done", url: "https://github.com/acme/m/issues/12" },
      { kind: "propose-change", target: "steward/rollback/fraud-detection", summary: 'propose PR "Roll back fraud-detection from 7 to 6"', status: "done", url: "https://github.com/acme/m/pull/13" },
    ],
  });
  return {
    state: aRepoState({
      models: [aModelSpec({ name: "zeta", monitoring: undefined }), aModelSpec()],
      versions: [aVersionSpec({ version: "7", metrics: { auc: 0.95 } }), aVersionSpec({ version: "10", metrics: { auc: 0.91 } }), aVersionSpec({ version: "8" })],
      policies: [policy],
    }),
    histories: new Map([["fraud-detection", history]]),
    reports: [aReport({ now: "2026-11-26T00:00:00.000Z" }), report],
    series: new Map([["fraud-detection/accuracy", [{ t: 1_000, value: 0.95 }, { t: 4_000, value: 0.8 }]]]),
    now: new Date("2026-11-26T02:00:00Z"),
    ...over,
  };
}

describe("buildDashboardView", () => {
  const view = buildDashboardView(input());
  const fraud = view.models.find((m) => m.name === "fraud-detection")!;

  it("lists every model by name, health from the newest report that covers it", () => {
    expect(view.models.map((m) => [m.name, m.health])).toEqual([["fraud-detection", "critical"], ["zeta", "unknown"]]);
    expect(view).toMatchObject({ generatedAt: "2026-11-26T02:00:00.000Z", latestRun: "2026-11-26T01:00:00.000Z", reportCount: 2 });
    expect(fraud.checkedAt).toBe("2026-11-26T01:00:00.000Z");
  });

  it("shows stages in promotion order, production first", () => {
    expect(fraud.stages.map((s) => s.stage)).toEqual(["production", "staging"]);
  });

  it("takes open incidents and proposed PRs from the latest run, with their links", () => {
    expect(fraud.incidents).toEqual([{ checkId: "accuracy", metric: "accuracy", severity: "critical", kind: "threshold", summary: aFinding().summary, since: 3_000, url: "https://github.com/acme/m/issues/12" }]);
    expect(fraud.issues).toEqual([12]);
    expect(fraud.changes).toEqual([{ branch: "steward/rollback/fraud-detection", title: "Roll back fraud-detection from 7 to 6", url: "https://github.com/acme/m/pull/13", status: "done" }]);
  });

  it("links an incident the run took no action on to its issue number on the repository; without a repository URL, no link", () => {
    const base = input();
    const quiet = { ...base.reports[1]!, actions: [] };
    const linked = buildDashboardView({ ...base, reports: [quiet], links: { repoUrl: "https://github.com/acme/models/" } }).models.find((m) => m.name === "fraud-detection")!;
    expect(linked.incidents[0]!.url).toBe("https://github.com/acme/models/issues/12");
    const bare = buildDashboardView({ ...base, reports: [quiet] }).models.find((m) => m.name === "fraud-detection")!;
    expect(bare.incidents[0]).not.toHaveProperty("url");
    const hostile = buildDashboardView({ ...base, reports: [quiet], links: { repoUrl: "javascript:alert(1)//" } }).models.find((m) => m.name === "fraud-detection")!;
    expect(hostile.incidents[0]).not.toHaveProperty("url");
  });

  it("draws the audit trail's apply time of this model's stage changes on its charts", () => {
    const entry = { model: "fraud-detection", stage: "production", from: [{ version: "7", weight: 100 }], to: [{ version: "6", weight: 100 }], commit: { sha: "d".repeat(40), author: "bot", date: new Date(3_000).toISOString(), subject: "Roll back" }, via: "direct push" as const, approvers: [], apply: { status: "completed", conclusion: "success", completedAt: new Date(3_500).toISOString() }, outcome: "applied" as const, path: { kind: "first-stage" as const } };
    const v = buildDashboardView(input({ audit: { entries: [entry, { ...entry, model: "zeta" }], notes: [] } }));
    const chart = v.models.find((m) => m.name === "fraud-detection")!.charts.find((c) => c.checkId === "accuracy")!;
    expect(chart.events).toContainEqual({ t: 3_500, kind: "applied", label: "production: 7 → 6 applied" });
  });

  it("orders versions newest first and checks their metrics against the gates", () => {
    expect(fraud.versions.map((v) => [v.version, v.servedIn])).toEqual([["10", []], ["8", ["staging"]], ["7", ["production"]]]);
    const auc = (v: string) => fraud.versions.find((x) => x.version === v)!.metrics.find((m) => m.name === "auc")!;
    expect(auc("7").gates).toEqual([{ stage: "production", bound: { min: 0.93 }, pass: true }]);
    expect(auc("10").gates).toEqual([{ stage: "production", bound: { min: 0.93 }, pass: false }]);
  });

  it("has the stage timeline newest first and one chart per monitored check", () => {
    expect(fraud.timeline.map((e) => e.subject)).toEqual(["promote 7", "first"]);
    expect(fraud.charts).toHaveLength(1);
    expect(fraud.charts[0]).toMatchObject({ metric: "accuracy", source: "metrics", status: "breach", marked: [{ t: 4_000, value: 0.8, reason: "breach" }] });
    expect(view.models.find((m) => m.name === "zeta")!.charts).toEqual([]);
  });

  it("builds the remediation history from every report", () => {
    expect(fraud.history.map((h) => h.what)).toEqual(["accuracy: threshold", "open-issue", "propose-change"]);
  });

  it("is deterministic: report order does not matter", () => {
    const i = input();
    expect(buildDashboardView({ ...i, reports: [...i.reports].reverse() })).toEqual(view);
  });
});

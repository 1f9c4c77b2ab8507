import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../src/core/audit/audit-trail.js";
import { chartEvents } from "../../../src/core/dashboard/chart-events.js";
import { modelLinks } from "../../../src/core/dashboard/model-links.js";
import { checkClass, checkWord } from "../../../src/core/dashboard/render-index.js";
import type { HistoryEntry, TimelineEntry } from "../../../src/core/dashboard/types.js";
import { aModelSpec, aVersionSpec } from "../../support/builders.js";

describe("modelLinks", () => {
  const model = aModelSpec({ name: "fraud-detection", registry: { mlflow: { name: "Fraud Detection", aliases: {}, legacyStages: false } } as never });
  const versions = [
    aVersionSpec({ version: "8", mlflow: { runId: "r", modelVersion: "12" }, artifact: { kind: "file", dvc: "models/fraud-detection/artifacts/model v8.tar.gz.dvc" } }),
    aVersionSpec({ version: "7" }),
  ];

  it("links the card and DVC pointers on the repository at the ref, and MLflow's registered model and versions", () => {
    const l = modelLinks(model, versions, { repoUrl: "https://github.com/acme/models/", ref: "abc123", mlflowUrl: "https://mlflow.example" });
    expect(l.card).toBe("https://github.com/acme/models/blob/abc123/models/fraud-detection/MODEL_CARD.md");
    expect(l.mlflow).toBe("https://mlflow.example/#/models/Fraud%20Detection");
    expect(l.versions[0]).toEqual({ version: "8", mlflow: "https://mlflow.example/#/models/Fraud%20Detection/versions/12", dvc: { path: "models/fraud-detection/artifacts/model v8.tar.gz.dvc", url: "https://github.com/acme/models/blob/abc123/models/fraud-detection/artifacts/model%20v8.tar.gz.dvc" } });
    // an inline pointer lives in the version file; a version without an MLflow number has no MLflow link
    expect(l.versions[1]).toEqual({ version: "7", dvc: { path: "models/fraud-detection/versions/7.yaml", url: "https://github.com/acme/models/blob/abc123/models/fraud-detection/versions/7.yaml" } });
  });

  it("makes no link without an http(s) base: paths stay text", () => {
    const l = modelLinks(model, versions, { repoUrl: "javascript:alert(1)", mlflowUrl: "file:///tmp/mlruns" });
    expect(l.card).toBeUndefined();
    expect(l.mlflow).toBeUndefined();
    expect(l.versions.map((v) => v.dvc)).toEqual([{ path: "models/fraud-detection/artifacts/model v8.tar.gz.dvc" }, { path: "models/fraud-detection/versions/7.yaml" }]);
  });
});

describe("chartEvents", () => {
  const points = Array.from({ length: 10 }, (_, i) => ({ t: 1_000 + i * 100, value: 1 }));
  const action = (at: number, what: string, target: string, detail = what): HistoryEntry => ({ at, kind: "action", what, target, detail, status: "done" });
  const stage = (at: number): TimelineEntry => ({ at, stage: "production", from: [{ version: "7", weight: 100 }], to: [{ version: "6", weight: 100 }], sha: "a".repeat(40), author: "bob", subject: "Roll back" });

  it("keeps this check's issues, every PR, stage changes and recoveries inside the range (and just after its end), oldest first", () => {
    const history: HistoryEntry[] = [
      action(1_950, "open-issue", "fraud-detection/accuracy", 'open issue "accuracy"'),
      action(1_950, "open-issue", "fraud-detection/latency", 'open issue "latency"'),
      action(1_950, "propose-change", "steward/rollback/fraud-detection", 'propose PR "Roll back"'),
      action(500, "propose-change", "steward/rollback/fraud-detection", "too early"),
      action(5_000, "close-issue", "fraud-detection/accuracy", "too late"),
      { at: 1_500, kind: "finding", what: "accuracy: threshold", detail: "no longer found on this run", status: "recovered" },
    ];
    const events = chartEvents({ checkId: "accuracy", points }, history, [stage(1_200), stage(100)]);
    expect(events.map((e) => [e.t, e.kind])).toEqual([[1_200, "stage"], [1_500, "recovered"], [1_950, "issue"], [1_950, "pr"]]);
    expect(events[0]!.label).toBe("production: 7 → 6 (Roll back)");
  });

  it("marks when a stage change's apply run completed (the audit trail's apply time): applied or failed, with its PR; none without an apply time", () => {
    const entry = (completedAt: string | undefined, outcome: AuditEntry["outcome"], pull?: number): AuditEntry => ({
      model: "fraud-detection", stage: "production", from: [{ version: "8", weight: 100 }], to: [{ version: "6", weight: 100 }],
      commit: { sha: "c".repeat(40), author: "github-actions[bot]", date: new Date(1_300).toISOString(), subject: "Roll back" },
      ...(pull ? { pull: { number: pull, title: "Roll back", url: `https://github.com/acme/m/pull/${pull}`, author: "github-actions[bot]" } } : {}),
      via: pull ? "pull request" : "direct push", approvers: [], ...(completedAt ? { apply: { status: "completed", completedAt } } : {}), outcome, path: { kind: "rollback", rule: "rollback to a version that served production" },
    });
    const events = chartEvents({ checkId: "accuracy", points }, [], [], [entry(new Date(1_400).toISOString(), "applied", 13), entry(new Date(1_600).toISOString(), "apply failed"), entry(undefined, "not applied", 14), entry(new Date(9_000).toISOString(), "applied", 15)]);
    expect(events).toEqual([
      { t: 1_400, kind: "applied", label: "production: 8 → 6 applied (PR #13)" },
      { t: 1_600, kind: "applied", label: "production: 8 → 6 apply failed" },
    ]);
  });

  it("has nothing for a chart without points", () => {
    expect(chartEvents({ checkId: "accuracy", points: [] }, [action(1, "open-issue", "m/accuracy")], [])).toEqual([]);
  });
});

describe("check outcomes on the fleet page", () => {
  it("names no-data, stale and unreadable checks as such, in grey; findings in their severity's colour; unknown statuses as they are", () => {
    expect(["ok", "insufficient-data", "read-error", "stale", "breach", "something-new"].map(checkWord)).toEqual(["ok", "no data", "unreadable", "stale", "breach", "something-new"]);
    expect(checkClass({ status: "stale", severity: "critical" })).toBe("h-no-data");
    expect(checkClass({ status: "anomaly", severity: "warning" })).toBe("h-warning");
    expect(checkClass({ status: "ok", severity: "critical" })).toBe("h-ok");
  });
});

describe("audit.html", () => {
  it("escapes hostile PR titles and authors, links only http(s) URLs, and flags a skipped stage", async () => {
    const { renderAuditPage } = await import("../../../src/core/dashboard/render-audit-page.js");
    const hostile = `<img src=x onerror=alert(1)>`;
    const entry = {
      model: "fraud-detection", stage: "production", from: [{ version: "6", weight: 100 }], to: [{ version: "9", weight: 100 }],
      commit: { sha: "a".repeat(40), author: hostile, date: "2026-10-20T08:00:00.000Z", subject: hostile },
      pull: { number: 14, title: hostile, url: "javascript:alert(1)", author: hostile }, via: "pull request" as const,
      approvers: [hostile], outcome: "applied" as const, path: { kind: "skipped" as const, missing: "staging" },
    };
    const html = renderAuditPage({ generatedAt: "2026-11-26T00:00:00.000Z", reportCount: 0, models: [], warnings: [], audit: { entries: [entry], notes: [] } });
    expect(html).not.toMatch(/<img/);
    expect(html).not.toContain("javascript:");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("SKIPPED staging: no rule allows it");
  });
});

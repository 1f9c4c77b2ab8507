import { describe, expect, it } from "vitest";
import { driftIssues } from "../../../src/core/monitor/config-drift.js";
import { mdText, splitOwners } from "../../../src/core/monitor/markdown.js";
import { modelHealth } from "../../../src/core/monitor/model-health.js";
import { downsample, renderChart } from "../../../src/core/monitor/render-chart.js";
import { renderChange } from "../../../src/core/monitor/render-change.js";
import { renderHealth } from "../../../src/core/monitor/render-health.js";
import { incidentBody } from "../../../src/core/monitor/render-incident.js";
import type { MonitorFinding } from "../../../src/core/monitor/types.js";
import { aModelSpec } from "../../support/builders.js";

const T = Date.parse("2026-11-26T00:00:00Z");
const evidence = Array.from({ length: 60 }, (_, i) => ({ t: T + i * 600_000, value: Number((0.94 - (i > 40 ? (i - 40) * 0.004 : 0)).toFixed(4)) }));
const finding: MonitorFinding = {
  model: "fraud-detection",
  checkId: "accuracy",
  metric: "accuracy",
  kind: "threshold",
  severity: "critical",
  score: 0.99,
  fired: ["trend", "threshold"],
  sustainedPoints: 9,
  lastedSeconds: 5400,
  since: evidence[51]!.t,
  latest: evidence[59]!,
  bound: { min: 0.9 },
  evidence,
  summary: "accuracy: 0.864 below min 0.9 for 9 point(s)",
};

describe("rendering", () => {
  it("an incident issue body", async () => {
    const body = incidentBody(finding, { model: aModelSpec({ owners: ["@acme/risk-ml", "mchen"] }), policy: "strict", doing: ["Proposed: Roll back fraud-detection from 7 to 6 (branch `steward/rollback/fraud-detection`)."], recoverySeconds: 7200, runUrl: "https://github.com/acme/models/actions/runs/1" });
    await expect(body).toMatchFileSnapshot("__snapshots__/incident-issue.md");
  });

  it("a rollback PR body with the evidence table and the chart", async () => {
    const c = renderChange({ purpose: "rollback", model: "fraud-detection", stage: "production", from: "7", to: "6", reason: "6 served alone in production at abc1234 (2026-10-10).", findings: [finding], issueRefs: ["#12"] });
    expect(c.title).toBe("Roll back fraud-detection from 7 to 6");
    expect(c.commitMessage.split("\n")[0]).toBe("steward: roll back fraud-detection from 7 to 6");
    await expect(c.body).toMatchFileSnapshot("__snapshots__/rollback-pr.md");
  });

  it("the model-health issue, worst first", async () => {
    const models = [aModelSpec({ name: "churn" }), aModelSpec()];
    const verdict = (status: "ok" | "breach", value: number) => ({ checkId: "accuracy", metric: "accuracy", status, severity: "critical" as const, score: 0, fired: [], sustainedPoints: 0, latest: { t: T, value }, evidence: [], summary: "" });
    const health = modelHealth(models, [
      { model: "churn", checkId: "accuracy", metric: "accuracy", verdict: verdict("ok", 0.81) },
      { model: "fraud-detection", checkId: "accuracy", metric: "accuracy", verdict: verdict("breach", 0.864) },
    ], [finding], [{ model: "fraud-detection", checkId: "accuracy", severity: "critical", issue: 12, openedAt: T, lastBadAt: T, escalated: false }], [{ model: "fraud-detection", branch: "steward/rollback/fraud-detection" }]);
    const { title, body } = renderHealth({ health, incidents: [], now: T });
    expect(title).toBe("Model health");
    await expect(body).toMatchFileSnapshot("__snapshots__/health-issue.md");
  });

  it("neutralizes text it did not write: no mentions, no HTML, no broken tables", () => {
    expect(mdText("@team <img src=x> a|b `c`\nd")).toBe("`@team` \\<img src=x\\> a\\|b \\`c\\` d");
    expect(splitOwners(["@acme/risk-ml", "mchen", "@bad user", "x<y"])).toEqual({ users: ["mchen"], teams: ["@acme/risk-ml"] });
  });

  it("charts at most 48 points with the threshold as a flat line", () => {
    expect(downsample(evidence, 48)).toHaveLength(30);
    const chart = renderChart('a "quoted" title', evidence, { min: 0.9 });
    expect(chart).toContain("title \"a 'quoted' title\"");
    expect(chart.match(/^ {2}line /gm)).toHaveLength(2);
    expect(renderChart("x", [], undefined)).toBe("");
  });

  it("reports configuration drift as one issue per target with differences", () => {
    const issues = driftIssues([
      { target: "mlflow", steps: [{ target: "mlflow", action: "set-alias", resource: "fraud-detection@production", summary: "alias production points at 6, git says 7", params: {} }], notes: [] },
      { target: "sagemaker", steps: [], notes: [] },
    ]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ key: "drift/mlflow", marker: "<!-- steward:drift:mlflow -->", title: "Configuration drift: mlflow differs from git" });
    expect(issues[0]!.body).toContain("alias production points at 6, git says 7");
  });

  it("does not count bookkeeping (steward's own tags) as drift", () => {
    const record = { target: "mlflow" as const, action: "set-model-version-tags", resource: "models:/fraud-detection/2", summary: "record steward's 1 tag(s) on 7", params: {}, bookkeeping: true as const };
    expect(driftIssues([{ target: "mlflow", steps: [record], notes: [] }])).toEqual([]);
    const alias = { target: "mlflow" as const, action: "set-alias", resource: "fraud-detection@production", summary: "alias production points at 6, git says 7", params: {} };
    const [issue] = driftIssues([{ target: "mlflow", steps: [record, alias], notes: [] }]);
    expect(issue!.body).toContain("1 difference(s)");
    expect(issue!.body).not.toContain("record steward's");
  });
});

import { describe, expect, it } from "vitest";
import { actionConcerns, remediationHistory } from "../../../src/core/dashboard/remediation-history.js";
import type { ActionOutcome } from "../../../src/core/monitor/report.js";
import { aFinding, aReport } from "./a-report.js";

const action = (over: Partial<ActionOutcome>): ActionOutcome => ({ kind: "open-issue", target: "fraud-detection/accuracy", summary: "open issue", status: "done", ...over });

describe("actionConcerns", () => {
  it("matches issue keys, branches, events and notes of the model, not of a model with a longer name", () => {
    expect(actionConcerns(action({}), "fraud-detection")).toBe(true);
    expect(actionConcerns(action({}), "fraud")).toBe(false);
    expect(actionConcerns(action({ kind: "propose-change", target: "steward/rollback/fraud-detection" }), "fraud-detection")).toBe(true);
    expect(actionConcerns(action({ kind: "propose-change", target: "steward/rollback/fraud-detection" }), "detection")).toBe(false);
    expect(actionConcerns(action({ kind: "publish-event", target: "Model Anomaly Detected", summary: 'publish "Model Anomaly Detected" for fraud-detection' }), "fraud-detection")).toBe(true);
    expect(actionConcerns(action({ kind: "note", target: "fraud-detection", summary: "cooldown" }), "fraud-detection")).toBe(true);
    expect(actionConcerns(action({ target: "model-health" }), "fraud-detection")).toBe(false);
  });
});

describe("remediationHistory", () => {
  const bad = aFinding();
  const runs = [
    aReport({ now: "2026-11-26T02:00:00.000Z", findings: [] }), // recovered
    aReport({ now: "2026-11-26T00:00:00.000Z", findings: [bad], actions: [action({ url: "https://github.com/acme/models/issues/12" })] }),
    aReport({ now: "2026-11-26T01:00:00.000Z", findings: [bad], actions: [action({ kind: "comment-issue", summary: "comment on #12" })] }),
    aReport({ now: "2026-11-26T01:30:00.000Z", models: [], findings: [] }), // another shard: does not cover the model
  ];

  it("lists a finding once when it began and once when it recovered, with the actions of each run, newest first", () => {
    const h = remediationHistory("fraud-detection", runs);
    expect(h.map((e) => [new Date(e.at).toISOString().slice(11, 16), e.kind, e.what, e.status])).toEqual([
      ["02:00", "finding", "accuracy: threshold", "recovered"],
      ["01:00", "action", "comment-issue", "done"],
      ["00:00", "finding", "accuracy: threshold", "found"],
      ["00:00", "action", "open-issue", "done"],
    ]);
    expect(h[3]!.url).toBe("https://github.com/acme/models/issues/12");
  });

  it("labels planned actions of a dry run as such", () => {
    const h = remediationHistory("fraud-detection", [aReport({ dryRun: true, findings: [bad], actions: [action({ status: "planned" })] })]);
    expect(h.find((e) => e.kind === "action")!.status).toBe("dry run");
  });

  it("is empty for a model no report covers", () => {
    expect(remediationHistory("churn", runs)).toEqual([]);
  });
});

describe("remediationHistory of repeated actions", () => {
  it("lists an action repeated unchanged on consecutive runs once", () => {
    const planned = action({ status: "planned", summary: 'open issue "accuracy"' });
    const runs = ["00", "01", "02"].map((h) => aReport({ now: `2026-11-26T${h}:00:00.000Z`, dryRun: true, findings: [aFinding()], actions: [planned] }));
    const h = remediationHistory("fraud-detection", runs);
    expect(h.filter((e) => e.kind === "action")).toHaveLength(1);
    expect(h.filter((e) => e.kind === "finding")).toHaveLength(1);
  });
});

import { describe, expect, it } from "vitest";
import { actionsFor, variantActions } from "../../../src/core/monitor/match-rules.js";
import { observationsNeeded, planRemediation, type PlanInput } from "../../../src/core/monitor/plan-remediation.js";
import { scaleProposal } from "../../../src/core/monitor/scale-proposal.js";
import { splitFindings } from "../../../src/core/monitor/split-findings.js";
import type { MonitorFinding } from "../../../src/core/monitor/types.js";
import type { MonitoringCheck, PolicySpec } from "../../../src/core/types.js";
import { aModelSpec, aPolicySpec, aVersionSpec } from "../../support/builders.js";

const NOW = Date.parse("2026-11-26T12:00:00Z");
const latency: MonitoringCheck = { id: "latency", metric: "latency", metrics: ["latency"], detectors: [], threshold: { max: 250_000 }, sustained: 2, severity: "warning", compareVariants: true };
const mape: MonitoringCheck = { id: "mape", metric: "mape", metrics: ["mape"], detectors: [], threshold: { max: 0.2 }, sustained: 3, severity: "critical", compareVariants: true };

const policy = (over: Partial<PolicySpec["remediation"]> = {}): PolicySpec =>
  aPolicySpec({
    monitoring: { checks: [latency, mape], recovery: 7200 },
    remediation: { rules: [{ when: { metric: "latency" }, do: ["scale-pr", "issue"] }, { when: { severity: "info" }, do: ["event"] }], cooldown: 86_400, scale: { step: 2, maxInstances: 12 }, ...over },
  });

const finding = (over: Partial<MonitorFinding> = {}): MonitorFinding => ({
  model: "fraud-detection",
  checkId: "latency",
  metric: "latency",
  kind: "anomaly",
  severity: "warning",
  score: 0.8,
  fired: ["iqr"],
  sustainedPoints: 4,
  lastedSeconds: 2400,
  evidence: [{ t: NOW - 600_000, value: 300_000 }],
  latest: { t: NOW - 600_000, value: 300_000 },
  summary: "latency anomalous",
  ...over,
});

function input(over: Partial<PlanInput> = {}): PlanInput {
  const p = policy();
  return {
    now: NOW,
    models: [aModelSpec()],
    policies: new Map([[p.name, p]]),
    versions: [aVersionSpec({ version: "7" })],
    statuses: [],
    findings: [finding()],
    incidents: [],
    observed: { issues: new Map(), pulls: new Map() },
    history: new Map(),
    base: "main",
    ...over,
  };
}

describe("rules", () => {
  it("merges the do lists of every matching rule; a rule without kind ignores split decisions", () => {
    const p = aPolicySpec({ remediation: { rules: [{ when: { severity: "critical" }, do: ["issue"] }, { when: { metric: "accuracy", sustained: 3 }, do: ["rollback-pr", "issue", "event"] }], cooldown: 0 } });
    expect(actionsFor(finding({ severity: "critical", metric: "accuracy", checkId: "accuracy" }), p)).toEqual(["issue", "rollback-pr", "event"]);
    expect(actionsFor(finding({ severity: "critical", metric: "accuracy", sustainedPoints: 2 }), p)).toEqual(["issue"]);
    expect(actionsFor(finding({ severity: "critical", kind: "variant" }), p)).toEqual([]);
    const outcome = { decision: "end-split" } as MonitorFinding["variant"];
    expect(variantActions(finding({ kind: "variant", variant: outcome }), p)).toEqual(["end-split-pr", "event"]);
  });
});

describe("planRemediation", () => {
  it("scales up for a latency finding and opens its issue, issue first", () => {
    const { actions, incidents } = planRemediation(input());
    expect(actions.map((a) => a.kind)).toEqual(["open-issue", "propose-change"]);
    const pr = actions[1] as Extract<(typeof actions)[number], { kind: "propose-change" }>;
    expect(pr).toMatchObject({ branch: "steward/scale/fraud-detection", title: "Scale fraud-detection: 4 instances", edit: { kind: "set-capacity", instanceCount: 4 } });
    expect(incidents).toMatchObject([{ model: "fraud-detection", checkId: "latency", severity: "warning", change: { purpose: "scale" } }]);
  });

  it("does not reopen an issue a person closed inside the cooldown", () => {
    const incidents = [{ model: "fraud-detection", checkId: "latency", severity: "warning" as const, issue: 5, openedAt: NOW - 7200_000, lastBadAt: NOW - 3600_000, escalated: false }];
    const observed = { issues: new Map([["fraud-detection/latency", { number: 5, state: "closed" as const, closedAt: NOW - 1800_000, title: "t" }]]), pulls: new Map([["steward/scale/fraud-detection", { number: 6, state: "open" as const, merged: false, url: "u" }]]) };
    const { actions } = planRemediation(input({ incidents, observed }));
    expect(actions.map((a) => a.kind)).toEqual(["note", "note"]);
    expect(actions.map((a) => (a.kind === "note" ? a.message : ""))).toEqual(["A scale is proposed in #6 (open).", expect.stringContaining("closed by a person 30m ago; not reopened")]);
  });

  it("says so when the endpoint is at the scale cap", () => {
    const model = aModelSpec();
    model.deployment!.sagemaker!.instanceCount = 12;
    expect(scaleProposal(model, policy())).toBeUndefined();
    const { actions } = planRemediation(input({ models: [model] }));
    expect(actions.find((a) => a.kind === "note")).toMatchObject({ message: expect.stringMatching(/capacity cap/) });
  });

  it("asks GitHub only about what its findings and open incidents concern", () => {
    const models = Array.from({ length: 1000 }, (_, i) => aModelSpec({ name: `m${i}` }));
    const p = policy();
    const needed = observationsNeeded({ models, policies: new Map([[p.name, p]]), findings: [finding({ model: "m7" })], incidents: [{ model: "m9", checkId: "latency", severity: "warning", issue: 3, openedAt: 0, lastBadAt: 0, escalated: false }] });
    expect(needed).toEqual({ issueKeys: ["m7/latency", "m9/latency"], branches: ["steward/scale/m7"], historyModels: [] });
  });

  it("ends a split whose challenger is worse, with an event", () => {
    const model = aModelSpec({ name: "demand-forecasting", policy: "strict", stages: { production: { variants: [{ version: "2026.10", weight: 80 }, { version: "2026.11", weight: 20 }] } } });
    const pts = (v: number) => Array.from({ length: 48 }, (_, i) => ({ t: NOW - (48 - i) * 3600_000, value: v + 0.002 * Math.sin(i) }));
    const findings = splitFindings({ model, checks: [{ check: mape, points: new Map([["2026.10", pts(0.11)], ["2026.11", pts(0.15)]]), periodSeconds: 3600 }], now: NOW });
    expect(findings).toMatchObject([{ kind: "variant", severity: "critical", variant: { decision: "end-split", champion: { version: "2026.10" } } }]);
    const { actions } = planRemediation(input({ models: [model], findings }));
    expect(actions.map((a) => a.kind)).toEqual(["propose-change", "publish-event"]);
    expect(actions[0]).toMatchObject({ branch: "steward/split/demand-forecasting", purpose: "end-split", edit: { kind: "set-stage", stage: "production", variants: [{ version: "2026.10", weight: 100 }] } });
  });

  it("never completes a split to a challenger that has a finding of its own this run (its per-variant latency breaching)", () => {
    const model = aModelSpec({ name: "demand-forecasting", policy: "strict", stages: { production: { variants: [{ version: "2026.10", weight: 80 }, { version: "2026.11", weight: 20 }] } } });
    const pts = (v: number) => Array.from({ length: 48 }, (_, i) => ({ t: NOW - (48 - i) * 3600_000, value: v + 0.002 * Math.sin(i) }));
    const split = { model, checks: [{ check: mape, points: new Map([["2026.10", pts(0.11)], ["2026.11", pts(0.11)]]), periodSeconds: 3600 }], now: NOW };
    expect(splitFindings(split)).toMatchObject([{ kind: "variant", variant: { decision: "complete-split", challenger: { version: "2026.11" } } }]);
    expect(splitFindings({ ...split, failing: new Set(["2026.11"]) })).toEqual([]);
    expect(splitFindings({ ...split, failing: new Set(["2026.10"]) })).toMatchObject([{ variant: { decision: "complete-split" } }]);
  });

  it("never completes a split to a challenger that is not worse than the champion but breaks the check's threshold (both variants breaching)", () => {
    const model = aModelSpec({ name: "demand-forecasting", policy: "strict", stages: { production: { variants: [{ version: "2026.10", weight: 80 }, { version: "2026.11", weight: 20 }] } } });
    // both fine for 45 hours, then both at 0.35 (mape max 0.2) for the last 3: alike, so "held up", yet breaching
    const pts = Array.from({ length: 48 }, (_, i) => ({ t: NOW - (48 - i) * 3600_000, value: i >= 45 ? 0.35 : 0.11 + 0.002 * Math.sin(i) }));
    const split = { model, checks: [{ check: mape, points: new Map([["2026.10", pts], ["2026.11", pts]]), periodSeconds: 3600 }], now: NOW };
    expect(splitFindings(split)).toEqual([]);
    // the same split once the challenger is back within the threshold completes
    const healthy = pts.map((p) => ({ ...p, value: 0.11 }));
    expect(splitFindings({ ...split, checks: [{ ...split.checks[0]!, points: new Map([["2026.10", healthy], ["2026.11", healthy]]) }] })).toMatchObject([{ variant: { decision: "complete-split" } }]);
  });
});

describe("an open proposal on a split's branch", () => {
  const model = aModelSpec({ name: "demand-forecasting", policy: "strict", stages: { production: { variants: [{ version: "2026.10", weight: 80 }, { version: "2026.11", weight: 20 }] } } });
  const pts = (v: number) => Array.from({ length: 48 }, (_, i) => ({ t: NOW - (48 - i) * 3600_000, value: v + 0.002 * Math.sin(i) }));
  const decide = (champion: number, challenger: number) => splitFindings({ model, checks: [{ check: mape, points: new Map([["2026.10", pts(champion)], ["2026.11", pts(challenger)]]), periodSeconds: 3600 }], now: NOW });
  const open = (purpose: "end-split" | "complete-split") => ({
    issues: new Map(),
    pulls: new Map([["steward/split/demand-forecasting", { number: 5, state: "open" as const, merged: false, url: "https://github.com/acme/models/pull/5", labels: ["steward", purpose], title: purpose === "end-split" ? "End the split of demand-forecasting: production serves 2026.10" : "Complete the split of demand-forecasting: production serves 2026.11" }]]),
  });

  it("is observed for every split model, whatever this run finds", () => {
    const p = policy();
    expect(observationsNeeded({ models: [model, aModelSpec()], policies: new Map([[p.name, p]]), findings: [], incidents: [] }).branches).toEqual(["steward/split/demand-forecasting"]);
  });

  it("to complete the split becomes the end of it when the challenger turns out worse (updated in place, not 'already proposed')", () => {
    const findings = decide(0.11, 0.15);
    const { actions } = planRemediation(input({ models: [model], findings, observed: open("complete-split") }));
    expect(actions.find((a) => a.kind === "propose-change")).toMatchObject({ branch: "steward/split/demand-forecasting", purpose: "end-split", edit: { variants: [{ version: "2026.10", weight: 100 }] } });
    expect(actions.some((a) => a.kind === "close-change")).toBe(false);
  });

  it("to end the split is left for a person when this run would complete it", () => {
    const findings = decide(0.11, 0.11);
    expect(findings).toMatchObject([{ variant: { decision: "complete-split" } }]);
    const { actions } = planRemediation(input({ models: [model], findings, observed: open("end-split") }));
    expect(actions.filter((a) => a.kind === "propose-change" || a.kind === "close-change")).toEqual([]);
  });

  it("to complete the split is closed when this run's comparison no longer backs it", () => {
    const { actions } = planRemediation(input({ models: [model], findings: [], observed: open("complete-split") }));
    expect(actions).toMatchObject([{ kind: "close-change", branch: "steward/split/demand-forecasting", number: 5, comment: expect.stringContaining("no longer backs giving the challenger all the traffic") }]);
    // still backed: left open, not proposed twice
    const backed = planRemediation(input({ models: [model], findings: decide(0.11, 0.11), observed: open("complete-split") }));
    expect(backed.actions.filter((a) => a.kind === "propose-change" || a.kind === "close-change")).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { runStatus } from "../../../src/core/monitor/run-status.js";
import { NO_CHECK_ID, unreachableChecks, unusedChecks } from "../../../src/core/monitor/unused-checks.js";
import type { MonitoringCheck } from "../../../src/core/types.js";
import { aModelSpec, aPolicySpec } from "../../support/builders.js";

const check = (metric: string, over: Partial<MonitoringCheck> = {}): MonitoringCheck => ({ id: metric, metric, metrics: [metric], detectors: [], threshold: {}, sustained: 3, severity: "critical", compareVariants: false, ...over });
const q = { namespace: "Acme/Quality", metric: "M", dimensions: {}, stat: "Average" };
const monitors = (name: string, metrics: string[]) => aModelSpec({ name, monitoring: { window: 86400, period: 600, metrics: Object.fromEntries(metrics.map((m) => [m, q])) } });

describe("unreachable checks", () => {
  const policy = aPolicySpec({ monitoring: { checks: [check("accuracy"), check("latncy", { severity: "warning" })], recovery: 0 } });

  it("a check no model of the policy monitors is a no-data gap for each model of the run, with the likely name", () => {
    const a = monitors("a", ["accuracy", "latency"]);
    const b = monitors("b", ["accuracy"]);
    const out = unreachableChecks([a, b], [a, b], [policy]);
    expect(out.findings.map((f) => [f.model, f.checkId, f.kind, f.severity])).toEqual([["a", "latncy", "no-data", "warning"], ["b", "latncy", "no-data", "warning"]]);
    expect(out.findings[0]!.summary).toMatch(/reads metric "latncy", which no model under policy "strict" monitors \(a, b\): the check never runs\. Did you mean "latency"\?/);
    expect(out.coverage.map((c) => [c.model, c.check, c.outcome])).toEqual([["a", "latncy", "no-data"], ["b", "latncy", "no-data"]]);
    expect(out.statuses.every((s) => s.outcome === "no-data" && s.verdict.status === "insufficient-data")).toBe(true);
  });

  it("is judged over every model of the repository: a shard without the metric's model has no gap", () => {
    const a = monitors("a", ["accuracy", "latncy"]);
    const b = monitors("b", ["accuracy"]);
    expect(unusedChecks([a, b], [policy])).toEqual([]);
    expect(unreachableChecks([b], [a, b], [policy]).findings).toEqual([]);
  });

  it("a monitored model that no check applies to is one gap, unless a check's gap already names it", () => {
    const lone = monitors("lone", ["acc"]);
    const other = aPolicySpec({ name: "other", monitoring: { checks: [check("accuracy")], recovery: 0 } });
    const withOther = monitors("x", ["accuracy"]);
    const out = unreachableChecks([lone], [lone, { ...withOther, policy: "other" }], [policy, other]);
    // policy "strict": accuracy and latncy reach no model of it (lone monitors "acc") -> two check gaps name lone
    expect(out.findings.map((f) => f.checkId)).toEqual(["accuracy", "latncy"]);
    const plain = aPolicySpec({ name: "plain", monitoring: { checks: [], recovery: 0 } });
    const unchecked = unreachableChecks([{ ...lone, policy: "plain" }], [{ ...lone, policy: "plain" }], [plain]);
    expect(unchecked.findings.map((f) => [f.checkId, f.kind])).toEqual([[NO_CHECK_ID, "no-data"]]);
    expect(unchecked.findings[0]!.summary).toMatch(/monitors "acc", but no check of policy "plain" applies to this model \(its checks read no metric\)/);
  });

  it("a run with nothing to check says so instead of 'every check passed'", () => {
    expect(runStatus({ coverage: [], findings: [], actions: [], dryRun: false })).toMatchObject({ exitCode: 0, headline: expect.stringMatching(/^NOTHING TO CHECK: no model of this run has monitoring and serves a version/) });
  });
});

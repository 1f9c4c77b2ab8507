import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { silentLogger } from "../../src/adapters/log/console-logger.js";
import { runApply } from "../../src/commands/apply.js";
import { parseTargets, runPlan, selectSlots, type TargetSlot } from "../../src/commands/plan.js";
import type { TargetReconciler } from "../../src/commands/reconcilers.js";
import type { PlanStep } from "../../src/core/plan/types.js";

const files = fsRepoFiles(resolve(import.meta.dirname, "../.."));
const now = new Date("2026-11-26T00:00:00Z");
const step = (n: number): PlanStep => ({ target: "sagemaker", action: "update-endpoint", resource: `endpoint/e${n}`, summary: `step ${n}`, params: {} });

/** An in-memory reconciler: plans `steps`, and on apply runs them, failing at `failAt`. */
function fakeReconciler(steps: PlanStep[], opts: { failAt?: number; planError?: Error } = {}): TargetReconciler & { applied: number } {
  const r = {
    target: "sagemaker" as const,
    applied: 0,
    async plan() {
      if (opts.planError) throw opts.planError;
      return { target: "sagemaker" as const, steps, notes: ["a note"] };
    },
    async apply(plan: { steps: PlanStep[] }) {
      r.applied++;
      return plan.steps.map((s, i) => ({ step: s, status: i === opts.failAt ? ("failed" as const) : i > (opts.failAt ?? Infinity) ? ("skipped" as const) : ("done" as const), ...(i === opts.failAt ? { error: "boom" } : {}) }));
    },
  };
  return r;
}

const deps = (reconcilers: TargetSlot[]) => ({ files, reconcilers, logger: silentLogger });

describe("plan and apply commands (generic over reconcilers)", () => {
  it("parses --target and orders slots as TARGETS, reporting a missing reconciler", () => {
    expect(parseTargets("sagemaker, mlflow,sagemaker")).toEqual(["sagemaker", "mlflow"]);
    expect(parseTargets(undefined)).toBeUndefined();
    expect(() => parseTargets("mlflow,k8s")).toThrow(/not "k8s"/);
    const slots = selectSlots([{ target: "sagemaker", reconciler: fakeReconciler([]) }], undefined);
    expect(slots.map((s) => [s.target, s.reconciler ? "yes" : s.reason])).toEqual([["mlflow", "no mlflow reconciler in this build"], ["sagemaker", "yes"], ["cloudwatch", "no cloudwatch reconciler in this build"]]);
  });

  it("plans each target; an unconfigured one that models need fails; a failed read is a failed report", async () => {
    const run = await runPlan(deps([{ target: "mlflow", reason: "MLFLOW_TRACKING_URI is not set" }, { target: "sagemaker", reconciler: fakeReconciler([], { planError: new Error("no region") }) }]), { now });
    expect(run.reports.map((r) => [r.target, r.status, r.reason])).toEqual([
      ["mlflow", "failed", "MLFLOW_TRACKING_URI is not set, and 3 models need mlflow (churn-prediction, demand-forecasting, fraud-detection: registry.mlflow in model.yaml); configure it, or choose the targets to run (--target; the actions' target input)"],
      ["sagemaker", "failed", "Error: no region"],
      ["cloudwatch", "failed", expect.stringMatching(/^no cloudwatch reconciler in this build, and 3 models need cloudwatch \(churn-prediction, demand-forecasting, fraud-detection: monitoring in model\.yaml/)],
    ]);
  });

  it("skips an unconfigured target no model needs, and one named with --target (a usage error there)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "steward-needs-"));
    try {
      mkdirSync(join(dir, "models/scorer"), { recursive: true });
      mkdirSync(join(dir, "policies"), { recursive: true });
      writeFileSync(join(dir, "policies/default.yaml"), "apiVersion: steward/v1\nkind: Policy\nname: default\npromotion: { order: [staging, production] }\n");
      writeFileSync(join(dir, "models/scorer/model.yaml"), 'apiVersion: steward/v1\nkind: Model\nname: scorer\ndescription: Scores leads.\nowners: ["@acme/ml"]\ntask: regression\npolicy: default\nstages: {}\n');
      const none: TargetSlot[] = [{ target: "mlflow", reason: "MLFLOW_TRACKING_URI is not set" }, { target: "sagemaker", reason: "AWS_REGION is not set" }, { target: "cloudwatch", reason: "AWS_REGION is not set" }];
      const run = await runPlan({ files: fsRepoFiles(dir), reconcilers: none, logger: silentLogger }, { now });
      expect(run.findings.filter((f) => f.severity === "error")).toEqual([]);
      expect(run.reports.map((r) => r.status)).toEqual(["skipped", "skipped", "skipped"]);
      const named = await runPlan(deps(none), { now, targets: ["mlflow"] });
      expect(named.reports.map((r) => [r.target, r.status])).toEqual([["mlflow", "skipped"]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("applies only the selected targets and not at all on --dry-run", async () => {
    const r = fakeReconciler([step(1), step(2)]);
    const dry = await runApply(deps([{ target: "sagemaker", reconciler: r }]), { now, targets: ["sagemaker"], dryRun: true });
    expect(dry.reports).toHaveLength(1);
    expect(dry.reports[0]!.status).toBe("planned");
    expect(r.applied).toBe(0);
    const applied = await runApply(deps([{ target: "sagemaker", reconciler: r }]), { now, targets: ["sagemaker"] });
    expect(applied.reports[0]).toMatchObject({ status: "applied", notes: ["a note"] });
    expect(applied.reports[0]!.outcomes).toHaveLength(2);
  });

  it("reports a failed step with its error and the rest skipped", async () => {
    const run = await runApply(deps([{ target: "sagemaker", reconciler: fakeReconciler([step(1), step(2), step(3)], { failAt: 1 }) }]), { now, targets: ["sagemaker"] });
    expect(run.reports[0]).toMatchObject({ status: "failed", reason: "boom" });
    expect(run.reports[0]!.outcomes!.map((o) => o.status)).toEqual(["done", "failed", "skipped"]);
  });

  it("does not call apply when there is nothing to do", async () => {
    const r = fakeReconciler([]);
    const run = await runApply(deps([{ target: "sagemaker", reconciler: r }]), { now });
    expect(r.applied).toBe(0);
    expect(run.reports[1]).toMatchObject({ target: "sagemaker", status: "applied", outcomes: [] });
  });

  it("plans and applies nothing while the repository has errors", async () => {
    const dir = mkdtempSync(join(tmpdir(), "steward-bad-"));
    try {
      mkdirSync(join(dir, "models/broken"), { recursive: true });
      writeFileSync(join(dir, "models/broken/model.yaml"), "apiVersion: steward/v1\nkind: Model\nname: [unclosed\n");
      const r = fakeReconciler([step(1)]);
      const run = await runApply({ files: fsRepoFiles(dir), reconcilers: [{ target: "sagemaker", reconciler: r }], logger: silentLogger }, { now });
      expect(run.reports).toEqual([]);
      expect(run.findings.some((f) => f.severity === "error" && f.file === "models/broken/model.yaml")).toBe(true);
      expect(r.applied).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { desiredSageMakerEndpoint } from "../../../src/core/plan/sagemaker-desired.js";
import { diffSageMaker } from "../../../src/core/plan/sagemaker-diff.js";
import type { DesiredEndpoint, LiveSageMakerState } from "../../../src/core/plan/sagemaker-types.js";
import type { ModelSpec } from "../../../src/core/types.js";
import { aModelSpec, aPolicySpec, aRepoState } from "../../support/builders.js";

const remotes = { defaultRemote: "storage", remotes: { storage: "s3://acme-ml-artifacts/dvc" } };
const policy = aPolicySpec({ monitoring: { recovery: 0, checks: [{ id: "accuracy", metric: "accuracy", metrics: ["accuracy"], detectors: [], threshold: { min: 0.9 }, sustained: 3, severity: "critical", compareVariants: false }] } });

function desiredFor(over: Partial<ModelSpec> = {}, sm: Partial<NonNullable<NonNullable<ModelSpec["deployment"]>["sagemaker"]>> = {}): DesiredEndpoint {
  const base = aModelSpec();
  const model = aModelSpec({ ...over, deployment: { sagemaker: { ...base.deployment!.sagemaker!, ...sm } } });
  const r = desiredSageMakerEndpoint(model, aRepoState({ policies: [policy] }), remotes);
  if (!r?.ok) throw new Error("expected a desired endpoint");
  return r.desired;
}

/** Live state exactly as apply would have left it for `d`. */
function liveFor(d: DesiredEndpoint, createdAt = new Date("2026-10-01T00:00:00Z")): LiveSageMakerState {
  return {
    endpoint: { name: d.endpoint, status: "InService", configName: d.config.name, variants: d.config.variants.map((v) => ({ name: v.variantName, currentWeight: v.weight, desiredWeight: v.weight, currentInstanceCount: v.instanceCount, desiredInstanceCount: v.instanceCount })) },
    currentConfig: { name: d.config.name, variants: d.config.variants.map((v) => ({ name: v.variantName, modelName: v.modelName, instanceType: v.instanceType, initialInstanceCount: v.instanceCount, initialWeight: v.weight })), ...(d.config.dataCapture ? { dataCapture: { enabled: true, ...d.config.dataCapture } } : {}) },
    existingModels: d.models.map((m) => m.name),
    desiredConfigExists: true,
    alarms: d.alarms.map(({ ...a }) => a),
    scalableTargets: d.scaling.map((s) => ({ resourceId: s.resourceId, min: s.min, max: s.max })),
    scalingPolicies: d.scaling.map((s) => ({ resourceId: s.resourceId, policyName: s.policyName, targetValue: s.targetInvocationsPerInstance, predefinedMetricType: "SageMakerVariantInvocationsPerInstance", scaleInCooldown: s.scaleInCooldown, scaleOutCooldown: s.scaleOutCooldown })),
    ownedConfigs: [{ name: d.config.name, createdAt }],
    ownedModels: d.models.map((m) => ({ name: m.name, createdAt })),
  };
}

const empty: LiveSageMakerState = { existingModels: [], desiredConfigExists: false, alarms: [], scalableTargets: [], scalingPolicies: [], ownedConfigs: [], ownedModels: [] };
const actions = (p: { steps: { action: string }[] }) => p.steps.map((s) => s.action);
const autoscaling = { min: 2, max: 8, targetInvocationsPerInstance: 1000 };

describe("diffSageMaker", () => {
  it("first deploy: alarms, model, config, endpoint, then autoscaling", () => {
    const d = desiredFor({}, { autoscaling });
    const plan = diffSageMaker(d, empty);
    expect(actions(plan)).toEqual(["put-metric-alarm", "create-model", "create-endpoint-config", "create-endpoint", "register-scalable-target", "put-scaling-policy"]);
    expect(plan.steps[3]!.params).toMatchObject({ endpoint: "fraud-detection-prod", configName: d.config.name, rollback: false });
  });

  it("is empty once live matches desired (idempotent)", () => {
    const d = desiredFor({}, { autoscaling });
    expect(diffSageMaker(d, liveFor(d)).steps).toEqual([]);
  });

  it("a new production version is a canary update with guardrails and auto-rollback alarms", () => {
    const before = desiredFor();
    const after = desiredFor({ stages: { production: { variants: [{ version: "8", weight: 100 }] } } });
    const plan = diffSageMaker(after, { ...liveFor(before), desiredConfigExists: false, existingModels: before.models.map((m) => m.name) });
    expect(actions(plan)).toEqual(["create-model", "create-endpoint-config", "update-endpoint"]);
    const update = plan.steps[2]!;
    expect(update.params).toMatchObject({ rollback: false, previousConfigName: before.config.name, configName: after.config.name });
    expect(update.params.deploymentConfig).toMatchObject({
      BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: { Type: "CANARY", CanarySize: { Type: "CAPACITY_PERCENT", Value: 10 }, WaitIntervalInSeconds: 600 }, TerminationWaitInSeconds: 1800 },
      AutoRollbackConfiguration: { Alarms: [{ AlarmName: "steward-fraud-detection-prod-accuracy-min" }] },
    });
    expect(update.summary).toContain("canary");
  });

  it("a weight-only change of a split uses UpdateEndpointWeightsAndCapacities and names every variant", () => {
    const split = (a: number, b: number) => desiredFor({ stages: { production: { variants: [{ version: "7", weight: a }, { version: "8", weight: b }] } } });
    const before = split(90, 10);
    const after = split(50, 50);
    const plan = diffSageMaker(after, { ...liveFor(before), desiredConfigExists: false });
    expect(actions(plan)).toEqual(["update-endpoint-weights-and-capacities"]);
    expect(plan.steps[0]!.params.desiredWeightsAndCapacities).toEqual([{ VariantName: "v-7", DesiredWeight: 50 }, { VariantName: "v-8", DesiredWeight: 50 }]);
    // after the weights moved, the same repository state plans nothing, although the config name differs
    const moved = liveFor(before);
    moved.endpoint!.variants = moved.endpoint!.variants.map((v) => ({ ...v, currentWeight: 50, desiredWeight: 50 }));
    expect(diffSageMaker(after, { ...moved, desiredConfigExists: false }).steps).toEqual([]);
  });

  it("a capacity-only change without autoscaling changes the instance count in place", () => {
    const before = desiredFor();
    const after = desiredFor({}, { instanceCount: 4 });
    const plan = diffSageMaker(after, { ...liveFor(before), desiredConfigExists: false });
    expect(actions(plan)).toEqual(["update-endpoint-weights-and-capacities"]);
    expect(plan.steps[0]!.params.desiredWeightsAndCapacities).toEqual([{ VariantName: "AllTraffic", DesiredInstanceCount: 4 }]);
  });

  it("with autoscaling, instance counts belong to the scaler; bounds change the scalable target", () => {
    const before = desiredFor({}, { autoscaling });
    const live = liveFor(before);
    live.endpoint!.variants[0]!.desiredInstanceCount = 6;
    expect(diffSageMaker(before, live).steps).toEqual([]);
    const after = desiredFor({}, { autoscaling: { ...autoscaling, max: 12 } });
    expect(actions(diffSageMaker(after, live))).toEqual(["register-scalable-target"]);
  });

  it("a rollback re-uses the retained config and models: nothing is created", () => {
    const v7 = desiredFor();
    const v8 = desiredFor({ stages: { production: { variants: [{ version: "8", weight: 100 }] } } });
    const live = liveFor(v8, new Date("2026-10-02T00:00:00Z"));
    live.ownedConfigs.push({ name: v7.config.name, createdAt: new Date("2026-10-01T00:00:00Z") });
    live.existingModels = [...v7.models.map((m) => m.name)];
    live.desiredConfigExists = true;
    const plan = diffSageMaker(v7, live);
    expect(actions(plan)).toEqual(["update-endpoint"]);
    expect(plan.steps[0]!.params).toMatchObject({ rollback: true, configName: v7.config.name, previousConfigName: v8.config.name });
    expect(plan.steps[0]!.summary).toMatch(/^roll back/);
  });

  it("re-applying a newer config that was rolled back before is a deploy, not a rollback", () => {
    const v7 = desiredFor();
    const v8 = desiredFor({ stages: { production: { variants: [{ version: "8", weight: 100 }] } } });
    const live = liveFor(v7, new Date("2026-10-01T00:00:00Z"));
    live.ownedConfigs.push({ name: v8.config.name, createdAt: new Date("2026-10-02T00:00:00Z") });
    live.existingModels.push(...v8.models.map((m) => m.name));
    const plan = diffSageMaker(v8, { ...live, desiredConfigExists: true });
    expect(actions(plan)).toEqual(["update-endpoint"]);
    expect(plan.steps[0]!.params.rollback).toBe(false);
    expect(plan.steps[0]!.summary).toMatch(/^deploy/);
  });

  it("lists superseded configs and models beyond retain, never the live one or the one a rollback needs", () => {
    const d = desiredFor({}, { retain: 1 });
    const live = liveFor(d, new Date("2026-10-05T00:00:00Z"));
    live.ownedConfigs.push({ name: "fraud-detection-prod-aaaaaaaaaa", createdAt: new Date("2026-10-04T00:00:00Z") }, { name: "fraud-detection-prod-bbbbbbbbbb", createdAt: new Date("2026-10-03T00:00:00Z") });
    const plan = diffSageMaker(d, live);
    expect(plan.steps).toEqual([]);
    const notes = plan.notes.join("\n");
    expect(notes).toContain("endpoint-config/fraud-detection-prod-bbbbbbbbbb");
    expect(notes).not.toContain("endpoint-config/fraud-detection-prod-aaaaaaaaaa");
    expect(notes).not.toContain(`endpoint-config/${d.config.name}`);
  });

  it("never stacks an update on an endpoint already updating; waits for its own deployment", () => {
    const before = desiredFor();
    const after = desiredFor({ stages: { production: { variants: [{ version: "8", weight: 100 }] } } });
    const live = liveFor(before);
    live.endpoint!.status = "Updating";
    live.endpoint!.pendingConfigName = after.config.name;
    const plan = diffSageMaker(after, { ...live, existingModels: after.models.map((m) => m.name) });
    expect(actions(plan)).toEqual(["wait-endpoint"]);
    expect(plan.notes.join("\n")).toContain("is Updating");
  });

  it("refuses an endpoint in UpdateRollbackFailed and recreates a Failed one", () => {
    const d = desiredFor({}, { autoscaling });
    const live = liveFor(d);
    live.endpoint!.status = "UpdateRollbackFailed";
    live.endpoint!.failureReason = "Rollback failed: capacity";
    expect(actions(diffSageMaker(d, live))).toEqual(["blocked-endpoint"]);
    live.endpoint!.status = "Failed";
    expect(actions(diffSageMaker(d, live))).toEqual(["recreate-endpoint"]);
  });

  it("with autoscaling, a new version keeps the scaled instance counts and takes only the weights", () => {
    const before = desiredFor({}, { autoscaling });
    const after = desiredFor({ stages: { production: { variants: [{ version: "8", weight: 100 }] } } }, { autoscaling });
    const plan = diffSageMaker(after, { ...liveFor(before), desiredConfigExists: false });
    expect(plan.steps.find((s) => s.action === "update-endpoint")!.params.retainInstanceCounts).toBe(true);
    const noScaling = diffSageMaker(desiredFor({ stages: { production: { variants: [{ version: "8", weight: 100 }] } } }), { ...liveFor(desiredFor()), desiredConfigExists: false });
    expect(noScaling.steps.find((s) => s.action === "update-endpoint")!.params.retainInstanceCounts).toBeUndefined();
  });

  it("deregisters autoscaling before an instance type change and registers it again after", () => {
    const before = desiredFor({}, { autoscaling });
    const after = desiredFor({}, { autoscaling, instanceType: "ml.c5.2xlarge" });
    const plan = diffSageMaker(after, { ...liveFor(before), desiredConfigExists: false });
    expect(actions(plan)).toEqual(["create-endpoint-config", "deregister-scalable-target", "update-endpoint", "register-scalable-target", "put-scaling-policy"]);
  });

  it("going from one version to a split changes variant names: no guardrails, and says so", () => {
    const before = desiredFor();
    const after = desiredFor({ stages: { production: { variants: [{ version: "7", weight: 90 }, { version: "8", weight: 10 }] } } });
    const plan = diffSageMaker(after, { ...liveFor(before), desiredConfigExists: false });
    const update = plan.steps.find((s) => s.action === "update-endpoint")!;
    expect(update.params.deploymentConfig).toBeUndefined();
    expect(plan.notes.join("\n")).toContain("variant set changes");
  });

  it("updates an alarm whose threshold drifted", () => {
    const d = desiredFor();
    const live = liveFor(d);
    live.alarms[0] = { ...live.alarms[0]!, threshold: 0.5 };
    const plan = diffSageMaker(d, live);
    expect(actions(plan)).toEqual(["put-metric-alarm"]);
    expect(plan.steps[0]!.changes).toEqual([{ field: "threshold" }]);
  });

  it("property: whatever the deployment, live state made from it needs no step, and an empty account needs a create", () => {
    const rollout = fc.oneof(
      fc.record({ strategy: fc.constant("all-at-once" as const), waitMinutes: fc.nat(120), bakeMinutes: fc.nat(120) }),
      fc.record({ strategy: fc.constant("canary" as const), canaryPercent: fc.integer({ min: 1, max: 50 }), waitMinutes: fc.nat(120), bakeMinutes: fc.nat(120) }),
      fc.record({ strategy: fc.constant("linear" as const), stepPercent: fc.integer({ min: 10, max: 50 }), waitMinutes: fc.nat(120), bakeMinutes: fc.nat(120) }),
    );
    const stage = fc.oneof(
      fc.constantFrom("7", "8").map((v) => [{ version: v, weight: 100 }]),
      fc.integer({ min: 1, max: 99 }).map((w) => [{ version: "7", weight: 100 - w }, { version: "8", weight: w }]),
    );
    const scaling = fc.option(fc.record({ min: fc.integer({ min: 1, max: 3 }), max: fc.integer({ min: 3, max: 10 }), targetInvocationsPerInstance: fc.integer({ min: 1, max: 5000 }) }), { nil: undefined });
    fc.assert(
      fc.property(rollout, stage, scaling, fc.integer({ min: 1, max: 6 }), (r, variants, autoscaling, instanceCount) => {
        const d = desiredFor({ stages: { production: { variants } } }, { rollout: r, autoscaling, instanceCount });
        expect(diffSageMaker(d, liveFor(d)).steps).toEqual([]);
        expect(actions(diffSageMaker(d, empty))).toContain("create-endpoint");
      }),
      { numRuns: 200 },
    );
  });
});

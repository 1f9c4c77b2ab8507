/**
 * The endpoint settings teams use (VPC, KMS, volume, timeouts, serverless, async inference, tags,
 * alarm actions, data capture read as AWS means it): each change plans the right update path and
 * nothing else.
 */
import { describe, expect, it } from "vitest";
import { desiredSageMakerEndpoint } from "../../../src/core/plan/sagemaker-desired.js";
import { diffSageMaker } from "../../../src/core/plan/sagemaker-diff.js";
import type { DesiredEndpoint, LiveSageMakerState } from "../../../src/core/plan/sagemaker-types.js";
import type { ModelSpec, SageMakerDeployment } from "../../../src/core/types.js";
import { aModelSpec, aPolicySpec, aRepoState } from "../../support/builders.js";

const remotes = { defaultRemote: "storage", remotes: { storage: "s3://acme-ml-artifacts/dvc" } };
const topic = "arn:aws:sns:us-east-1:123456789012:ml-oncall";
const checks = [{ id: "accuracy", metric: "accuracy", metrics: ["accuracy"], detectors: [], threshold: { min: 0.9 }, sustained: 3, severity: "critical" as const, compareVariants: false }];
const policy = aPolicySpec({ monitoring: { recovery: 0, checks } });

function desiredFor(sm: Partial<SageMakerDeployment> = {}, over: Partial<ModelSpec> = {}, p = policy): DesiredEndpoint {
  const base = aModelSpec().deployment!.sagemaker!;
  const merged = { ...base, ...sm };
  if (sm.serverless) { delete merged.instanceType; delete merged.instanceCount; }
  const r = desiredSageMakerEndpoint(aModelSpec({ ...over, deployment: { sagemaker: merged } }), aRepoState({ policies: [p] }), remotes);
  if (!r?.ok) throw new Error("expected a desired endpoint");
  return r.desired;
}

/** Live state exactly as apply leaves it for `d`, every setting included. */
function liveFor(d: DesiredEndpoint): LiveSageMakerState {
  const createdAt = new Date("2026-10-01T00:00:00Z");
  return {
    endpoint: {
      name: d.endpoint, arn: `arn:aws:sagemaker:us-east-1:123456789012:endpoint/${d.endpoint}`, status: "InService", configName: d.config.name,
      variants: d.config.variants.map((v) => ({
        name: v.variantName, currentWeight: v.weight, desiredWeight: v.weight, currentInstanceCount: v.instanceCount, desiredInstanceCount: v.instanceCount,
        ...(v.serverless ? { currentServerless: { maxConcurrency: v.serverless.maxConcurrency, provisionedConcurrency: v.serverless.provisionedConcurrency } } : {}),
      })),
    },
    currentConfig: {
      name: d.config.name,
      variants: d.config.variants.map(({ variantName, modelName, instanceType, instanceCount, weight, version: _v, ...rest }) => ({ name: variantName, modelName, instanceType, initialInstanceCount: instanceCount, initialWeight: weight, ...rest })),
      ...(d.config.dataCapture ? { dataCapture: { enabled: true, ...d.config.dataCapture } } : {}),
      ...(d.config.kmsKeyId ? { kmsKeyId: d.config.kmsKeyId } : {}),
      ...(d.config.asyncInference ? { asyncInference: d.config.asyncInference } : {}),
    },
    existingModels: d.models.map((m) => m.name),
    desiredConfigExists: true,
    alarms: d.alarms.map((a) => ({ ...a })),
    scalableTargets: d.scaling.map((s) => ({ resourceId: s.resourceId, min: s.min, max: s.max })),
    scalingPolicies: d.scaling.map((s) => ({ resourceId: s.resourceId, policyName: s.policyName, targetValue: s.targetInvocationsPerInstance, predefinedMetricType: "SageMakerVariantInvocationsPerInstance", scaleInCooldown: s.scaleInCooldown, scaleOutCooldown: s.scaleOutCooldown })),
    ownedConfigs: [{ name: d.config.name, createdAt }],
    ownedModels: d.models.map((m) => ({ name: m.name, createdAt })),
    endpointTags: { ...d.tags },
  };
}

const actions = (p: { steps: { action: string }[] }) => p.steps.map((s) => s.action);
/** What apply plans when `live` was made from `before` and the repository now says `after`. */
const change = (before: DesiredEndpoint, after: DesiredEndpoint) =>
  diffSageMaker(after, { ...liveFor(before), desiredConfigExists: false, existingModels: before.models.map((m) => m.name) });

const everything: Partial<SageMakerDeployment> = {
  vpc: { subnets: ["subnet-0a1b2c3d"], securityGroupIds: ["sg-0a1b2c3d"] },
  kms: { volumeKeyId: "alias/ml-volume", outputKeyId: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
  volumeSizeGB: 30,
  modelDataDownloadTimeoutSeconds: 900,
  containerStartupHealthCheckTimeoutSeconds: 600,
  dataCapture: { enabled: true, samplingPercent: 20, destination: "s3://acme-capture/fraud" },
  asyncInference: { outputPath: "s3://acme-async/out", failurePath: "s3://acme-async/failed", successTopic: topic, errorTopic: topic, maxConcurrentInvocationsPerInstance: 4 },
};

describe("endpoint settings", () => {
  it("a deployment with every setting converges: live made from it needs no step", () => {
    const d = desiredFor(everything, { tags: { team: "risk" } });
    expect(diffSageMaker(d, liveFor(d)).steps).toEqual([]);
    const s = desiredFor({ serverless: { memoryMB: 2048, maxConcurrency: 20, provisionedConcurrency: 5 } });
    expect(diffSageMaker(s, liveFor(s)).steps).toEqual([]);
  });

  it("adding no setting keeps the names of configs and models made before these settings existed", () => {
    const d = desiredFor();
    expect(d.config).not.toHaveProperty("kmsKeyId");
    expect(d.config).not.toHaveProperty("asyncInference");
    expect(d.models[0]).not.toHaveProperty("vpc");
    expect(d.config.variants[0]).toEqual({ variantName: "AllTraffic", modelName: d.models[0]!.name, version: "7", instanceType: "ml.m5.xlarge", instanceCount: 2, weight: 100 });
  });

  it.each([
    ["volume KMS key", { kms: { volumeKeyId: "alias/other" } }],
    ["output KMS key (data capture and async output)", { kms: { ...everything.kms, outputKeyId: "alias/other" } }],
    ["volume size", { volumeSizeGB: 60 }],
    ["model data download timeout", { modelDataDownloadTimeoutSeconds: 1200 }],
    ["container start-up health check timeout", { containerStartupHealthCheckTimeoutSeconds: 1200 }],
    ["async output path", { asyncInference: { ...everything.asyncInference!, outputPath: "s3://acme-async/v2" } }],
    ["async success topic", { asyncInference: { ...everything.asyncInference!, successTopic: "arn:aws:sns:us-east-1:123456789012:other" } }],
    ["async concurrency per instance", { asyncInference: { ...everything.asyncInference!, maxConcurrentInvocationsPerInstance: 8 } }],
    ["data capture sampling", { dataCapture: { enabled: true, samplingPercent: 50, destination: "s3://acme-capture/fraud" } }],
  ] as [string, Partial<SageMakerDeployment>][])("a change of %s is a new endpoint config and a guarded UpdateEndpoint; the models stay", (_what, sm) => {
    const before = desiredFor(everything);
    const after = desiredFor({ ...everything, ...sm });
    expect(after.config.name).not.toBe(before.config.name);
    expect(after.models.map((m) => m.name)).toEqual(before.models.map((m) => m.name));
    const plan = change(before, after);
    expect(actions(plan)).toEqual(["create-endpoint-config", "update-endpoint"]);
    expect(plan.steps[1]!.params.deploymentConfig).toBeDefined();
  });

  it("a VPC change makes new models, so a new config and a guarded update", () => {
    const before = desiredFor(everything);
    const after = desiredFor({ ...everything, vpc: { subnets: ["subnet-0a1b2c3d", "subnet-1a1b2c3d"], securityGroupIds: ["sg-0a1b2c3d"] } });
    expect(after.models[0]!.name).not.toBe(before.models[0]!.name);
    expect(after.models[0]!.vpc).toEqual({ subnets: ["subnet-0a1b2c3d", "subnet-1a1b2c3d"], securityGroupIds: ["sg-0a1b2c3d"] });
    expect(actions(change(before, after))).toEqual(["create-model", "create-endpoint-config", "update-endpoint"]);
  });

  it("serverless: concurrency changes in place (ServerlessUpdateConfig), memory needs a new config, never guardrails", () => {
    const sl = (memoryMB: number, maxConcurrency: number, provisionedConcurrency?: number) => desiredFor({ serverless: { memoryMB, maxConcurrency, ...(provisionedConcurrency ? { provisionedConcurrency } : {}) } });
    const before = sl(2048, 20);
    expect(before.config.variants[0]).not.toHaveProperty("instanceType");
    expect(before.scaling).toEqual([]);
    const more = change(before, sl(2048, 40, 5));
    expect(actions(more)).toEqual(["update-endpoint-weights-and-capacities"]);
    expect(more.steps[0]!.params.desiredWeightsAndCapacities).toEqual([{ VariantName: "AllTraffic", ServerlessUpdateConfig: { MaxConcurrency: 40, ProvisionedConcurrency: 5 } }]);
    const memory = change(before, sl(4096, 20));
    expect(actions(memory)).toEqual(["create-endpoint-config", "update-endpoint"]);
    expect(memory.steps[1]!.params).not.toHaveProperty("deploymentConfig");
    expect(memory.steps[1]!.summary).toContain("all-at-once");
  });

  it("model tags go on every resource next to steward:*, and steward's own keys win", () => {
    const d = desiredFor({}, { tags: { team: "risk", "cost-center": "42", "steward:model": "spoofed" } });
    expect(d.tags).toEqual({ team: "risk", "cost-center": "42", "steward:model": "fraud-detection", "steward:stage": "production" });
    const plan = diffSageMaker(d, { existingModels: [], desiredConfigExists: false, alarms: [], scalableTargets: [], scalingPolicies: [], ownedConfigs: [], ownedModels: [] });
    for (const s of plan.steps.filter((x) => ["create-model", "create-endpoint-config", "create-endpoint"].includes(x.action))) expect(s.params.tags).toMatchObject({ team: "risk", "cost-center": "42" });
    expect(plan.steps.find((s) => s.action === "put-metric-alarm")!.params.tags).toMatchObject({ team: "risk", "steward:model": "fraud-detection" });
  });

  it("a tag change is applied in place on the endpoint (AddTags), with no new config or redeploy", () => {
    const before = desiredFor({}, { tags: { team: "risk" } });
    const after = desiredFor({}, { tags: { team: "fraud", owner: "mchen" } });
    expect(after.config.name).toBe(before.config.name);
    const plan = diffSageMaker(after, liveFor(before));
    expect(actions(plan)).toEqual(["tag-endpoint"]);
    expect(plan.steps[0]!.params).toMatchObject({ endpoint: "fraud-detection-prod", tags: { team: "fraud", owner: "mchen" } });
    expect(plan.steps[0]!.changes).toEqual([{ field: "tag team", from: "risk", to: "fraud" }, { field: "tag owner", to: "mchen" }]);
  });

  it("alarm actions from the policy go on every alarm; a changed topic updates the alarm", () => {
    const withActions = aPolicySpec({ monitoring: { recovery: 0, checks }, alarms: { actions: { alarm: [topic], ok: [topic], insufficientData: [] } } });
    const before = desiredFor({}, {}, policy);
    const after = desiredFor({}, {}, withActions);
    expect(after.alarms[0]).toMatchObject({ alarmActions: [topic], okActions: [topic], insufficientDataActions: [] });
    const plan = diffSageMaker(after, liveFor(before));
    expect(actions(plan)).toEqual(["put-metric-alarm"]);
    expect(plan.steps[0]!.changes).toEqual([{ field: "alarmActions" }, { field: "okActions" }]);
  });

  it("data capture read as AWS means it: an empty or disabled DataCaptureConfig is capture off", () => {
    const d = desiredFor();
    for (const off of [{ enabled: false, samplingPercent: 0, destination: "" }, { enabled: false, samplingPercent: 100, destination: "s3://acme-capture/fraud" }]) {
      const live = liveFor(d);
      live.currentConfig!.dataCapture = off;
      expect(diffSageMaker(d, live).steps).toEqual([]);
      // and with autoscaling the instance counts are still retained through a version change: capture did not change
    }
    const on = desiredFor({ dataCapture: { enabled: true, samplingPercent: 100, destination: "s3://acme-capture/fraud" } });
    const live = liveFor(d);
    live.currentConfig!.dataCapture = { enabled: false, samplingPercent: 100, destination: "s3://acme-capture/fraud" };
    expect(actions(diffSageMaker(on, { ...live, desiredConfigExists: false }))).toEqual(["create-endpoint-config", "update-endpoint"]);
  });
});

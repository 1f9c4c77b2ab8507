import { describe, expect, it } from "vitest";
import { desiredSageMakerEndpoint } from "../../../src/core/plan/sagemaker-desired.js";
import { deploymentConfig } from "../../../src/core/plan/sagemaker-deployment-config.js";
import { aModelSpec, aPolicySpec, aRepoState, aVersionSpec } from "../../support/builders.js";

const remotes = { defaultRemote: "storage", remotes: { storage: "s3://acme-ml-artifacts/dvc" } };

describe("desired SageMaker endpoint", () => {
  it("derives models, a content-named config, guardrails and alarms from the repository", () => {
    const policy = aPolicySpec({
      monitoring: {
        recovery: 7200,
        checks: [
          { id: "accuracy", metric: "accuracy", metrics: ["accuracy"], detectors: [], threshold: { min: 0.9 }, sustained: 3, severity: "critical", compareVariants: false },
          { id: "volume", metric: "invocations", metrics: ["invocations"], detectors: [], threshold: { max: 10 }, sustained: 1, severity: "info", compareVariants: false },
          { id: "ghost", metric: "not-monitored", metrics: ["not-monitored"], detectors: [], threshold: { max: 1 }, sustained: 1, severity: "warning", compareVariants: false },
        ],
      },
    });
    const result = desiredSageMakerEndpoint(aModelSpec(), aRepoState({ policies: [policy] }), remotes);
    expect(result?.ok).toBe(true);
    if (!result?.ok) return;
    const d = result.desired;
    expect(d.models).toHaveLength(1);
    expect(d.models[0]).toMatchObject({ version: "7", modelDataUrl: "s3://acme-ml-artifacts/dvc/files/md5/01/23456789abcdef0123456789abcdef", executionRoleArn: "arn:aws:iam::123456789012:role/sagemaker-exec" });
    expect(d.models[0]!.name).toMatch(/^fraud-detection-v7-[0-9a-f]{10}$/);
    expect(d.config.name).toMatch(/^fraud-detection-prod-[0-9a-f]{10}$/);
    expect(d.config.variants).toEqual([{ variantName: "AllTraffic", modelName: d.models[0]!.name, version: "7", instanceType: "ml.m5.xlarge", instanceCount: 2, weight: 100 }]);
    expect(d.alarms.map((a) => a.name)).toEqual(["steward-fraud-detection-prod-accuracy-min"]);
    expect(d.alarms[0]).toMatchObject({ comparison: "LessThanThreshold", threshold: 0.9, statistic: "Average", period: 600, evaluationPeriods: 3 });
    expect(d.deployment.AutoRollbackConfiguration).toEqual({ Alarms: [{ AlarmName: "steward-fraud-detection-prod-accuracy-min" }] });
    expect(result.notes.join("\n")).toContain('"ghost"');
  });

  it("is stable: the same state gives the same names; a changed image gives new ones", () => {
    const a = desiredSageMakerEndpoint(aModelSpec(), aRepoState(), remotes);
    const b = desiredSageMakerEndpoint(aModelSpec(), aRepoState(), remotes);
    expect(a).toEqual(b);
    const other = aRepoState({ versions: [aVersionSpec({ version: "7", image: "other:1" })] });
    const c = desiredSageMakerEndpoint(aModelSpec(), other, remotes);
    if (!a?.ok || !c?.ok) throw new Error("expected ok");
    expect(c.desired.models[0]!.name).not.toBe(a.desired.models[0]!.name);
    expect(c.desired.config.name).not.toBe(a.desired.config.name);
  });

  it("gives each variant of a split its own name and weight, and autoscaling per variant", () => {
    const base = aModelSpec();
    const model = aModelSpec({
      stages: { production: { variants: [{ version: "7", weight: 90 }, { version: "8", weight: 10 }] } },
      deployment: { sagemaker: { ...base.deployment!.sagemaker!, autoscaling: { min: 2, max: 8, targetInvocationsPerInstance: 1000 } } },
    });
    const r = desiredSageMakerEndpoint(model, aRepoState(), remotes);
    if (!r?.ok) throw new Error("expected ok");
    expect(r.desired.config.variants.map((v) => [v.variantName, v.weight])).toEqual([["v-7", 90], ["v-8", 10]]);
    expect(r.desired.scaling.map((s) => s.resourceId)).toEqual(["endpoint/fraud-detection-prod/variant/v-7", "endpoint/fraud-detection-prod/variant/v-8"]);
  });

  it("fails the whole model when a version cannot be deployed", () => {
    const state = aRepoState({ versions: [aVersionSpec({ version: "7", image: undefined })] });
    expect(desiredSageMakerEndpoint(aModelSpec(), state, remotes)).toEqual({ ok: false, problems: [expect.stringContaining("no container image")] });
    expect(desiredSageMakerEndpoint(aModelSpec({ deployment: {} }), state, remotes)).toBeUndefined();
  });
});

describe("deployment config", () => {
  it("maps canary, linear and all-at-once to SageMaker's blue/green traffic routing", () => {
    expect(deploymentConfig({ strategy: "canary", canaryPercent: 10, waitMinutes: 10, bakeMinutes: 30 }, ["a"])).toEqual({
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: { Type: "CANARY", WaitIntervalInSeconds: 600, CanarySize: { Type: "CAPACITY_PERCENT", Value: 10 } },
        TerminationWaitInSeconds: 1800,
        MaximumExecutionTimeoutInSeconds: 1800 + 600 + 1800,
      },
      AutoRollbackConfiguration: { Alarms: [{ AlarmName: "a" }] },
    });
    const linear = deploymentConfig({ strategy: "linear", stepPercent: 25, waitMinutes: 120, bakeMinutes: 120 }, []);
    expect(linear.BlueGreenUpdatePolicy.TrafficRoutingConfiguration).toEqual({ Type: "LINEAR", WaitIntervalInSeconds: 3600, LinearStepSize: { Type: "CAPACITY_PERCENT", Value: 25 } });
    expect(linear.BlueGreenUpdatePolicy.TerminationWaitInSeconds).toBe(3600);
    expect(linear.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds).toBe(1800 + 4 * 3600 + 3600);
    expect(linear.AutoRollbackConfiguration).toBeUndefined();
    const once = deploymentConfig({ strategy: "all-at-once", waitMinutes: 0, bakeMinutes: 0 }, Array.from({ length: 12 }, (_, i) => `a${i}`));
    expect(once.BlueGreenUpdatePolicy).toMatchObject({ TrafficRoutingConfiguration: { Type: "ALL_AT_ONCE", WaitIntervalInSeconds: 0 }, MaximumExecutionTimeoutInSeconds: 1800 });
    expect(once.AutoRollbackConfiguration?.Alarms).toHaveLength(10);
  });
});

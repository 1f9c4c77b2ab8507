import { describe, expect, it } from "vitest";
import { mapEndpoint, type LiveEndpointFacts } from "../../../src/core/import/map-sagemaker.js";
import { desiredSageMakerEndpoint } from "../../../src/core/plan/sagemaker-desired.js";
import type { DesiredEndpoint } from "../../../src/core/plan/sagemaker-types.js";
import { aModelSpec, aRepoState, aVersionSpec } from "../../support/builders.js";

const remotes = { defaultRemote: "storage", remotes: { storage: "s3://acme/dvc", other: "s3://acme/other" } };

/** The endpoint apply makes for a 70/30 split of 7 and 8 with autoscaling, as import reads it. */
function applied(edit: (d: DesiredEndpoint) => void = () => {}): { desired: DesiredEndpoint; facts: LiveEndpointFacts } {
  const model = aModelSpec({ stages: { production: { variants: [{ version: "7", weight: 70 }, { version: "8", weight: 30 }] } }, monitoring: undefined });
  model.deployment!.sagemaker!.autoscaling = { min: 2, max: 5, targetInvocationsPerInstance: 300 };
  model.deployment!.sagemaker!.environment = { LOG_LEVEL: "info" };
  const state = aRepoState({ models: [model], versions: [aVersionSpec({ version: "7" }), aVersionSpec({ version: "8", environment: { X: "1" }, artifact: { kind: "inline", md5: "fedcba9876543210fedcba9876543210", path: "m.tar.gz", remote: "other" } })] });
  const r = desiredSageMakerEndpoint(model, state, remotes);
  if (!r?.ok) throw new Error("no desired endpoint");
  const d = r.desired;
  edit(d);
  const facts: LiveEndpointFacts = {
    endpoint: { name: d.endpoint, status: "InService", configName: d.config.name, variants: d.config.variants.map((v) => ({ name: v.variantName, currentWeight: v.weight / 100, currentInstanceCount: 4 })) },
    tags: d.tags,
    lastDeployment: { type: "CANARY", waitSeconds: 600, size: { type: "CAPACITY_PERCENT", value: 10 }, terminationWaitSeconds: 1800, alarms: ["steward-fraud-detection-prod-accuracy-min"] },
    config: { name: d.config.name, variants: d.config.variants.map((v) => ({ name: v.variantName, modelName: v.modelName, instanceType: v.instanceType, initialInstanceCount: v.instanceCount, initialWeight: v.weight })) },
    models: Object.fromEntries(d.models.map((m) => [m.name, { name: m.name, containers: [{ image: m.image, modelDataUrl: m.modelDataUrl, environment: m.environment }], executionRoleArn: m.executionRoleArn, tags: { "steward:version": m.version } }])),
    scalableTargets: d.scaling.map((s) => ({ resourceId: s.resourceId, min: s.min, max: s.max })),
    scalingPolicies: d.scaling.map((s) => ({ resourceId: s.resourceId, policyName: s.policyName, targetValue: s.targetInvocationsPerInstance, predefinedMetricType: "SageMakerVariantInvocationsPerInstance" })),
  };
  return { desired: d, facts };
}

describe("mapEndpoint", () => {
  it("is the inverse of the desired endpoint: deployment block, split weights, per-version facts", () => {
    const r = mapEndpoint(applied().facts, remotes);
    if (!r.ok) throw new Error(r.reasons.join("; "));
    expect(r.model).toBe("fraud-detection");
    expect(r.deployment).toEqual({
      endpoint: "fraud-detection-prod", stage: "production", executionRoleArn: "arn:aws:iam::123456789012:role/sagemaker-exec",
      instanceType: "ml.m5.xlarge", instanceCount: 2, autoscaling: { min: 2, max: 5, targetInvocationsPerInstance: 300 }, environment: { LOG_LEVEL: "info" },
      rollout: { strategy: "canary", canaryPercent: 10, waitMinutes: 10, bakeMinutes: 30 }, rollbackAlarms: ["steward-fraud-detection-prod-accuracy-min"],
    });
    expect(r.placeholders).toEqual([]);
    expect(r.served).toEqual([
      { version: "7", weight: 70, image: expect.any(String), md5: "0123456789abcdef0123456789abcdef", environment: {} },
      { version: "8", weight: 30, image: expect.any(String), md5: "fedcba9876543210fedcba9876543210", remote: "other", environment: { X: "1" } },
    ]);
  });

  it("reads the rollout from the last deployment: never updated is a placeholder, a rolling update is listed", () => {
    const created = applied().facts;
    delete created.lastDeployment;
    const r = mapEndpoint(created, remotes);
    expect(r).toMatchObject({ ok: true, placeholders: [expect.stringMatching(/^rollout \(the endpoint was never updated/)], deployment: { rollout: { strategy: "all-at-once" } } });
    const rolling = applied().facts;
    rolling.lastDeployment = { alarms: [] };
    expect(mapEndpoint(rolling, remotes)).toMatchObject({ ok: false, reasons: [expect.stringMatching(/as a rolling update/)] });
    const byCount = applied().facts;
    byCount.lastDeployment = { type: "CANARY", waitSeconds: 600, size: { type: "INSTANCE_COUNT", value: 1 }, alarms: [] };
    expect(mapEndpoint(byCount, remotes)).toMatchObject({ ok: false, reasons: [expect.stringMatching(/CANARY by 1 INSTANCE_COUNT/)] });
  });

  it("lists an endpoint made by hand, one not InService, and one whose data is in no DVC remote", () => {
    const hand = applied().facts;
    hand.tags = { team: "x" };
    expect(mapEndpoint(hand, remotes)).toMatchObject({ ok: false, reasons: [expect.stringMatching(/not made by model-steward/)] });
    const updating = applied().facts;
    updating.endpoint.status = "Updating";
    expect(mapEndpoint(updating, remotes)).toMatchObject({ ok: false, reasons: ["it is Updating; import it once it is InService"] });
    expect(mapEndpoint(applied().facts, { defaultRemote: "storage", remotes: { storage: "s3://acme/dvc" } })).toMatchObject({ ok: false, reasons: [expect.stringMatching(/s3:\/\/acme\/other, which is no remote of \.dvc\/config/)] });
  });

  it("refuses what apply would redeploy: renamed variants, a changed model, weights in fractions, foreign autoscaling", () => {
    const renamed = applied().facts;
    renamed.config!.variants[0]!.name = "primary";
    expect(mapEndpoint(renamed, remotes)).toMatchObject({ ok: false, reasons: expect.arrayContaining([expect.stringMatching(/variant primary serves version 7; apply names it v-7/)]) });
    const changed = applied().facts;
    Object.values(changed.models)[0]!.containers[0]!.image = "683313688378.dkr.ecr.us-east-1.amazonaws.com/other:1";
    expect(mapEndpoint(changed, remotes)).toMatchObject({ ok: false, reasons: [expect.stringMatching(/is not named for what it serves/)] });
    const thirds = applied().facts;
    thirds.endpoint.variants = thirds.endpoint.variants.map((v) => ({ ...v, currentWeight: 1 }));
    expect(mapEndpoint(thirds, remotes).ok).toBe(true); // 50/50 is whole percent
    thirds.endpoint.variants[0]!.currentWeight = 2;
    expect(mapEndpoint(thirds, remotes)).toMatchObject({ ok: false, reasons: [expect.stringMatching(/takes 66\.667% of the traffic/), expect.stringMatching(/33\.333%/)] });
    const scaled = applied().facts;
    scaled.scalingPolicies = scaled.scalingPolicies.map((p) => ({ ...p, policyName: "my-policy" }));
    expect(mapEndpoint(scaled, remotes)).toMatchObject({ ok: false, reasons: [expect.stringMatching(/autoscaling is not steward's/)] });
  });
});

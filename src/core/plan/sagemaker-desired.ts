/**
 * The SageMaker resources a model's deployment should have, from the repository alone.
 * Names are content hashes, so the same desired state always maps to the same names.
 */
import type { ModelSpec, RepoState } from "../types.js";
import { findVersion } from "../types.js";
import { deploymentAlarms } from "./sagemaker-alarms.js";
import { deploymentConfig, deploymentWaitSeconds } from "./sagemaker-deployment-config.js";
import { modelDataUrl, type DvcRemotes } from "./sagemaker-model-data.js";
import { contentHash, endpointConfigName, sageMakerModelName, variantName } from "./sagemaker-names.js";
import type { AsyncInference, DesiredEndpoint, DesiredModel, DesiredScaling, DesiredVariant } from "./sagemaker-types.js";

export const SCALING_POLICY_NAME = "steward-invocations-per-instance";

export type DesiredResult =
  | { ok: true; desired: DesiredEndpoint; notes: string[] }
  | { ok: false; problems: string[] };

/** `endpoint/<endpoint>/variant/<variant>`, the Application Auto Scaling resource id of a variant. */
export function variantResourceId(endpoint: string, variant: string): string {
  return `endpoint/${endpoint}/variant/${variant}`;
}

/**
 * The desired endpoint of `model`, or undefined when it has no SageMaker deployment or the stage it
 * serves is not assigned. Problems (a version without image, an artifact without S3 URL) fail the
 * whole model: nothing is half-applied.
 */
export function desiredSageMakerEndpoint(model: ModelSpec, state: RepoState, remotes: DvcRemotes): DesiredResult | undefined {
  const sm = model.deployment?.sagemaker;
  if (!sm) return undefined;
  const stage = model.stages[sm.stage];
  if (!stage || stage.variants.length === 0) return undefined;
  const problems: string[] = [];
  const notes: string[] = [];
  const models: DesiredModel[] = [];
  const variants: DesiredVariant[] = [];
  for (const sv of stage.variants) {
    const spec = findVersion(state, model.name, sv.version);
    if (!spec) {
      problems.push(`${model.name}: stage ${sm.stage} names version ${sv.version}, which has no version file`);
      continue;
    }
    if (!spec.image) problems.push(`${model.name} v${sv.version}: no container image (set \`image\` in ${spec.file})`);
    const data = spec.artifact ? modelDataUrl(spec.artifact, state.pointers, remotes) : { ok: false as const, reason: `no artifact: SageMaker needs the model's archive as a DVC pointer (set \`artifact\` in ${spec.file})` };
    if (!data.ok) problems.push(`${model.name} v${sv.version}: ${data.reason}`);
    if (!spec.image || !data.ok) continue;
    const content = {
      model: model.name,
      version: spec.version,
      image: spec.image,
      modelDataUrl: data.url,
      executionRoleArn: sm.executionRoleArn,
      environment: { ...sm.environment, ...spec.environment },
      ...(sm.vpc ? { vpc: { subnets: [...sm.vpc.subnets].sort(), securityGroupIds: [...sm.vpc.securityGroupIds].sort() } } : {}),
    };
    const name = sageMakerModelName(model.name, spec.version, contentHash(content));
    models.push({ name, ...content });
    variants.push({
      variantName: variantName(sv.version, stage.variants.length),
      modelName: name,
      version: sv.version,
      ...(sm.serverless ? {} : { instanceType: sm.instanceType, instanceCount: sm.instanceCount }),
      weight: sv.weight,
      ...(sm.volumeSizeGB !== undefined ? { volumeSizeGB: sm.volumeSizeGB } : {}),
      ...(sm.modelDataDownloadTimeoutSeconds !== undefined ? { modelDataDownloadTimeoutSeconds: sm.modelDataDownloadTimeoutSeconds } : {}),
      ...(sm.containerStartupHealthCheckTimeoutSeconds !== undefined ? { containerStartupHealthCheckTimeoutSeconds: sm.containerStartupHealthCheckTimeoutSeconds } : {}),
      ...(sm.serverless ? { serverless: { ...sm.serverless } } : {}),
    });
  }
  if (problems.length) return { ok: false, problems };

  const outputKey = sm.kms?.outputKeyId;
  const dataCapture = sm.dataCapture?.enabled
    ? { samplingPercent: sm.dataCapture.samplingPercent, destination: sm.dataCapture.destination, ...(outputKey ? { kmsKeyId: outputKey } : {}) }
    : undefined;
  const a = sm.asyncInference;
  const asyncInference: AsyncInference | undefined = a
    ? {
        outputPath: a.outputPath,
        ...(a.failurePath ? { failurePath: a.failurePath } : {}),
        ...(a.successTopic ? { successTopic: a.successTopic } : {}),
        ...(a.errorTopic ? { errorTopic: a.errorTopic } : {}),
        ...(outputKey ? { kmsKeyId: outputKey } : {}),
        ...(a.maxConcurrentInvocationsPerInstance !== undefined ? { maxConcurrentInvocationsPerInstance: a.maxConcurrentInvocationsPerInstance } : {}),
      }
    : undefined;
  const kmsKeyId = sm.kms?.volumeKeyId;
  // Fields absent from the YAML stay absent from the hash, so configs named before these settings existed keep their names.
  const configContent = { variants: variants.map(({ version: _v, ...v }) => v), dataCapture, ...(kmsKeyId ? { kmsKeyId } : {}), ...(asyncInference ? { asyncInference } : {}) };
  const config = {
    name: endpointConfigName(sm.endpoint, contentHash(configContent)),
    variants,
    ...(dataCapture ? { dataCapture } : {}),
    ...(kmsKeyId ? { kmsKeyId } : {}),
    ...(asyncInference ? { asyncInference } : {}),
  };

  const policy = state.policies.find((p) => p.name === model.policy);
  const derived = deploymentAlarms(model, sm.endpoint, policy);
  for (const id of derived.skipped) notes.push(`${model.name}: policy check "${id}" has a threshold on a metric the model does not monitor; no alarm`);
  const alarmNames = [...derived.alarms.map((a) => a.name), ...sm.rollbackAlarms];
  if (alarmNames.length > 10) notes.push(`${model.name}: ${alarmNames.length} rollback alarms; SageMaker takes 10, the rest only alarm`);
  const deployment = deploymentConfig(sm.rollout, alarmNames);
  if (sm.serverless) notes.push(`${model.name}: ${sm.endpoint} is serverless; SageMaker's deployment guardrails (canary, linear, auto-rollback) do not apply to serverless endpoints, so updates shift all traffic at once`);

  const scaling: DesiredScaling[] = sm.autoscaling && !sm.serverless
    ? variants.map((v) => ({
        resourceId: variantResourceId(sm.endpoint, v.variantName),
        variantName: v.variantName,
        min: sm.autoscaling!.min,
        max: sm.autoscaling!.max,
        policyName: SCALING_POLICY_NAME,
        targetInvocationsPerInstance: sm.autoscaling!.targetInvocationsPerInstance,
        scaleInCooldown: sm.autoscaling!.scaleInCooldownSeconds,
        scaleOutCooldown: sm.autoscaling!.scaleOutCooldownSeconds,
      }))
    : [];

  return {
    ok: true,
    notes,
    desired: {
      model: model.name,
      stage: sm.stage,
      endpoint: sm.endpoint,
      models,
      config,
      deployment,
      waitTimeoutSeconds: deploymentWaitSeconds(deployment),
      alarms: derived.alarms,
      scaling,
      retain: sm.retain,
      // The model's own tags on every resource; steward's keys win (a rule rejects model tags that use them).
      tags: { ...model.tags, "steward:model": model.name, "steward:stage": sm.stage },
      ...(sm.serverless ? { serverless: true } : {}),
    },
  };
}

/**
 * One live SageMaker endpoint -> the model's deployment block, the stage it serves and the facts
 * of each served version (image, artifact, environment): the inverse of
 * src/core/plan/sagemaker-desired.ts. Only an endpoint in the shape apply makes can be imported
 * without a redeploy (content-hashed model names, `AllTraffic` or `v-<version>` variants,
 * `steward:*` tags, steward's scaling policy); anything else is listed, never guessed. Pure.
 */
import { SCALING_POLICY_NAME, variantResourceId } from "../plan/sagemaker-desired.js";
import type { DvcRemotes } from "../plan/sagemaker-model-data.js";
import { contentHash, sageMakerModelName, variantName } from "../plan/sagemaker-names.js";
import type { LiveEndpoint, LiveEndpointConfig, LiveScalableTarget, LiveScalingPolicy } from "../plan/sagemaker-types.js";
import type { DeploymentDraft } from "./import-types.js";
import { isModelName, isVersionLabel } from "./import-names.js";

/** What DescribeModel (and ListTags of the model) says about one SageMaker model. */
export interface LiveSageMakerModel {
  name: string;
  /** Containers of the model: import maps single-container models only. */
  containers: { image?: string; modelDataUrl?: string; environment: Record<string, string> }[];
  executionRoleArn?: string;
  vpc?: { subnets: string[]; securityGroupIds: string[] };
  tags: Record<string, string>;
}

/** DescribeEndpoint's LastDeploymentConfig: how the last update moved traffic (absent: never updated with one). */
export interface LastDeployment {
  /** ALL_AT_ONCE | CANARY | LINEAR; undefined for a rolling update (steward deploys blue/green only). */
  type?: string;
  waitSeconds?: number;
  /** CanarySize / LinearStepSize: CAPACITY_PERCENT or INSTANCE_COUNT, and the value. */
  size?: { type: string; value: number };
  terminationWaitSeconds?: number;
  alarms: string[];
}

/** Everything import reads about one endpoint. */
export interface LiveEndpointFacts {
  endpoint: LiveEndpoint;
  lastDeployment?: LastDeployment;
  tags: Record<string, string>;
  config?: LiveEndpointConfig;
  /** By model name; undefined when the model no longer exists. */
  models: Record<string, LiveSageMakerModel | undefined>;
  scalableTargets: LiveScalableTarget[];
  scalingPolicies: LiveScalingPolicy[];
}

export interface ServedVersion {
  version: string;
  weight: number;
  image: string;
  md5: string;
  /** The DVC remote's name when it is not the default remote. */
  remote?: string;
  /** The container environment this version adds to the deployment's. */
  environment: Record<string, string>;
}

export type EndpointMapping =
  | { ok: true; model: string; deployment: DeploymentDraft; served: ServedVersion[]; notes: string[]; placeholders: string[] }
  | { ok: false; endpoint: string; model?: string; reasons: string[] };

const DVC3 = /^(.*)\/files\/md5\/([0-9a-f]{2})\/([0-9a-f]{30})$/;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Maps one endpoint; `remotes` are the repository's DVC remotes (the model data must be in one). */
export function mapEndpoint(facts: LiveEndpointFacts, remotes: DvcRemotes): EndpointMapping {
  const ep = facts.endpoint;
  const fail = (...reasons: string[]): EndpointMapping => ({ ok: false, endpoint: ep.name, ...(facts.tags["steward:model"] ? { model: facts.tags["steward:model"] } : {}), reasons });
  const model = facts.tags["steward:model"];
  const stage = facts.tags["steward:stage"];
  if (!model || !stage) return fail("not made by model-steward (no steward:model and steward:stage tags): its models, variants and config are not named as apply names them, so a plan would redeploy it; deploy it once with steward apply instead");
  if (!isModelName(model) || !isModelName(stage)) return fail(`its steward:model "${model}" or steward:stage "${stage}" tag is not a name the schema accepts`);
  if (ep.status !== "InService") return fail(`it is ${ep.status}; import it once it is InService`);
  const cfg = facts.config;
  if (!cfg || cfg.variants.length === 0) return fail(`its endpoint config ${ep.configName ?? "(none)"} could not be read or has no variants`);

  const reasons: string[] = [];
  const served: (ServedVersion & { modelName: string; role?: string; vpc?: LiveSageMakerModel["vpc"]; fullEnv: Record<string, string> })[] = [];
  for (const v of cfg.variants) {
    const m = facts.models[v.modelName];
    if (!m) { reasons.push(`variant ${v.name}: model ${v.modelName} does not exist`); continue; }
    if (m.containers.length !== 1) { reasons.push(`model ${m.name} has ${m.containers.length} containers; steward deploys one`); continue; }
    const c = m.containers[0]!;
    const version = m.tags["steward:version"];
    if (!version || !isVersionLabel(version)) { reasons.push(`model ${m.name} has no steward:version tag naming the version it serves`); continue; }
    const data = DVC3.exec(c.modelDataUrl ?? "");
    if (!c.image || !data) { reasons.push(`model ${m.name}: ${!c.image ? "no image" : `model data ${c.modelDataUrl ?? "(none)"} is not a DVC 3 object (<remote>/files/md5/xx/...)`}`); continue; }
    const remoteUrl = data[1]!;
    const remoteName = Object.entries(remotes.remotes).find(([, url]) => url.replace(/\/+$/, "") === remoteUrl)?.[0];
    if (!remoteName) { reasons.push(`model ${m.name}: its model data is in ${remoteUrl}, which is no remote of .dvc/config (add it: dvc remote add -d storage ${remoteUrl})`); continue; }
    served.push({
      version, weight: 0, image: c.image, md5: `${data[2]}${data[3]}`, ...(remoteName !== remotes.defaultRemote ? { remote: remoteName } : {}),
      environment: {}, modelName: m.name, fullEnv: c.environment, ...(m.executionRoleArn ? { role: m.executionRoleArn } : {}), ...(m.vpc ? { vpc: m.vpc } : {}),
    });
  }
  if (reasons.length) return fail(...reasons);

  const first = served[0]!;
  if (!first.role || served.some((s) => s.role !== first.role)) return fail("its models do not share one execution role");
  const sortVpc = (v: LiveSageMakerModel["vpc"]) => (v ? { subnets: [...v.subnets].sort(), securityGroupIds: [...v.securityGroupIds].sort() } : undefined);
  if (served.some((s) => !same(sortVpc(s.vpc), sortVpc(first.vpc)))) return fail("its models do not share one VPC configuration");
  if (new Set(served.map((s) => s.version)).size !== served.length) return fail("two variants serve the same version");

  // Environment: what every version shares belongs to the deployment, the rest to each version.
  const common: Record<string, string> = Object.fromEntries(Object.entries(first.fullEnv).filter(([k, v]) => served.every((s) => s.fullEnv[k] === v)));
  for (const s of served) s.environment = Object.fromEntries(Object.entries(s.fullEnv).filter(([k]) => !(k in common)));

  // Variants: names as apply names them, one shape for all.
  const n = cfg.variants.length;
  const cv = cfg.variants;
  cv.forEach((v, i) => {
    const want = variantName(served[i]!.version, n);
    if (v.name !== want) reasons.push(`variant ${v.name} serves version ${served[i]!.version}; apply names it ${want}`);
  });
  const shape = (v: (typeof cv)[number]) => [v.instanceType, v.initialInstanceCount, v.volumeSizeGB, v.modelDataDownloadTimeoutSeconds, v.containerStartupHealthCheckTimeoutSeconds, v.serverless?.memoryMB];
  if (cv.some((v) => !same(shape(v), shape(cv[0]!)))) reasons.push("its variants differ in instance type, count, volume, timeouts or serverless memory; a model's deployment has one of each");

  // Weights: whole percent of the total (a single variant serves 100).
  const liveWeight = (name: string) => { const v = ep.variants.find((x) => x.name === name); return v?.desiredWeight ?? v?.currentWeight ?? cv.find((x) => x.name === name)?.initialWeight ?? 0; };
  const total = cv.reduce((s, v) => s + liveWeight(v.name), 0);
  cv.forEach((v, i) => {
    const pct = n === 1 ? 100 : total > 0 ? (liveWeight(v.name) / total) * 100 : 0;
    if (n > 1 && (Math.abs(pct - Math.round(pct)) > 1e-6 || Math.round(pct) < 1 || Math.round(pct) > 99)) reasons.push(`variant ${v.name} takes ${pct.toFixed(3)}% of the traffic; a split is in whole percent from 1 to 99`);
    served[i]!.weight = Math.round(pct);
  });

  // Autoscaling: steward's target-tracking policy on every variant, the same bounds, or none at all.
  const scaling = cv.map((v) => {
    const id = variantResourceId(ep.name, v.name);
    return { target: facts.scalableTargets.find((t) => t.resourceId === id), policies: facts.scalingPolicies.filter((p) => p.resourceId === id) };
  });
  let autoscaling: DeploymentDraft["autoscaling"];
  if (scaling.some((s) => s.target)) {
    const s0 = scaling[0]!;
    const p0 = s0.policies.find((p) => p.policyName === SCALING_POLICY_NAME);
    const fits = scaling.every((s) => {
      const p = s.policies.find((x) => x.policyName === SCALING_POLICY_NAME);
      return s.target && p && s.target.min === s0.target?.min && s.target.max === s0.target?.max && p.predefinedMetricType === "SageMakerVariantInvocationsPerInstance" && p.targetValue === p0?.targetValue && p.scaleInCooldown === p0?.scaleInCooldown && p.scaleOutCooldown === p0?.scaleOutCooldown;
    });
    if (!fits || !p0 || p0.targetValue === undefined) reasons.push(`its autoscaling is not steward's (a ${SCALING_POLICY_NAME} target-tracking policy on SageMakerVariantInvocationsPerInstance, the same on every variant)`);
    else autoscaling = { min: s0.target!.min, max: s0.target!.max, targetInvocationsPerInstance: p0.targetValue, ...(p0.scaleInCooldown !== undefined ? { scaleInCooldownSeconds: p0.scaleInCooldown } : {}), ...(p0.scaleOutCooldown !== undefined ? { scaleOutCooldownSeconds: p0.scaleOutCooldown } : {}) };
  }

  // Data capture and KMS: one output key for capture and async output.
  const capture = cfg.dataCapture?.enabled ? cfg.dataCapture : undefined;
  const outputKeys = [...new Set([capture?.kmsKeyId, cfg.asyncInference?.kmsKeyId].filter((k): k is string => !!k))];
  if (outputKeys.length > 1) reasons.push("data capture and async output use different KMS keys; a deployment has one output key");
  const rollout = rolloutOf(facts.lastDeployment);
  if (rollout.reason) reasons.push(rollout.reason);
  if (reasons.length) return fail(...reasons);

  const v0 = cv[0]!;
  const vpc = sortVpc(first.vpc);
  const deployment: DeploymentDraft = {
    endpoint: ep.name,
    stage,
    executionRoleArn: first.role,
    ...(v0.serverless ? {} : { instanceType: v0.instanceType, instanceCount: liveCount(ep, v0.name, v0.initialInstanceCount, !!autoscaling) }),
    ...(autoscaling ? { autoscaling } : {}),
    ...(capture ? { dataCapture: { enabled: true, samplingPercent: capture.samplingPercent, destination: capture.destination } } : {}),
    environment: common,
    ...(vpc ? { vpc } : {}),
    ...(cfg.kmsKeyId || outputKeys[0] ? { kms: { ...(cfg.kmsKeyId ? { volumeKeyId: cfg.kmsKeyId } : {}), ...(outputKeys[0] ? { outputKeyId: outputKeys[0] } : {}) } } : {}),
    ...(v0.volumeSizeGB !== undefined ? { volumeSizeGB: v0.volumeSizeGB } : {}),
    ...(v0.modelDataDownloadTimeoutSeconds !== undefined ? { modelDataDownloadTimeoutSeconds: v0.modelDataDownloadTimeoutSeconds } : {}),
    ...(v0.containerStartupHealthCheckTimeoutSeconds !== undefined ? { containerStartupHealthCheckTimeoutSeconds: v0.containerStartupHealthCheckTimeoutSeconds } : {}),
    ...(v0.serverless ? { serverless: serverlessOf(ep, v0.name, v0.serverless) } : {}),
    ...(cfg.asyncInference ? { asyncInference: asyncOf(cfg.asyncInference) } : {}),
    rollout: rollout.rollout ?? { strategy: "all-at-once" },
    ...(rollout.alarms?.length ? { rollbackAlarms: rollout.alarms } : {}),
  };

  // The names apply would give these models: equal only when the content is exactly what was deployed.
  for (const s of served) {
    const content = {
      model, version: s.version, image: s.image, modelDataUrl: DVC3.exec(facts.models[s.modelName]!.containers[0]!.modelDataUrl!)![0], executionRoleArn: first.role,
      environment: { ...common, ...s.environment }, ...(vpc ? { vpc } : {}),
    };
    const want = sageMakerModelName(model, s.version, contentHash(content));
    if (want !== s.modelName) reasons.push(`model ${s.modelName} is not named for what it serves (apply would name it ${want}): made outside steward or changed since, so a plan would create a new model and redeploy`);
  }
  if (reasons.length) return fail(...reasons);
  const placeholders = rollout.rollout ? [] : ["rollout (the endpoint was never updated with a deployment config, so SageMaker does not say how traffic moves)"];
  return { ok: true, model, deployment, served: served.map(({ version, weight, image, md5, remote, environment }) => ({ version, weight, image, md5, ...(remote ? { remote } : {}), environment })), notes: [], placeholders };
}

/**
 * The rollout of the last deployment (the inverse of sagemaker-deployment-config.ts): blue/green
 * ALL_AT_ONCE, CANARY or LINEAR in percent of capacity, whole minutes; its alarms roll back.
 */
function rolloutOf(last: LastDeployment | undefined): { rollout?: NonNullable<DeploymentDraft["rollout"]>; alarms?: string[]; reason?: string } {
  if (!last) return {};
  const minutes = (s: number | undefined) => (s === undefined ? 0 : s / 60);
  const wait = minutes(last.waitSeconds);
  const bake = minutes(last.terminationWaitSeconds);
  if (!Number.isInteger(wait) || !Number.isInteger(bake)) return { reason: `its last deployment waits ${last.waitSeconds ?? 0}s and bakes ${last.terminationWaitSeconds ?? 0}s; rollout is in whole minutes` };
  const times = { waitMinutes: wait, bakeMinutes: bake };
  const pct = last.size?.type === "CAPACITY_PERCENT" ? last.size.value : undefined;
  if (last.type === "ALL_AT_ONCE") return { rollout: { strategy: "all-at-once", ...times }, alarms: last.alarms };
  if (last.type === "CANARY" && pct !== undefined && Number.isInteger(pct) && pct >= 1 && pct <= 50) return { rollout: { strategy: "canary", canaryPercent: pct, ...times }, alarms: last.alarms };
  if (last.type === "LINEAR" && pct !== undefined && Number.isInteger(pct) && pct >= 10 && pct <= 50) return { rollout: { strategy: "linear", stepPercent: pct, ...times }, alarms: last.alarms };
  return { reason: `its last deployment shifted traffic ${last.type ? `${last.type}${last.size ? ` by ${last.size.value} ${last.size.type}` : ""}` : "as a rolling update"}, which no rollout strategy of model.yaml expresses` };
}

/** The instance count: the endpoint's own (what SageMaker runs) unless autoscaling owns it, then the config's. */
function liveCount(ep: LiveEndpoint, variant: string, initial: number | undefined, scaled: boolean): number | undefined {
  if (scaled) return initial;
  const v = ep.variants.find((x) => x.name === variant);
  return v?.desiredInstanceCount ?? v?.currentInstanceCount ?? initial;
}

function serverlessOf(ep: LiveEndpoint, variant: string, cfg: { memoryMB: number; maxConcurrency: number; provisionedConcurrency?: number }): NonNullable<DeploymentDraft["serverless"]> {
  const v = ep.variants.find((x) => x.name === variant);
  const live = v?.desiredServerless ?? v?.currentServerless;
  const max = live?.maxConcurrency ?? cfg.maxConcurrency;
  const provisioned = live ? live.provisionedConcurrency : cfg.provisionedConcurrency;
  return { memoryMB: cfg.memoryMB, maxConcurrency: max, ...(provisioned !== undefined ? { provisionedConcurrency: provisioned } : {}) };
}

function asyncOf(a: NonNullable<LiveEndpointConfig["asyncInference"]>): NonNullable<DeploymentDraft["asyncInference"]> {
  return {
    outputPath: a.outputPath,
    ...(a.failurePath ? { failurePath: a.failurePath } : {}),
    ...(a.successTopic ? { successTopic: a.successTopic } : {}),
    ...(a.errorTopic ? { errorTopic: a.errorTopic } : {}),
    ...(a.maxConcurrentInvocationsPerInstance !== undefined ? { maxConcurrentInvocationsPerInstance: a.maxConcurrentInvocationsPerInstance } : {}),
  };
}

/**
 * The endpoint step of a SageMaker plan: create, update (blue/green with guardrails), change only
 * weights and capacities, wait for a deployment already running, or refuse a broken endpoint.
 */
import type { PlanStep } from "./types.js";
import type { AsyncInference, DesiredEndpoint, EndpointStatus, LiveSageMakerState, WeightAndCapacity } from "./sagemaker-types.js";

/** Statuses in which SageMaker is already changing the endpoint: apply waits, it never stacks an update. */
export const IN_PROGRESS: ReadonlySet<EndpointStatus> = new Set(["Creating", "Updating", "SystemUpdating", "RollingBack"]);
/** Statuses apply cannot fix by itself. */
export const BLOCKED: ReadonlySet<EndpointStatus> = new Set(["UpdateRollbackFailed", "Deleting", "OutOfService"]);

const trimSlash = (s: string | undefined) => s?.replace(/\/+$/, "");

/**
 * What SageMaker fixes when an endpoint config is created, per variant: everything but weights,
 * instance counts and serverless concurrency (UpdateEndpointWeightsAndCapacities changes those).
 */
const variantStructure = (v: { name: string; modelName: string; instanceType?: string; volumeSizeGB?: number; modelDataDownloadTimeoutSeconds?: number; containerStartupHealthCheckTimeoutSeconds?: number; serverless?: { memoryMB: number } }) =>
  [v.name, v.modelName, v.instanceType ?? null, v.volumeSizeGB ?? null, v.modelDataDownloadTimeoutSeconds ?? null, v.containerStartupHealthCheckTimeoutSeconds ?? null, v.serverless ? v.serverless.memoryMB : null];

/** Data capture as AWS means it: off unless enabled. */
const captureStructure = (c: { samplingPercent: number; destination: string; kmsKeyId?: string } | undefined) =>
  c ? [c.samplingPercent, trimSlash(c.destination), c.kmsKeyId ?? null] : null;

const asyncStructure = (a: AsyncInference | undefined) =>
  a ? [trimSlash(a.outputPath), trimSlash(a.failurePath) ?? null, a.successTopic ?? null, a.errorTopic ?? null, a.kmsKeyId ?? null, a.maxConcurrentInvocationsPerInstance ?? null] : null;

const liveCapture = (live: LiveSageMakerState) => (live.currentConfig?.dataCapture?.enabled ? live.currentConfig.dataCapture : undefined);

/** Same variants (names, models, instance types, volumes, timeouts, serverless memory), data capture, KMS key and async config: only weights or capacities may differ. */
export function sameStructure(desired: DesiredEndpoint, live: LiveSageMakerState): boolean {
  const cfg = live.currentConfig;
  if (!cfg) return false;
  const d = JSON.stringify({
    v: desired.config.variants.map((v) => variantStructure({ ...v, name: v.variantName })).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    c: captureStructure(desired.config.dataCapture),
    k: desired.config.kmsKeyId ?? null,
    a: asyncStructure(desired.config.asyncInference),
  });
  const l = JSON.stringify({
    v: cfg.variants.map(variantStructure).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    c: captureStructure(liveCapture(live)),
    k: cfg.kmsKeyId ?? null,
    a: asyncStructure(cfg.asyncInference),
  });
  return d === l;
}

function sameCapture(desired: DesiredEndpoint, live: LiveSageMakerState): boolean {
  return JSON.stringify(captureStructure(desired.config.dataCapture)) === JSON.stringify(captureStructure(liveCapture(live)));
}

const share = (w: number, total: number) => (total > 0 ? w / total : 0);

/** Variants whose weight share or (without autoscaling) instance count differ from live. */
export function weightAndCapacityChanges(desired: DesiredEndpoint, live: LiveSageMakerState): WeightAndCapacity[] {
  const lv = live.endpoint?.variants ?? [];
  const liveWeight = (name: string) => { const v = lv.find((x) => x.name === name); return v?.desiredWeight ?? v?.currentWeight ?? 0; };
  const liveTotal = lv.reduce((s, v) => s + (v.desiredWeight ?? v.currentWeight ?? 0), 0);
  const desiredTotal = desired.config.variants.reduce((s, v) => s + v.weight, 0);
  const scaled = desired.scaling.length > 0;
  const changes: WeightAndCapacity[] = [];
  for (const v of desired.config.variants) {
    const l = lv.find((x) => x.name === v.variantName);
    const weightDiffers = Math.abs(share(v.weight, desiredTotal) - share(liveWeight(v.variantName), liveTotal)) > 1e-6;
    const liveCount = l?.desiredInstanceCount ?? l?.currentInstanceCount;
    const countDiffers = !scaled && v.instanceCount !== undefined && liveCount !== v.instanceCount;
    // Serverless concurrency changes in place (ServerlessUpdateConfig); memory needs a new config.
    const liveServerless = l?.desiredServerless ?? l?.currentServerless;
    const serverlessDiffers = !!v.serverless && (liveServerless?.maxConcurrency !== v.serverless.maxConcurrency || liveServerless?.provisionedConcurrency !== v.serverless.provisionedConcurrency);
    if (weightDiffers || countDiffers || serverlessDiffers) {
      changes.push({
        VariantName: v.variantName,
        ...(weightDiffers ? { DesiredWeight: v.weight } : {}),
        ...(countDiffers ? { DesiredInstanceCount: v.instanceCount } : {}),
        ...(serverlessDiffers && v.serverless ? { ServerlessUpdateConfig: { MaxConcurrency: v.serverless.maxConcurrency, ...(v.serverless.provisionedConcurrency !== undefined ? { ProvisionedConcurrency: v.serverless.provisionedConcurrency } : {}) } } : {}),
      });
    }
  }
  // A weighted update must name every variant, or SageMaker keeps the old weight of the unnamed ones.
  if (changes.some((c) => c.DesiredWeight !== undefined)) {
    for (const v of desired.config.variants) {
      const c = changes.find((x) => x.VariantName === v.variantName);
      if (c) c.DesiredWeight = v.weight;
      else changes.push({ VariantName: v.variantName, DesiredWeight: v.weight });
    }
  }
  return changes;
}

/**
 * A rollback returns to a config made before the one in service (a retained config). Re-applying a
 * newer config that failed earlier is not a rollback, so creation times decide, not mere existence.
 */
export function isRollback(desiredConfig: string, servingConfig: string | undefined, live: LiveSageMakerState): boolean {
  if (!live.desiredConfigExists || !servingConfig) return false;
  const created = (name: string) => live.ownedConfigs.find((c) => c.name === name)?.createdAt?.getTime();
  const d = created(desiredConfig);
  const s = created(servingConfig);
  return d !== undefined && s !== undefined && d < s;
}

/** The fields every endpoint step carries, for the executor and the deployment events. */
function common(desired: DesiredEndpoint) {
  return {
    endpoint: desired.endpoint,
    model: desired.model,
    stage: desired.stage,
    versions: desired.config.variants.map((v) => ({ version: v.version, weight: v.weight, variant: v.variantName, modelName: v.modelName })),
    configName: desired.config.name,
    waitTimeoutSeconds: desired.waitTimeoutSeconds,
    tags: desired.tags,
  };
}

export interface EndpointStepResult {
  steps: PlanStep[];
  notes: string[];
  /** Variants whose scalable target must go before the update (instance type changes, variant removed). */
  deregisterFirst: string[];
}

/** The endpoint steps bringing `live` to `desired` (none when they already match). */
export function endpointSteps(desired: DesiredEndpoint, live: LiveSageMakerState): EndpointStepResult {
  const ep = live.endpoint;
  const resource = `endpoint/${desired.endpoint}`;
  const versionsText = desired.config.variants.map((v) => (desired.config.variants.length > 1 ? `v${v.version} (${v.weight}%)` : `v${v.version}`)).join(", ");
  const notes: string[] = [];
  if (!ep) {
    return {
      notes,
      deregisterFirst: [],
      steps: [{ target: "sagemaker", action: "create-endpoint", resource, summary: `create endpoint ${desired.endpoint} serving ${versionsText}`, changes: [{ field: "endpointConfig", to: desired.config.name }], params: { ...common(desired), rollback: false } }],
    };
  }
  if (BLOCKED.has(ep.status)) {
    return {
      notes,
      deregisterFirst: [],
      steps: [{ target: "sagemaker", action: "blocked-endpoint", resource, summary: `endpoint ${desired.endpoint} is ${ep.status}${ep.failureReason ? `: ${ep.failureReason}` : ""}; it needs a person before apply can change it`, params: { ...common(desired), status: ep.status, failureReason: ep.failureReason } }],
    };
  }
  if (ep.status === "Failed") {
    return {
      notes,
      deregisterFirst: [],
      steps: [{ target: "sagemaker", action: "recreate-endpoint", resource, summary: `endpoint ${desired.endpoint} is Failed (${ep.failureReason ?? "no reason given"}); delete it and create it again serving ${versionsText}`, changes: [{ field: "endpointConfig", from: ep.configName, to: desired.config.name }], params: { ...common(desired), rollback: false, failureReason: ep.failureReason } }],
    };
  }
  if (IN_PROGRESS.has(ep.status)) {
    notes.push(`endpoint ${desired.endpoint} is ${ep.status}; apply waits for it (at most ${Math.round(desired.waitTimeoutSeconds / 60)} min) and never starts a second update`);
    if (ep.pendingConfigName === desired.config.name || (ep.status === "Creating" && ep.configName === desired.config.name)) {
      return { notes, deregisterFirst: [], steps: [{ target: "sagemaker", action: "wait-endpoint", resource, summary: `wait for the deployment of ${desired.config.name} already under way on ${desired.endpoint}`, params: { ...common(desired), rollback: false } }] };
    }
  }
  if (ep.configName === desired.config.name || sameStructure(desired, live)) {
    const changes = weightAndCapacityChanges(desired, live);
    if (!changes.length) return { notes, deregisterFirst: [], steps: [] };
    return {
      notes,
      deregisterFirst: [],
      steps: [{
        target: "sagemaker",
        action: "update-endpoint-weights-and-capacities",
        resource,
        summary: `change weights/capacity of ${desired.endpoint} to ${changes.map((c) => `${c.VariantName}${c.DesiredWeight !== undefined ? ` weight ${c.DesiredWeight}` : ""}${c.DesiredInstanceCount !== undefined ? ` ${c.DesiredInstanceCount} instance(s)` : ""}${c.ServerlessUpdateConfig ? ` max concurrency ${c.ServerlessUpdateConfig.MaxConcurrency}${c.ServerlessUpdateConfig.ProvisionedConcurrency !== undefined ? `, provisioned ${c.ServerlessUpdateConfig.ProvisionedConcurrency}` : ""}` : ""}`).join(", ")} (no redeploy)`,
        changes: changes.map((c) => {
          const l = ep.variants.find((v) => v.name === c.VariantName);
          const ls = l?.desiredServerless ?? l?.currentServerless;
          return c.ServerlessUpdateConfig
            ? { field: `variant ${c.VariantName}`, from: { weight: l?.desiredWeight ?? l?.currentWeight, maxConcurrency: ls?.maxConcurrency, provisionedConcurrency: ls?.provisionedConcurrency }, to: { weight: c.DesiredWeight, maxConcurrency: c.ServerlessUpdateConfig.MaxConcurrency, provisionedConcurrency: c.ServerlessUpdateConfig.ProvisionedConcurrency } }
            : { field: `variant ${c.VariantName}`, from: { weight: l?.desiredWeight ?? l?.currentWeight, instances: l?.desiredInstanceCount ?? l?.currentInstanceCount }, to: { weight: c.DesiredWeight, instances: c.DesiredInstanceCount } };
        }),
        params: { ...common(desired), rollback: false, desiredWeightsAndCapacities: changes },
      }],
    };
  }
  const liveNames = (live.currentConfig?.variants ?? ep.variants).map((v) => v.name).sort();
  const desiredNames = desired.config.variants.map((v) => v.variantName).sort();
  const sameNames = JSON.stringify(liveNames) === JSON.stringify(desiredNames);
  const guarded = sameNames && !desired.serverless;
  if (!sameNames) notes.push(`endpoint ${desired.endpoint}: the variant set changes (${liveNames.join(", ")} -> ${desiredNames.join(", ")}); SageMaker's traffic-shifting guardrails need the same variant names, so this update shifts all traffic at once without auto-rollback`);
  const rollback = isRollback(desired.config.name, ep.configName, live);
  // With autoscaling, the scaler owns instance counts: keep the live counts through the update
  // (blue/green sizes the new fleet like the old) and take only the weights from the new config.
  // Only when nothing else that SageMaker might retain changes (instance types, data capture).
  const retainInstanceCounts = guarded && desired.scaling.length > 0 && sameCapture(desired, live) &&
    desired.config.variants.every((v) => live.currentConfig?.variants.find((l) => l.name === v.variantName)?.instanceType === v.instanceType);
  const deregisterFirst = (live.currentConfig?.variants ?? [])
    .filter((lv) => {
      const dv = desired.config.variants.find((v) => v.variantName === lv.name);
      return !dv || (lv.instanceType !== undefined && dv.instanceType !== lv.instanceType);
    })
    .map((lv) => lv.name);
  return {
    notes,
    deregisterFirst,
    steps: [{
      target: "sagemaker",
      action: "update-endpoint",
      resource,
      summary: `${rollback ? "roll back" : "deploy"} ${desired.endpoint} to ${versionsText} with ${guarded ? desired.deployment.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.Type.toLowerCase().replace(/_/g, "-") : "all-at-once"} traffic shifting${rollback ? ` (re-uses retained config ${desired.config.name})` : ""}`,
      changes: [{ field: "endpointConfig", from: ep.configName, to: desired.config.name }],
      params: { ...common(desired), rollback, previousConfigName: ep.configName, ...(guarded ? { deploymentConfig: desired.deployment } : {}), ...(retainInstanceCounts ? { retainInstanceCounts } : {}) },
    }],
  };
}

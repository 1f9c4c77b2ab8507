/**
 * Reads everything the SageMaker diff compares, for one desired endpoint, through the ports.
 * Calls are mostly sequential: SageMaker's control plane throttles bursts.
 */
import type { SageMakerAws } from "../../ports.js";
import { isOwnedConfigName, isOwnedModelName } from "../../core/plan/sagemaker-retention.js";
import { sanitizeName } from "../../core/plan/sagemaker-names.js";
import { variantResourceId } from "../../core/plan/sagemaker-desired.js";
import { alarmPrefix, isDerivedAlarm } from "../../core/plan/sagemaker-alarms.js";
import type { DesiredEndpoint, LiveSageMakerState } from "../../core/plan/sagemaker-types.js";

/** The live state of `desired`'s endpoint, its configs, models, alarms and autoscaling. */
export async function readLiveSageMakerState(aws: SageMakerAws, desired: DesiredEndpoint): Promise<LiveSageMakerState> {
  const endpoint = await aws.sagemaker.describeEndpoint(desired.endpoint);
  const currentConfig = endpoint?.configName ? await aws.sagemaker.describeEndpointConfig(endpoint.configName) : undefined;
  const existingModels: string[] = [];
  for (const m of desired.models) if (await aws.sagemaker.modelExists(m.name)) existingModels.push(m.name);
  const desiredConfigExists = currentConfig?.name === desired.config.name || (await aws.sagemaker.describeEndpointConfig(desired.config.name)) !== undefined;
  // One listing by the endpoint's prefix: the alarms the policy derives, and those of series no check watches any more.
  const wanted = new Set(desired.alarms.map((a) => a.name));
  const listed = await aws.alarms.listAlarms(alarmPrefix(desired.endpoint));
  const alarms = listed.filter((a) => wanted.has(a.name));
  const strayAlarms = [];
  for (const a of listed) {
    if (wanted.has(a.name)) continue;
    // tags are read only where they decide something: an alarm apply wrote for this endpoint
    const tags = a.arn && isDerivedAlarm(a, desired.model, desired.endpoint) ? await aws.alarms.alarmTags(a.arn) : {};
    strayAlarms.push({ ...a, tags });
  }
  const resourceIds = [...new Set([
    ...desired.scaling.map((s) => s.resourceId),
    ...(endpoint?.variants ?? []).map((v) => variantResourceId(desired.endpoint, v.name)),
  ])];
  const { targets, policies } = resourceIds.length ? await aws.scaling.describe(resourceIds) : { targets: [], policies: [] };
  const ownedConfigs = (await aws.sagemaker.listEndpointConfigs(sanitizeName(desired.endpoint))).filter((c) => isOwnedConfigName(desired.endpoint, c.name));
  const ownedModels = (await aws.sagemaker.listModels(`${sanitizeName(desired.model)}-v`)).filter((m) => isOwnedModelName(desired.model, m.name));
  const endpointTags = endpoint?.arn ? await aws.sagemaker.listTags(endpoint.arn) : undefined;
  return {
    ...(endpoint ? { endpoint } : {}),
    ...(currentConfig ? { currentConfig } : {}),
    existingModels,
    desiredConfigExists,
    alarms,
    scalableTargets: targets,
    scalingPolicies: policies,
    ownedConfigs,
    ownedModels,
    ...(endpointTags ? { endpointTags } : {}),
    strayAlarms,
  };
}

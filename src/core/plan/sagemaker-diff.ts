/**
 * Desired vs live for one SageMaker endpoint -> ordered plan steps and notes. Pure.
 *
 * Order: alarms (a deployment's rollback config names them), models, endpoint config, scalable
 * targets that block the update, the endpoint, then autoscaling. Apply runs the steps in this
 * order, so a re-run after a failure part-way starts where the last run stopped.
 */
import type { PlanStep } from "./types.js";
import { endpointSteps } from "./sagemaker-endpoint-steps.js";
import { retention } from "./sagemaker-retention.js";
import { isOwnedAlarm } from "./sagemaker-alarms.js";
import type { DesiredAlarm, DesiredEndpoint, LiveAlarm, LiveSageMakerState } from "./sagemaker-types.js";

const sortedList = (l: string[]) => JSON.stringify([...l].sort());
const sortedDims = (d: Record<string, string>) => JSON.stringify(Object.entries(d).sort(([a], [b]) => a.localeCompare(b)));

/** Fields of the live alarm that differ from the desired one (all of them when it is missing). */
export function alarmDifferences(desired: DesiredAlarm, live: LiveAlarm | undefined): string[] {
  if (!live) return ["(new)"];
  const diffs: string[] = [];
  const pairs: [string, unknown, unknown][] = [
    ["namespace", desired.namespace, live.namespace],
    ["metric", desired.metric, live.metric],
    ["dimensions", sortedDims(desired.dimensions), sortedDims(live.dimensions)],
    ["statistic", desired.statistic, live.statistic],
    ["extendedStatistic", desired.extendedStatistic, live.extendedStatistic],
    ["period", desired.period, live.period],
    ["evaluationPeriods", desired.evaluationPeriods, live.evaluationPeriods],
    ["datapointsToAlarm", desired.datapointsToAlarm, live.datapointsToAlarm],
    ["threshold", desired.threshold, live.threshold],
    ["comparison", desired.comparison, live.comparison],
    ["treatMissingData", desired.treatMissingData, live.treatMissingData],
    ["description", desired.description, live.description],
    ["alarmActions", sortedList(desired.alarmActions), sortedList(live.alarmActions)],
    ["okActions", sortedList(desired.okActions), sortedList(live.okActions)],
    ["insufficientDataActions", sortedList(desired.insufficientDataActions), sortedList(live.insufficientDataActions)],
  ];
  for (const [field, d, l] of pairs) if (d !== l) diffs.push(field);
  return diffs;
}

/**
 * Tags change in place (AddTags on the endpoint; no new config, no redeploy). Only added or changed
 * keys are written: a key that left the YAML may belong to someone else, so it is named, not removed.
 * New models and configs carry the tags from their creation.
 */
export function endpointTagStep(desired: DesiredEndpoint, live: LiveSageMakerState): { step?: PlanStep; notes: string[] } {
  const liveTags = live.endpointTags;
  if (!live.endpoint || !liveTags || !live.endpoint.arn) return { notes: [] };
  const changes = Object.entries(desired.tags)
    .filter(([k, v]) => liveTags[k] !== v)
    .map(([k, v]) => (liveTags[k] === undefined ? { field: `tag ${k}`, to: v } : { field: `tag ${k}`, from: liveTags[k], to: v }));
  const gone = Object.keys(liveTags).filter((k) => !(k in desired.tags) && !k.startsWith("aws:"));
  const notes = gone.length ? [`${desired.endpoint}: tag(s) ${gone.join(", ")} on the endpoint are not in model.yaml; apply leaves them (it never removes a tag it may not own)`] : [];
  if (!changes.length) return { notes };
  const tags = Object.fromEntries(changes.map((c) => [c.field.slice(4), c.to]));
  return {
    notes,
    step: { target: "sagemaker", action: "tag-endpoint", resource: `endpoint/${desired.endpoint}`, summary: `tag endpoint ${desired.endpoint}: ${changes.map((c) => `${c.field.slice(4)}=${c.to}`).join(", ")} (in place)`, params: { endpoint: desired.endpoint, arn: live.endpoint.arn, tags }, changes },
  };
}

/**
 * Alarms under the endpoint's prefix that no check derives any more (the endpoint-wide alarm of an
 * endpoint that became a split, the alarms of a variant that left it): deleted when this repository
 * made them for this model, named and left alone otherwise. They go last, after the deployment
 * that stops naming them as rollback alarms.
 */
export function strayAlarmSteps(desired: DesiredEndpoint, live: LiveSageMakerState): { steps: PlanStep[]; notes: string[] } {
  const steps: PlanStep[] = [];
  const notes: string[] = [];
  for (const a of [...(live.strayAlarms ?? [])].sort((x, y) => x.name.localeCompare(y.name))) {
    const series = Object.entries(a.dimensions).map(([k, v]) => `${k}=${v}`).join(", ");
    if (isOwnedAlarm(a, desired.model, desired.endpoint)) {
      steps.push({ target: "sagemaker", action: "delete-metric-alarm", resource: `alarm/${a.name}`, summary: `delete alarm ${a.name}: no check of ${desired.model} watches ${a.metric} (${series}) any more`, params: { name: a.name } });
      continue;
    }
    // another endpoint whose name starts with this one's (its alarms share the prefix) is not ours to mention
    const other = /rolls back deployments of (\S+)$/.exec(a.description ?? "")?.[1];
    if (other !== undefined && other !== desired.endpoint) continue;
    notes.push(`${desired.endpoint}: alarm ${a.name} (${a.metric}, ${series}) is not one apply made for ${desired.model} (no steward:model=${desired.model} tag or another description); left as it is`);
  }
  return { steps, notes };
}

export interface SageMakerEndpointPlan {
  steps: PlanStep[];
  notes: string[];
}

/** Everything that must change so that `live` matches `desired`; no steps when it already does. */
export function diffSageMaker(desired: DesiredEndpoint, live: LiveSageMakerState): SageMakerEndpointPlan {
  const steps: PlanStep[] = [];
  const notes: string[] = [];
  const s = (action: string, resource: string, summary: string, params: Record<string, unknown>, changes?: PlanStep["changes"]): PlanStep => ({ target: "sagemaker", action, resource, summary, params, ...(changes ? { changes } : {}) });

  for (const alarm of desired.alarms) {
    const diffs = alarmDifferences(alarm, live.alarms.find((a) => a.name === alarm.name));
    if (diffs.length) steps.push(s("put-metric-alarm", `alarm/${alarm.name}`, `${diffs[0] === "(new)" ? "create" : "update"} alarm ${alarm.name}: ${alarm.metric} ${alarm.comparison === "LessThanThreshold" ? "<" : ">"} ${alarm.threshold} for ${alarm.evaluationPeriods} x ${alarm.period}s`, { alarm, tags: desired.tags }, diffs[0] === "(new)" ? undefined : diffs.map((field) => ({ field }))));
  }

  const ep = endpointSteps(desired, live);
  const deploys = ep.steps.some((x) => x.action === "create-endpoint" || x.action === "update-endpoint" || x.action === "recreate-endpoint");
  if (deploys) {
    for (const m of desired.models) {
      if (!live.existingModels.includes(m.name)) steps.push(s("create-model", `model/${m.name}`, `create model ${m.name} (${m.model} v${m.version}, ${m.image})`, { model: m, tags: { ...desired.tags, "steward:version": m.version } }));
    }
    if (!live.desiredConfigExists) steps.push(s("create-endpoint-config", `endpoint-config/${desired.config.name}`, `create endpoint config ${desired.config.name} (${desired.config.variants.map((v) => `${v.variantName}: ${v.modelName} x${v.instanceCount} ${v.instanceType} weight ${v.weight}`).join("; ")})`, { config: desired.config, tags: desired.tags }));
  }

  const deregistered = new Set<string>();
  for (const variant of ep.deregisterFirst) {
    const target = live.scalableTargets.find((t) => t.resourceId === `endpoint/${desired.endpoint}/variant/${variant}`);
    if (!target) continue;
    deregistered.add(target.resourceId);
    steps.push(s("deregister-scalable-target", `scalable-target/${target.resourceId}`, `stop autoscaling ${target.resourceId} before the update (SageMaker refuses to change a scaled variant's instance type or remove it)`, { resourceId: target.resourceId }));
  }
  steps.push(...ep.steps);
  notes.push(...ep.notes);
  const tagging = endpointTagStep(desired, live);
  if (tagging.step) steps.push(tagging.step);
  notes.push(...tagging.notes);

  const blocked = ep.steps.some((x) => x.action === "blocked-endpoint");
  if (!blocked) {
    for (const sc of desired.scaling) {
      const t = live.scalableTargets.find((x) => x.resourceId === sc.resourceId);
      const p = live.scalingPolicies.find((x) => x.resourceId === sc.resourceId && x.policyName === sc.policyName);
      const fresh = !t || deregistered.has(sc.resourceId);
      if (fresh || t.min !== sc.min || t.max !== sc.max) {
        steps.push(s("register-scalable-target", `scalable-target/${sc.resourceId}`, `autoscale ${sc.resourceId} between ${sc.min} and ${sc.max} instances`, { scaling: sc }, t && !fresh ? [{ field: "min", from: t.min, to: sc.min }, { field: "max", from: t.max, to: sc.max }] : undefined));
      }
      const policyDiffers = !p || p.targetValue !== sc.targetInvocationsPerInstance || p.predefinedMetricType !== "SageMakerVariantInvocationsPerInstance" || p.scaleInCooldown !== sc.scaleInCooldown || p.scaleOutCooldown !== sc.scaleOutCooldown;
      if (fresh || policyDiffers) {
        steps.push(s("put-scaling-policy", `scaling-policy/${sc.resourceId}/${sc.policyName}`, `target ${sc.targetInvocationsPerInstance} invocations per instance on ${sc.resourceId}`, { scaling: sc }));
      }
    }
    for (const t of live.scalableTargets) {
      if (deregistered.has(t.resourceId) || desired.scaling.some((sc) => sc.resourceId === t.resourceId)) continue;
      if (!t.resourceId.startsWith(`endpoint/${desired.endpoint}/variant/`)) continue;
      steps.push(s("deregister-scalable-target", `scalable-target/${t.resourceId}`, `stop autoscaling ${t.resourceId} (no longer in the model's deployment)`, { resourceId: t.resourceId }));
    }
  }

  const protectedConfigs = [live.endpoint?.configName, live.endpoint?.pendingConfigName, desired.config.name].filter((x): x is string => !!x);
  const configs = retention(live.ownedConfigs, protectedConfigs, desired.retain);
  const serving = live.endpoint?.configName;
  if (serving && serving !== desired.config.name) notes.push(`${desired.endpoint}: endpoint config ${serving} (serving now) is kept for rollback`);
  else if (configs.kept[0]) notes.push(`${desired.endpoint}: previous endpoint config kept for rollback: ${configs.kept[0]}`);
  for (const name of configs.candidates) notes.push(`${desired.endpoint}: clean-up candidate (beyond retain=${desired.retain}, not deleted): endpoint-config/${name}`);
  const protectedModels = [...desired.models.map((m) => m.name), ...(live.currentConfig?.variants.map((v) => v.modelName) ?? [])];
  const models = retention(live.ownedModels, protectedModels, desired.retain);
  for (const name of models.candidates) notes.push(`${desired.model}: clean-up candidate (beyond retain=${desired.retain}, not deleted): model/${name}`);

  const strays = strayAlarmSteps(desired, live);
  steps.push(...strays.steps);
  notes.push(...strays.notes);

  // Every step names its endpoint, so a failure anywhere can be reported against the deployment it belongs to.
  return { steps: steps.map((st) => (st.params.endpoint === undefined ? { ...st, params: { ...st.params, endpoint: desired.endpoint } } : st)), notes };
}

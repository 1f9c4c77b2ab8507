/**
 * CloudWatch alarms that guard a deployment, derived from the policy's monitoring thresholds.
 * One alarm per bound (min and max) of each check whose metric the model monitors; checks of
 * severity "info" never roll back.
 */
import type { ModelSpec, PolicySpec, RepoState } from "../types.js";
import { sanitizeName, variantName } from "./sagemaker-names.js";
import { publishedPerVariant, servedVariants } from "../monitor/build-queries.js";
import type { DesiredAlarm } from "./sagemaker-types.js";

const STATISTICS = new Set(["Average", "Sum", "Minimum", "Maximum", "SampleCount"]);

/** CloudWatch accepts periods of 10, 30 or a multiple of 60 seconds; round anything else up to a minute. */
export function alarmPeriod(seconds: number): number {
  if (seconds === 10 || seconds === 30) return seconds;
  return Math.max(60, Math.ceil(seconds / 60) * 60);
}

/** `steward-<endpoint>-<check>-<min|max>`, the names rollback configs refer to. */
export function alarmName(endpoint: string, checkId: string, bound: "min" | "max"): string {
  return `steward-${endpoint}-${sanitizeName(checkId)}-${bound}`;
}

export interface AlarmDerivation {
  alarms: DesiredAlarm[];
  /** Checks with a threshold on a metric the model does not monitor. */
  skipped: string[];
}

/** The alarms for `model` on `endpoint` from `policy` (none when the policy is unknown). */
export function deploymentAlarms(model: ModelSpec, endpoint: string, policy: PolicySpec | undefined): AlarmDerivation {
  const alarms: DesiredAlarm[] = [];
  const skipped: string[] = [];
  for (const check of policy?.monitoring.checks ?? []) {
    if (check.severity === "info") continue;
    const { min, max } = check.threshold;
    if (min === undefined && max === undefined) continue;
    const query = model.monitoring?.metrics[check.metric];
    if (!query) {
      skipped.push(check.id);
      continue;
    }
    const period = alarmPeriod(query.period ?? model.monitoring?.period ?? 300);
    const stat = STATISTICS.has(query.stat) ? { statistic: query.stat } : { extendedStatistic: query.stat };
    const bounds: ["min" | "max", number | undefined][] = [["min", min], ["max", max]];
    for (const [bound, threshold] of bounds) {
      if (threshold === undefined) continue;
      alarms.push({
        name: alarmName(endpoint, check.id, bound),
        description: `model-steward: ${model.name} ${check.metric} ${bound === "min" ? "below" : "above"} ${threshold} (policy ${policy?.name}, check ${check.id}); rolls back deployments of ${endpoint}`,
        namespace: query.namespace,
        metric: query.metric,
        dimensions: alarmDimensions(model, query),
        ...stat,
        period,
        evaluationPeriods: Math.max(1, check.sustained),
        datapointsToAlarm: Math.max(1, check.sustained),
        threshold,
        comparison: bound === "min" ? "LessThanThreshold" : "GreaterThanThreshold",
        treatMissingData: "notBreaching",
        alarmActions: [...(policy?.alarms?.actions.alarm ?? [])],
        okActions: [...(policy?.alarms?.actions.ok ?? [])],
        insufficientDataActions: [...(policy?.alarms?.actions.insufficientData ?? [])],
      });
    }
  }
  return { alarms, skipped };
}

/**
 * The models an alarm belongs to: those whose deployment alarms (derived as apply derives them) or
 * `rollbackAlarms` include `alarm`. How an alarm's state change (EventBridge -> repository_dispatch)
 * finds the model to monitor; [] for an alarm steward does not know.
 */
export function modelsForAlarm(state: Pick<RepoState, "models" | "policies">, alarm: string): string[] {
  return state.models
    .filter((m) => {
      const sm = m.deployment?.sagemaker;
      if (!sm) return false;
      if (sm.rollbackAlarms.includes(alarm)) return true;
      const policy = state.policies.find((p) => p.name === m.policy);
      return deploymentAlarms(m, sm.endpoint, policy).alarms.some((a) => a.name === alarm);
    })
    .map((m) => m.name);
}

/** An endpoint served by one version publishes under its one variant (AllTraffic): filled in when model.yaml leaves VariantName out, as the monitor does. */
function alarmDimensions(model: ModelSpec, query: { namespace: string; dimensions: Record<string, string> }): Record<string, string> {
  const variants = servedVariants(model);
  if (variants.length !== 1 || !publishedPerVariant(query) || query.dimensions.VariantName !== undefined) return { ...query.dimensions };
  return { ...query.dimensions, VariantName: variantName(variants[0]!.version, 1) };
}

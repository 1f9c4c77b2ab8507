/**
 * CloudWatch alarms that guard a deployment, derived from the policy's monitoring thresholds.
 * One alarm per bound (min and max) of each check whose metric the model monitors; checks of
 * severity "info" never roll back. On a weighted split, a SageMaker metric is published per
 * variant only (never AllTraffic), so such a check gets one alarm per variant and bound, on that
 * variant's own `VariantName`, with the same threshold: `steward-<endpoint>-<check>-<version>-<bound>`.
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

/** `steward-<endpoint>-<check>-<min|max>`, the names rollback configs refer to (a variant's check id is `<check>@<version>`). */
export function alarmName(endpoint: string, checkId: string, bound: "min" | "max"): string {
  return `${alarmPrefix(endpoint)}${sanitizeName(checkId)}-${bound}`;
}

/** The start of every alarm name apply derives for `endpoint` (DescribeAlarms AlarmNamePrefix). */
export function alarmPrefix(endpoint: string): string {
  return `steward-${endpoint}-`;
}

/** The closing words of every derived alarm's description, which name the endpoint it guards. */
function guards(endpoint: string): string {
  return `rolls back deployments of ${endpoint}`;
}

/**
 * Whether a live alarm is one apply made for `model` on `endpoint`: its name has the endpoint's
 * prefix, its description is the one apply writes for that endpoint, and it carries the
 * `steward:model` tag of the model (apply tags every alarm it creates). Only such an alarm may be
 * deleted when no check derives it any more; anything else is named in the plan and left alone.
 */
export function isOwnedAlarm(alarm: { name: string; description?: string | undefined; tags?: Record<string, string> | undefined }, model: string, endpoint: string): boolean {
  return isDerivedAlarm(alarm, model, endpoint) && alarm.tags?.["steward:model"] === model;
}

/** Whether name and description are those apply writes for `model` on `endpoint` (the tags, read separately, still decide ownership). */
export function isDerivedAlarm(alarm: { name: string; description?: string | undefined }, model: string, endpoint: string): boolean {
  const description = alarm.description ?? "";
  return alarm.name.startsWith(alarmPrefix(endpoint)) && description.startsWith(`model-steward: ${model} `) && description.endsWith(guards(endpoint));
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
    for (const series of alarmSeries(model, query)) {
      const checkId = series.version === undefined ? check.id : `${check.id}@${series.version}`;
      const which = series.version === undefined ? "" : ` of variant ${series.dimensions.VariantName} (v${series.version})`;
      for (const [bound, threshold] of bounds) {
        if (threshold === undefined) continue;
        alarms.push({
          name: alarmName(endpoint, checkId, bound),
          description: `model-steward: ${model.name} ${check.metric}${which} ${bound === "min" ? "below" : "above"} ${threshold} (policy ${policy?.name}, check ${checkId}); ${guards(endpoint)}`,
          namespace: query.namespace,
          metric: query.metric,
          dimensions: series.dimensions,
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

/**
 * The series the alarms of one metric watch, as the monitor reads them (src/core/monitor/build-queries.ts):
 * the metric as written, unless SageMaker publishes it per variant and model.yaml leaves VariantName
 * out. Then an endpoint served by one version reads its one variant (AllTraffic), and a weighted
 * split reads each variant under its own name, one series per version.
 */
function alarmSeries(model: ModelSpec, query: { namespace: string; dimensions: Record<string, string> }): { version?: string; dimensions: Record<string, string> }[] {
  const variants = servedVariants(model);
  if (variants.length === 0 || !publishedPerVariant(query) || query.dimensions.VariantName !== undefined) return [{ dimensions: { ...query.dimensions } }];
  if (variants.length === 1) return [{ dimensions: { ...query.dimensions, VariantName: variantName(variants[0]!.version, 1) } }];
  return variants.map((v) => ({ version: v.version, dimensions: { ...query.dimensions, VariantName: variantName(v.version, variants.length) } }));
}

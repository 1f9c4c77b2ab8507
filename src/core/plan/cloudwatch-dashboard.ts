/**
 * The CloudWatch dashboard of a model, from the repository alone: one text widget that says what
 * the dashboard is and who owns it, one metric widget per policy check the model monitors (each
 * metric per variant of a weighted split, the check's thresholds as horizontal annotations), and
 * one alarm widget with the rollback alarms the sagemaker target keeps. Pure; the body follows the
 * CloudWatch dashboard body structure (PutDashboard's DashboardBody).
 */
import { deploymentAlarms } from "./sagemaker-alarms.js";
import { sanitizeName, variantName } from "./sagemaker-names.js";
import { checksFor, servedVariants } from "../monitor/build-queries.js";
import { mdText } from "../text/markdown.js";
import type { DeploymentEnvironment, MetricQuery, ModelSpec, MonitoringCheck, PolicySpec } from "../types.js";

/** Every dashboard apply manages starts with this; apply only ever deletes such a dashboard when its text widget says it owns it. */
export const DASHBOARD_PREFIX = "steward-";

/** The sentence in the first text widget that marks a dashboard as managed (and by which repository). */
export function ownerLine(model: ModelSpec, repoUrl: string | undefined, environment?: string): string {
  return `Managed by model-steward from models/${model.name}/model.yaml${repoUrl ? ` in ${repoUrl}` : ""}. \`steward apply\` overwrites changes made here and deletes this dashboard when the model is removed${environment ? ` or no longer deploys to ${environment}` : ""}.`;
}

/**
 * `steward-<model>`, or `steward-<model>-<environment>` for a model deployed to several environments
 * (deployment.environments): CloudWatch allows A-Z a-z 0-9 - _ and 255 characters.
 */
export function dashboardName(model: string, environment?: string): string {
  return `${DASHBOARD_PREFIX}${sanitizeName(model)}${environment ? `-${sanitizeName(environment)}` : ""}`.slice(0, 255);
}

export interface DashboardWidget {
  type: "text" | "metric" | "alarm";
  x: number;
  y: number;
  width: number;
  height: number;
  properties: Record<string, unknown>;
}

export interface DashboardBody {
  widgets: DashboardWidget[];
}

export interface DesiredDashboard {
  name: string;
  model: string;
  body: DashboardBody;
  /** Names of the alarms the alarm widget should list (their ARNs are resolved from live state). */
  alarms: string[];
  /** The environment (deployment.environments) the dashboard is for; absent: where the credentials point. */
  environment?: string;
}

const SEVERITY_COLOR = { critical: "#d13212", warning: "#ff9900", info: "#1f77b4" } as const;

/**
 * The dashboard of `model`, or undefined when it monitors no metric a check of its policy uses. With
 * `environment`, the one of that environment: named after it, its text widget naming it, metric
 * widgets in its region, the alarm widget for the alarms the sagemaker target keeps there.
 */
export function desiredDashboard(model: ModelSpec, policy: PolicySpec | undefined, opts: { region: string; repoUrl?: string; environment?: DeploymentEnvironment }): DesiredDashboard | undefined {
  const checks = checksFor(model, policy);
  if (!model.monitoring || checks.length === 0) return undefined;
  const variants = servedVariants(model);
  const endpoint = model.deployment?.sagemaker?.endpoint;
  const alarms = endpoint ? deploymentAlarms(model, endpoint, policy).alarms.map((a) => a.name) : [];
  const env = opts.environment;
  const region = env ? env.region : opts.region;
  const widgets: DashboardWidget[] = [
    { type: "text", x: 0, y: 0, width: 24, height: 3, properties: { markdown: env ? environmentText(model, env, opts.repoUrl) : `## ${mdText(model.name)}\n\n${mdText(model.description)}\n\n${ownerLine(model, opts.repoUrl)}` } },
  ];
  checks.forEach((check, i) => {
    widgets.push({ type: "metric", x: (i % 2) * 12, y: 3 + Math.floor(i / 2) * 6, width: 12, height: 6, properties: metricProperties(model, check, variants.map((v) => v.version), region) });
  });
  if (alarms.length) {
    widgets.push({ type: "alarm", x: 0, y: 3 + Math.ceil(checks.length / 2) * 6, width: 24, height: 3, properties: { title: `Rollback alarms of ${endpoint}${env ? ` in ${env.name}` : ""}`, alarms: [] } });
  }
  return { name: dashboardName(model.name, env?.name), model: model.name, body: { widgets }, alarms, ...(env ? { environment: env.name } : {}) };
}

/** The text widget of an environment's dashboard: which environment (account, region), then as for any dashboard. */
function environmentText(model: ModelSpec, env: DeploymentEnvironment, repoUrl: string | undefined): string {
  return `## ${mdText(model.name)}: ${mdText(env.name)}\n\nEnvironment ${mdText(env.name)}: AWS account ${mdText(env.account)}, region ${mdText(env.region)}.\n\n${mdText(model.description)}\n\n${ownerLine(model, repoUrl, mdText(env.name))}`;
}

/** A metric widget: each metric of the check (per variant for a split), the thresholds as annotations. */
function metricProperties(model: ModelSpec, check: MonitoringCheck, versions: string[], region: string): Record<string, unknown> {
  const monitoring = model.monitoring!;
  const period = (monitoring.metrics[check.metric]!.period ?? monitoring.period);
  const metrics: unknown[][] = [];
  for (const name of check.metrics) {
    const q = monitoring.metrics[name]!;
    metrics.push(metricLine(q, {}, versions.length > 1 ? `${name} (endpoint)` : name));
    if (versions.length > 1) for (const v of versions) metrics.push(metricLine(q, { VariantName: variantName(v, versions.length) }, `${name} v${v}`));
  }
  const horizontal: Record<string, unknown>[] = [];
  const color = SEVERITY_COLOR[check.severity];
  if (check.threshold.min !== undefined) horizontal.push({ label: `${check.metric} min ${check.threshold.min} (${check.severity})`, value: check.threshold.min, color, fill: "below" });
  if (check.threshold.max !== undefined) horizontal.push({ label: `${check.metric} max ${check.threshold.max} (${check.severity})`, value: check.threshold.max, color, fill: "above" });
  return {
    title: `${check.id}: ${check.metrics.join(", ")} (${check.severity})`,
    region,
    view: "timeSeries",
    stacked: false,
    period,
    metrics,
    ...(horizontal.length ? { annotations: { horizontal } } : {}),
  };
}

/** `[namespace, metric, dim, value, ..., { stat, label }]`, the metric array format of a widget. */
function metricLine(q: MetricQuery, override: Record<string, string>, label: string): unknown[] {
  const dims = { ...q.dimensions, ...override };
  return [q.namespace, q.metric, ...Object.entries(dims).flat(), { stat: q.stat, label, ...(q.period ? { period: q.period } : {}) }];
}

/** The body with the alarm widget's ARNs filled in; alarms without an ARN (not created yet) are left out. */
export function withAlarmArns(d: DesiredDashboard, arns: Map<string, string>): DashboardBody {
  const listed = d.alarms.flatMap((n) => (arns.has(n) ? [arns.get(n)!] : []));
  const widgets = d.body.widgets
    .map((w) => (w.type === "alarm" ? { ...w, properties: { ...w.properties, alarms: listed } } : w))
    .filter((w) => w.type !== "alarm" || listed.length > 0);
  return { widgets };
}

/** Whether a live dashboard body is one apply manages for this repository (its text widget says so). */
export function isManagedBody(body: unknown, repoUrl: string | undefined): boolean {
  const widgets = (body as { widgets?: unknown })?.widgets;
  if (!Array.isArray(widgets)) return false;
  return widgets.some((w) => {
    const md = (w as { type?: unknown; properties?: { markdown?: unknown } })?.properties?.markdown;
    if ((w as { type?: unknown }).type !== "text" || typeof md !== "string") return false;
    const m = /Managed by model-steward from models\/[^/\s]+\/model\.yaml(?: in (\S+?))?\. `steward apply`/.exec(md);
    return m !== null && (m[1] ?? undefined) === repoUrl;
  });
}

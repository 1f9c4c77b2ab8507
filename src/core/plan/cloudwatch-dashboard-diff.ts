/**
 * Desired vs live CloudWatch dashboards -> plan steps. Pure. A dashboard is written (PutDashboard
 * is an upsert) when it is missing or its body differs in any value; a dashboard named with the
 * managed prefix that no model wants any more is deleted only when its text widget says this
 * repository manages it. Everything else is left alone, with a note.
 */
import { canonicalJson } from "./sagemaker-names.js";
import { isManagedBody, withAlarmArns, type DesiredDashboard } from "./cloudwatch-dashboard.js";
import type { PlanStep } from "./types.js";

export interface LiveDashboards {
  /** Names ListDashboards returned for the managed prefix. */
  listed: string[];
  /** Parsed bodies of the dashboards read (desired ones that exist, and listed ones nobody wants). */
  bodies: Map<string, unknown>;
  /** AlarmArn by alarm name, for the alarms that exist. */
  alarmArns: Map<string, string>;
}

/** How one place (an account and region) is diffed when the plan covers several (deployment.environments). */
export interface DiffScope {
  /** Names no step may delete here: wanted in this place, or in a place that may be this one. Default: the desired names. */
  keep?: ReadonlySet<string>;
  /** False when another place of the plan is this same account and region and plans its deletions. Default true. */
  deletions?: boolean;
  /** Why an unwanted managed dashboard is deleted, for its summary. Default: its model is no longer in the repository. */
  deleteReason?: string;
}

/** The steps that make the live dashboards match `desired`; none when they already do. */
export function diffDashboards(desired: DesiredDashboard[], live: LiveDashboards, repoUrl: string | undefined, scope: DiffScope = {}): { steps: PlanStep[]; notes: string[] } {
  const steps: PlanStep[] = [];
  const notes: string[] = [];
  const step = (action: string, name: string, summary: string, params: Record<string, unknown>, changes?: PlanStep["changes"]): PlanStep =>
    ({ target: "cloudwatch", action, resource: `dashboard/${name}`, summary, params, ...(changes ? { changes } : {}) });
  for (const d of [...desired].sort((a, b) => a.name.localeCompare(b.name))) {
    const body = withAlarmArns(d, live.alarmArns);
    const missing = d.alarms.filter((n) => !live.alarmArns.has(n));
    if (missing.length) notes.push(`${d.model}: alarm(s) ${missing.join(", ")} do not exist yet; the dashboard lists them once the sagemaker target has created them`);
    const current = live.bodies.get(d.name);
    const widgets = body.widgets.length;
    if (current === undefined) {
      steps.push({ ...step("put-dashboard", d.name, `create dashboard ${d.name} for ${d.model} (${widgets} widgets)`, { name: d.name, model: d.model, body: JSON.stringify(body) }), model: d.model });
    } else if (canonicalJson(current) !== canonicalJson(body)) {
      steps.push({ ...step("put-dashboard", d.name, `update dashboard ${d.name} for ${d.model} (${widgets} widgets)`, { name: d.name, model: d.model, body: JSON.stringify(body) }, changedWidgets(current, body)), model: d.model });
    }
  }
  const wanted = new Set(desired.map((d) => d.name));
  const keep = scope.keep ?? wanted;
  if (scope.deletions === false) return { steps, notes };
  const why = scope.deleteReason ?? "its model is no longer in the repository";
  for (const name of [...live.listed].sort()) {
    if (wanted.has(name) || keep.has(name)) continue;
    const body = live.bodies.get(name);
    if (body !== undefined && isManagedBody(body, repoUrl)) steps.push(step("delete-dashboard", name, `delete dashboard ${name} (${why})`, { name }));
    else notes.push(`dashboard ${name} is not managed by this repository; left as it is`);
  }
  return { steps, notes };
}

/** Which widgets differ, by position and title, for the readable diff. */
function changedWidgets(current: unknown, body: { widgets: { type: string; properties: Record<string, unknown> }[] }): PlanStep["changes"] {
  const live = Array.isArray((current as { widgets?: unknown })?.widgets) ? ((current as { widgets: unknown[] }).widgets) : [];
  const out: NonNullable<PlanStep["changes"]> = [];
  const n = Math.max(live.length, body.widgets.length);
  for (let i = 0; i < n; i++) {
    const a = live[i];
    const b = body.widgets[i];
    if (canonicalJson(a) === canonicalJson(b)) continue;
    const title = (w: unknown) => ((w as { properties?: { title?: unknown } })?.properties?.title as string | undefined) ?? (w as { type?: string })?.type;
    out.push({ field: `widgets[${i}]`, ...(a !== undefined ? { from: title(a) } : {}), ...(b !== undefined ? { to: title(b) } : {}) });
  }
  return out;
}

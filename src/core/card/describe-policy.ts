import { formatDuration } from "../duration.js";
import type { DetectorRef, ModelSpec, MonitoringCheck, PolicySpec, ReferenceStats, RemediationAction, RemediationRule } from "../types.js";
import { formatNumber } from "./format.js";
import { code, mdText } from "../text/markdown.js";

const ACTIONS: Record<RemediationAction, string> = {
  issue: "open (or update) an issue",
  "rollback-pr": "open a pull request that rolls production back to the previous version",
  "scale-pr": "open a pull request that adds instances to the endpoint",
  event: "publish an EventBridge event",
  "end-split-pr": "open a pull request that ends the traffic split (all traffic to the established version)",
  "complete-split-pr": "open a pull request that completes the traffic split (all traffic to the new version)",
};

/** Sentences (escaped Markdown) on how the model is monitored: one for the schedule, one per check. */
export function describeMonitoring(model: ModelSpec, policy: PolicySpec | undefined): { summary: string; checks: string[] } {
  const mon = model.monitoring;
  const summary = mon
    ? `Metrics are read in ${formatDuration(mon.period)} periods over a ${formatDuration(mon.window)} window.`
    : "This model has no `monitoring` section: nothing is monitored.";
  if (!policy) return { summary, checks: [] };
  const checks = policy.monitoring.checks.map((c) => describeCheck(c, model));
  if (policy.monitoring.recovery) checks.push(`A finding is closed once the metric has been healthy for ${formatDuration(policy.monitoring.recovery)}.`);
  return { summary, checks };
}

function describeCheck(c: MonitoringCheck, model: ModelSpec): string {
  if (c.metrics.length > 1) return describeMultiCheck(c, model);
  const q = model.monitoring?.metrics[c.metric];
  if (!q) return `${code(c.metric)}: the policy checks it, but model.yaml has no query for it, so it is not monitored for this model.`;
  const source = ` (CloudWatch ${code(q.namespace)} ${code(q.metric)}, ${mdText(q.stat)}${q.period ? ` per ${formatDuration(q.period)}` : ""})`;
  const detectors = c.detectors.length ? `watched by ${list(c.detectors.map(describeDetector))}` : "no detectors";
  const bound = breach(c.threshold.min, c.threshold.max);
  const lasting = c.sustained > 1 ? ` for ${c.sustained} consecutive periods` : "";
  const split = Object.values(model.stages).some((s) => s.variants.length > 1);
  const variants = c.compareVariants && split ? " The variants of the traffic split are also compared with each other." : "";
  const finding = `${c.severity === "info" ? "an" : "a"} ${c.severity} finding`;
  return `${code(c.metric)}${source}: ${detectors}; an anomaly${bound ? ` or a value ${bound}` : ""}${lasting} is ${finding}.${variants}${describeReference(q.reference)}`;
}

/** What normal looked like (`steward baseline`): the reference statistics and the period they come from; "" without them. */
function describeReference(r: ReferenceStats | undefined): string {
  if (!r) return "";
  const day = (iso: string | undefined) => (iso && !Number.isNaN(Date.parse(iso)) ? new Date(iso).toISOString().slice(0, 10) : undefined);
  const [since, until] = [day(r.since), day(r.until)];
  const period = since && until ? `${since} to ${until}` : `${mdText(r.window)} up to ${day(r.computedAt) ?? mdText(r.computedAt)}`;
  const points = r.points !== undefined ? `, ${r.points} points` : "";
  return ` Normal, over a healthy period (${period}${points}): mean ${formatNumber(r.mean)}, standard deviation ${formatNumber(r.std)}, median ${formatNumber(r.p50)}, 95th percentile ${formatNumber(r.p95)}.`;
}

/** A check over several metrics: which ones, how each is read, and what makes a finding. */
function describeMultiCheck(c: MonitoringCheck, model: ModelSpec): string {
  const names = list(c.metrics.map(code));
  const missing = c.metrics.filter((m) => !model.monitoring?.metrics[m]);
  if (missing.length) return `${code(c.id)}: the policy checks ${names} together, but model.yaml has no query for ${list(missing.map(code))}, so it is not monitored for this model.`;
  const sources = c.metrics.map((m) => {
    const q = model.monitoring!.metrics[m]!;
    return `${code(m)} (CloudWatch ${code(q.namespace)} ${code(q.metric)}, ${mdText(q.stat)})`;
  });
  const detectors = c.detectors.length ? `watched together by ${list(c.detectors.map(describeDetector))}` : "no detectors";
  const lasting = c.sustained > 1 ? ` for ${c.sustained} consecutive periods` : "";
  const finding = `${c.severity === "info" ? "an" : "a"} ${c.severity} finding`;
  return `${code(c.id)} over ${list(sources)}: ${detectors}; a joint anomaly${lasting} is ${finding}.`;
}

function breach(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `outside ${formatNumber(min)}–${formatNumber(max)}`;
  if (min !== undefined) return `below ${formatNumber(min)}`;
  if (max !== undefined) return `above ${formatNumber(max)}`;
  return "";
}

function describeDetector(d: DetectorRef): string {
  const params = Object.keys(d.params)
    .sort()
    .map((k) => `${k}=${JSON.stringify(d.params[k])}`);
  return params.length ? `${code(d.name)} (${mdText(params.join(", "))})` : code(d.name);
}

/** Sentences (escaped Markdown) on what happens when a check fires: one per rule, then cooldown, escalation and scaling. */
export function describeRemediation(policy: PolicySpec | undefined): string[] {
  if (!policy) return [];
  const out = policy.remediation.rules.map(describeRule);
  const r = policy.remediation;
  if (r.cooldown) out.push(`The same action is not repeated for the same check within ${formatDuration(r.cooldown)} (cooldown).`);
  if (r.escalation) {
    const who = r.escalation.mention.length ? list(r.escalation.mention.map(code)) : "nobody";
    out.push(`A finding still open after ${formatDuration(r.escalation.after)} is escalated to ${who}.`);
  }
  if (r.scale) out.push(`A scale-out adds ${r.scale.step} instance${r.scale.step === 1 ? "" : "s"} at a time, up to ${r.scale.maxInstances}.`);
  return out;
}

function describeRule(rule: RemediationRule): string {
  const w = rule.when;
  const what = [w.severity ? `${w.severity === "info" ? "an" : "a"} ${w.severity}` : "any", w.kind ? `${mdText(w.kind)} finding` : "finding", w.metric ? `on ${code(w.metric)}` : ""].filter(Boolean).join(" ");
  const lasting = w.sustained ? ` lasting ${w.sustained} periods` : "";
  const actions = rule.do.length ? list(rule.do.map((a) => ACTIONS[a] ?? mdText(a))) : "do nothing";
  return `On ${what}${lasting}: ${actions}.`;
}

/** "a", "a and b", "a, b and c". */
export function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

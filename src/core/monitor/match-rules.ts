import type { PolicySpec, RemediationAction, Severity } from "../types.js";
import { baseCheckId, isCoverageKind } from "./coverage.js";
import type { MonitorFinding } from "./types.js";

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** The higher of two severities. */
export function maxSeverity(a: Severity, b: Severity): Severity {
  return RANK[a] >= RANK[b] ? a : b;
}

/** One step up: info -> warning -> critical (critical stays critical). */
export function raiseSeverity(s: Severity): Severity {
  return s === "info" ? "warning" : "critical";
}

/**
 * The actions the policy's rules ask for, for one finding: the union of the `do` lists of every rule
 * whose `when` matches, in the order they are first named. A `when` matches when each field it sets
 * does: severity equal, kind equal, metric equal to the check's metric or id (for a multi-metric
 * check: its id only, see metricMatches), sustained <= the finding's consecutive points. A rule without `kind` matches threshold and anomaly findings but not
 * variant findings (a split decision is only governed by rules that say `kind: variant`).
 */
export function actionsFor(finding: MonitorFinding, policy: PolicySpec): RemediationAction[] {
  if (isCoverageKind(finding.kind)) return coverageActions(finding, policy);
  const out: RemediationAction[] = [];
  for (const rule of policy.remediation.rules) {
    const w = rule.when;
    if (w.severity !== undefined && w.severity !== finding.severity) continue;
    if (w.kind !== undefined ? w.kind !== finding.kind : finding.kind === "variant") continue;
    if (w.metric !== undefined && !metricMatches(w.metric, finding)) continue;
    if (w.sustained !== undefined && finding.sustainedPoints < w.sustained) continue;
    for (const a of rule.do) if (!out.includes(a)) out.push(a);
  }
  return out;
}

/** Actions that change the deployment: never taken on a check the run could not see. */
const CHANGES: readonly RemediationAction[] = ["rollback-pr", "scale-pr", "end-split-pr", "complete-split-pr"];

/**
 * For a coverage gap (no-data, stale, unreadable): the rules that name its kind (`kind: no-data`),
 * without the actions that change the deployment. By default an issue for no-data and stale (a
 * series that stopped: a per-check problem); nothing for unreadable, whose cause is the run's (a
 * failed call: credentials, region, throttling), which fails the run (exit 2) and is listed first in
 * the summary and the health issue instead of opening an issue per check (thousands when CloudWatch
 * is down). A rule without `kind` does not match a gap: "critical -> rollback-pr" is about bad data,
 * not about no data.
 */
function coverageActions(finding: MonitorFinding, policy: PolicySpec): RemediationAction[] {
  const out: RemediationAction[] = [];
  let named = false;
  for (const rule of policy.remediation.rules) {
    const w = rule.when;
    if (w.kind !== finding.kind) continue;
    if (w.severity !== undefined && w.severity !== finding.severity) continue;
    if (w.metric !== undefined && !metricMatches(w.metric, finding)) continue;
    named = true;
    for (const a of rule.do) if (!out.includes(a) && !CHANGES.includes(a)) out.push(a);
  }
  return named ? out : finding.kind === "unreadable" ? [] : ["issue"];
}

/**
 * `when.metric` against a finding: a single-metric check matches by its metric or its id; a
 * multi-metric check by its id (name) only. A rule written for one metric (`metric: latency` ->
 * scale-pr) is about that metric's own level; a multi-metric finding says the metrics no longer
 * move together, which that rule's action may not fix (more instances do not make latency follow
 * traffic again), so it only gets the actions of rules that name it, or that name no metric.
 */
export function metricMatches(metric: string, finding: Pick<MonitorFinding, "metric" | "metrics" | "checkId">): boolean {
  if (metric === finding.checkId || metric === baseCheckId(finding.checkId)) return true;
  return (finding.metrics?.length ?? 0) < 2 && metric === finding.metric;
}

/**
 * For a variant finding: the policy's rules for `kind: variant` when it has any, else the default,
 * which is what a split decision means: a PR that ends the split (with an event), or one that completes it.
 */
export function variantActions(finding: MonitorFinding, policy: PolicySpec): RemediationAction[] {
  const ruled = actionsFor(finding, policy);
  const decision = finding.variant?.decision;
  if (decision === "end-split") return ruled.length ? ruled.filter((a) => a !== "complete-split-pr") : ["end-split-pr", "event"];
  if (decision === "complete-split") return ruled.length ? ruled.filter((a) => a !== "end-split-pr") : ["complete-split-pr"];
  return [];
}

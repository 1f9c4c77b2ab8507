import { formatDuration } from "../duration.js";
import type { MetricBound, PolicySpec } from "../types.js";
import { formatNumber } from "./format.js";

/** One set of bounds a version's offline metrics are held to: a stage's promotion gate, or the monitoring thresholds. */
export interface BoundSet {
  /** "production gate", "staging gate" or "monitoring thresholds". */
  label: string;
  bounds: Record<string, MetricBound>;
}

export type Verdict = { pass: true } | { pass: false; failures: string[] };

/** The policy's metric gates in promotion order, then the monitoring checks' thresholds; sets without bounds are left out. */
export function boundSets(policy: PolicySpec | undefined): BoundSet[] {
  if (!policy) return [];
  const sets: BoundSet[] = [];
  for (const stage of policy.promotion.order) {
    const gate = policy.promotion.gates[stage];
    if (gate && Object.keys(gate.metrics).length) sets.push({ label: `${stage} gate`, bounds: gate.metrics });
  }
  const thresholds: Record<string, MetricBound> = {};
  for (const c of policy.monitoring.checks) {
    if (c.threshold.min !== undefined || c.threshold.max !== undefined) thresholds[c.metric] = c.threshold;
  }
  if (Object.keys(thresholds).length) sets.push({ label: "monitoring thresholds", bounds: thresholds });
  return sets;
}

/**
 * Checks `metrics` against `bounds`. A bound on a metric the version does not report fails, except
 * for monitoring thresholds (`optional`), which apply only to the offline metrics that share their name.
 */
export function checkBounds(metrics: Record<string, number>, bounds: Record<string, MetricBound>, optional = false): Verdict | undefined {
  const failures: string[] = [];
  let checked = 0;
  for (const name of Object.keys(bounds).sort()) {
    const b = bounds[name]!;
    const value = metrics[name];
    if (value === undefined) {
      if (!optional) failures.push(`${name} missing`);
      continue;
    }
    checked++;
    if (b.min !== undefined && value < b.min) failures.push(`${name} ${formatNumber(value)} below ${formatNumber(b.min)}`);
    if (b.max !== undefined && value > b.max) failures.push(`${name} ${formatNumber(value)} above ${formatNumber(b.max)}`);
  }
  if (optional && checked === 0) return undefined;
  return failures.length ? { pass: false, failures } : { pass: true };
}

/** A bound in words: "auc ≥ 0.93", "mape ≤ 0.2", "0.1 ≤ x ≤ 0.2". */
export function describeBound(name: string, b: MetricBound): string {
  if (b.min !== undefined && b.max !== undefined) return `${formatNumber(b.min)} ≤ ${name} ≤ ${formatNumber(b.max)}`;
  if (b.min !== undefined) return `${name} ≥ ${formatNumber(b.min)}`;
  if (b.max !== undefined) return `${name} ≤ ${formatNumber(b.max)}`;
  return `${name} (no bound)`;
}

/** What promotion into each stage of the policy requires, in words, in promotion order. */
export function describeGates(policy: PolicySpec | undefined): { stage: string; requires: string }[] {
  if (!policy) return [];
  return policy.promotion.order.map((stage, i) => {
    const gate = policy.promotion.gates[stage];
    const parts: string[] = Object.keys(gate?.metrics ?? {})
      .sort()
      .map((m) => describeBound(m, gate!.metrics[m]!));
    const previous = policy.promotion.order[i - 1];
    if (gate?.minTimeInPreviousStage !== undefined && previous) parts.push(`at least ${formatDuration(gate.minTimeInPreviousStage)} in ${previous}`);
    if (gate?.approvals) parts.push(`${gate.approvals} approval${gate.approvals === 1 ? "" : "s"}`);
    return { stage, requires: parts.length ? parts.join(", ") : "no gate" };
  });
}

/** +1 when higher is better for `metric` under this policy, -1 when lower is, 0 when the policy does not say. */
export function direction(policy: PolicySpec | undefined, metric: string): 1 | -1 | 0 {
  const bounds = boundSets(policy).map((s) => s.bounds[metric]).filter((b): b is MetricBound => b !== undefined);
  const min = bounds.some((b) => b.min !== undefined);
  const max = bounds.some((b) => b.max !== undefined);
  return min && !max ? 1 : max && !min ? -1 : 0;
}

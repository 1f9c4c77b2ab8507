import type { Datapoint } from "../../ports.js";
import type { ModelSpec, MonitoringCheck } from "../types.js";
import { servedVariants } from "./build-queries.js";
import { compareVariants } from "./compare-variants.js";
import type { MonitorFinding, VariantOutcome } from "./types.js";

export interface SplitInput {
  model: ModelSpec;
  /** The checks with per-variant series, each with its points per version. */
  checks: { check: MonitoringCheck; points: Map<string, Datapoint[]>; periodSeconds: number }[];
  /** When the current split began (epoch ms), from git history; else the first point of the series. */
  splitSince?: number;
  now: number;
  /** Versions with a finding of their own this run (a per-variant check failed): never the version a split completes to. */
  failing?: ReadonlySet<string>;
}

/**
 * Split decisions of one model as findings of kind "variant". Ends the split when any check finds
 * the challenger significantly worse; completes it only when every compared check says it held up
 * for the rollout's bake time (deployment.sagemaker.rollout.bakeMinutes) and the challenger has no
 * finding of its own this run (`failing`: its per-variant latency breaching, say) and none of its last
 * `sustained` points is outside the check's threshold; otherwise nothing.
 */
export function splitFindings(input: SplitInput): MonitorFinding[] {
  const variants = servedVariants(input.model);
  if (variants.length < 2) return [];
  const bakeSeconds = (input.model.deployment?.sagemaker?.rollout.bakeMinutes ?? 0) * 60;
  const outcomes: { check: MonitoringCheck; outcome: VariantOutcome; points: Datapoint[] }[] = [];
  for (const c of input.checks) {
    const firstT = Math.min(...[...c.points.values()].map((p) => p[0]?.t ?? Infinity));
    const since = input.splitSince ?? (Number.isFinite(firstT) ? firstT : input.now);
    const series = variants.map((v) => ({ variant: v, points: (c.points.get(v.version) ?? []).filter((p) => p.t >= since) }));
    const outcome = compareVariants({ variants: series, threshold: c.check.threshold, servedSeconds: Math.max(0, (input.now - since) / 1000), bakeSeconds });
    if (outcome) outcomes.push({ check: c.check, outcome, points: series.find((s) => s.variant.version === outcome.challenger.version)!.points });
  }
  if (outcomes.length === 0) return [];
  const ending = outcomes.filter((o) => o.outcome.decision === "end-split");
  // Not worse than the champion is not healthy: a challenger whose recent values break the check's own
  // threshold (both variants breaching, say) is never given all the traffic.
  const completes = outcomes.every((o) => o.outcome.decision === "complete-split" && !input.failing?.has(o.outcome.challenger.version) && !recentlyOutside(o.points, o.check));
  const chosen = ending.length ? ending : completes ? outcomes : [];
  return chosen.map(({ check, outcome, points }) => ({
    model: input.model.name,
    checkId: check.id,
    metric: check.metric,
    kind: "variant",
    severity: outcome.decision === "end-split" ? check.severity : "info",
    score: Math.max(0, Math.min(1, 1 - outcome.pValue)),
    fired: ["variant-comparison"],
    sustainedPoints: outcome.challenger.n,
    lastedSeconds: Math.round(outcome.servedSeconds),
    evidence: points.slice(-144),
    summary: `${check.metric}: ${outcome.reason}`,
    variant: outcome,
    ...(points.length ? { latest: points[points.length - 1]! } : {}),
    ...(check.threshold.min !== undefined || check.threshold.max !== undefined ? { bound: check.threshold } : {}),
  }));
}

/** Whether any of the last `sustained` (at least one) points is outside the check's threshold. */
function recentlyOutside(points: readonly Datapoint[], check: MonitoringCheck): boolean {
  const { min, max } = check.threshold;
  return points.slice(-Math.max(1, check.sustained)).some((p) => (min !== undefined && p.value < min) || (max !== undefined && p.value > max));
}

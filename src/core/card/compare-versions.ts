import type { ModelSpec, ModelVersionSpec, PolicySpec, StageVariant } from "../types.js";
import { formatDelta, formatNumber } from "./format.js";
import { direction } from "./gates.js";

export interface DeltaRow {
  metric: string;
  baseline: string;
  candidate: string;
  delta: string;
  relative: string;
  /** "better", "worse", "same", or "" when the policy does not say which way is better. */
  verdict: "better" | "worse" | "same" | "";
}

export interface Comparison {
  baseline: ModelVersionSpec;
  candidate: ModelVersionSpec;
  rows: DeltaRow[];
}

/**
 * Which versions to compare: the baseline is production's heaviest variant; the candidate is the
 * stage before production in the policy's order (heaviest variant), or else another production
 * variant (a canary). Undefined when there is no production version or no different candidate.
 */
export function pickComparison(model: ModelSpec, policy: PolicySpec | undefined): { baseline: string; candidate: string } | undefined {
  const order = policy?.promotion.order ?? ["staging", "production"];
  const prodStage = order.includes("production") ? "production" : order[order.length - 1];
  if (!prodStage) return undefined;
  const prod = model.stages[prodStage]?.variants ?? [];
  const baseline = heaviest(prod);
  if (!baseline) return undefined;
  const before = order[order.indexOf(prodStage) - 1];
  const staged = heaviest(before ? (model.stages[before]?.variants ?? []) : []);
  const candidate = staged && staged.version !== baseline.version ? staged : heaviest(prod.filter((v) => v.version !== baseline.version));
  return candidate ? { baseline: baseline.version, candidate: candidate.version } : undefined;
}

function heaviest(variants: StageVariant[]): StageVariant | undefined {
  return variants.reduce<StageVariant | undefined>((best, v) => (!best || v.weight > best.weight ? v : best), undefined);
}

/** The candidate's metrics against the baseline's: every metric either reports, sorted by name. */
export function compareMetrics(baseline: ModelVersionSpec, candidate: ModelVersionSpec, policy: PolicySpec | undefined): DeltaRow[] {
  const names = [...new Set([...Object.keys(baseline.metrics), ...Object.keys(candidate.metrics)])].sort();
  return names.map((metric) => {
    const b = baseline.metrics[metric];
    const c = candidate.metrics[metric];
    if (b === undefined || c === undefined) {
      return { metric, baseline: b === undefined ? "—" : formatNumber(b), candidate: c === undefined ? "—" : formatNumber(c), delta: "—", relative: "—", verdict: "" };
    }
    const d = c - b;
    const relative = b === 0 ? "—" : `${formatDelta(Number(((d / Math.abs(b)) * 100).toFixed(2)))}%`;
    const dir = direction(policy, metric);
    const rounded = Number(d.toPrecision(12));
    const verdict = rounded === 0 ? "same" : dir === 0 ? "" : Math.sign(rounded) === dir ? "better" : "worse";
    return { metric, baseline: formatNumber(b), candidate: formatNumber(c), delta: formatDelta(rounded), relative, verdict };
  });
}

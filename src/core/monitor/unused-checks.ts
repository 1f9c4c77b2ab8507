/**
 * Checks that can never run, and monitored models that nothing checks. A policy check applies to a
 * model that monitors every metric it reads (checksFor): a misspelt metric name, in the policy or in
 * model.yaml, would otherwise switch the check off without a word. `steward validate` warns at the
 * line; the monitor reports each as `no-data`, never as a quiet pass. Pure.
 */
import { closestName } from "../schema/closest-name.js";
import type { ModelSpec, MonitoringCheck, PolicySpec, Severity } from "../types.js";
import { checksFor } from "./build-queries.js";
import type { CoverageRow } from "./coverage.js";
import type { CheckStatus, MonitorFinding } from "./types.js";

/** A policy check that no model under the policy can run: some metric it reads is monitored by none of them. */
export interface UnusedCheck {
  policy: PolicySpec;
  /** Index in policy.monitoring.checks. */
  index: number;
  check: MonitoringCheck;
  /** The metrics of the check that no model under the policy monitors. */
  missing: string[];
  /** The monitored models under the policy, by name. */
  models: string[];
  /** Per missing metric, a monitored metric it is probably a typo of. */
  suggestions: Record<string, string>;
}

/** A monitored model that no check of its policy applies to: its metrics are read by nothing. */
export interface UncheckedModel {
  model: ModelSpec;
  policy: PolicySpec;
  /** Per monitored metric, a check metric of the policy it is probably a typo of. */
  suggestions: Record<string, string>;
}

const monitored = (models: readonly ModelSpec[], policy: PolicySpec) => models.filter((m) => m.policy === policy.name && m.monitoring !== undefined);

/** Every policy check no model under its policy runs; a policy without monitored models has none. */
export function unusedChecks(models: readonly ModelSpec[], policies: readonly PolicySpec[]): UnusedCheck[] {
  const out: UnusedCheck[] = [];
  for (const policy of policies) {
    const mine = monitored(models, policy);
    if (mine.length === 0) continue;
    const known = new Set(mine.flatMap((m) => Object.keys(m.monitoring!.metrics)));
    policy.monitoring.checks.forEach((check, index) => {
      if (mine.some((m) => check.metrics.every((x) => m.monitoring!.metrics[x] !== undefined))) return;
      const missing = check.metrics.filter((x) => !known.has(x));
      const suggestions: Record<string, string> = {};
      for (const x of missing) {
        const near = closestName(x, known);
        if (near !== undefined) suggestions[x] = near;
      }
      out.push({ policy, index, check, missing, models: mine.map((m) => m.name), suggestions });
    });
  }
  return out;
}

/** Every monitored model with metrics but no check of its policy that reads them. */
export function uncheckedModels(models: readonly ModelSpec[], policies: readonly PolicySpec[]): UncheckedModel[] {
  const out: UncheckedModel[] = [];
  for (const model of models) {
    const policy = policies.find((p) => p.name === model.policy);
    if (!policy || !model.monitoring || Object.keys(model.monitoring.metrics).length === 0) continue;
    if (checksFor(model, policy).length > 0) continue;
    const wanted = new Set(policy.monitoring.checks.flatMap((c) => c.metrics));
    const suggestions: Record<string, string> = {};
    for (const x of Object.keys(model.monitoring.metrics)) {
      const near = wanted.has(x) ? undefined : closestName(x, wanted);
      if (near !== undefined) suggestions[x] = near;
    }
    out.push({ model, policy, suggestions });
  }
  return out;
}

const quoted = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(", ");
const didYouMean = (s: Record<string, string>) => {
  const pairs = Object.entries(s);
  return pairs.length ? ` Did you mean ${pairs.map(([, to]) => `"${to}"`).join(", ")}${pairs.length > 1 ? ` (for ${quoted(pairs.map(([from]) => from))})` : ""}?` : "";
};

/** Why a check never runs, for a person: what is missing, where, and the likely fix. */
export function unusedCheckMessage(u: UnusedCheck): string {
  const shown = u.models.slice(0, 5).join(", ") + (u.models.length > 5 ? ` and ${u.models.length - 5} more` : "");
  return `check "${u.check.id}" reads ${u.missing.length === 1 ? "metric" : "metrics"} ${quoted(u.missing)}, which no model under policy "${u.policy.name}" monitors (${shown}): the check never runs.${didYouMean(u.suggestions)} Otherwise add ${u.missing.length === 1 ? "it" : "them"} to monitoring.metrics of the models it should watch, or remove the check`;
}

/** Why a model's metrics are read by nothing, for a person. */
export function uncheckedModelMessage(u: UncheckedModel): string {
  const metrics = Object.keys(u.model.monitoring!.metrics);
  const wanted = [...new Set(u.policy.monitoring.checks.flatMap((c) => c.metrics))];
  const near = Object.entries(u.suggestions).map(([mine, theirs]) => ` "${mine}" is close to the check metric "${theirs}": is one of the two misspelt?`).join("");
  return `monitors ${quoted(metrics)}, but no check of policy "${u.policy.name}" applies to this model (its checks read ${wanted.length ? quoted(wanted) : "no metric"}): nothing of it is checked.${near}`;
}

/** The check id a model's "nothing is checked" gap is reported under (one per model). */
export const NO_CHECK_ID = "monitoring";

/**
 * The monitor's side: for each model of this run, a `no-data` gap per policy check that can never run
 * (judged over every model of the repository, not just this run's shard), and one for a monitored
 * model that no check applies to (unless a gap of the first kind already names it).
 */
export function unreachableChecks(runModels: readonly ModelSpec[], allModels: readonly ModelSpec[], policies: readonly PolicySpec[]): { findings: MonitorFinding[]; statuses: CheckStatus[]; coverage: CoverageRow[] } {
  const inRun = new Set(runModels.filter((m) => m.monitoring).map((m) => m.name));
  const gaps: { model: string; id: string; metric: string; metrics: string[]; severity: Severity; detail: string }[] = [];
  for (const u of unusedChecks(allModels, policies)) {
    for (const model of u.models.filter((m) => inRun.has(m))) gaps.push({ model, id: u.check.id, metric: u.check.metric, metrics: u.check.metrics, severity: u.check.severity, detail: `${unusedCheckMessage(u)} (${u.policy.file})` });
  }
  const named = new Set(gaps.map((g) => g.model));
  for (const u of uncheckedModels(allModels.filter((m) => inRun.has(m.name) && !named.has(m.name)), policies)) {
    const metric = Object.keys(u.model.monitoring!.metrics)[0]!;
    gaps.push({ model: u.model.name, id: NO_CHECK_ID, metric, metrics: [metric], severity: "warning", detail: `${uncheckedModelMessage(u)} (${u.model.file})` });
  }
  const findings: MonitorFinding[] = [];
  const statuses: CheckStatus[] = [];
  const coverage: CoverageRow[] = [];
  for (const g of gaps) {
    const summary = `${g.id} has no data: ${g.detail}`;
    findings.push({ model: g.model, checkId: g.id, metric: g.metric, ...(g.metrics.length > 1 ? { metrics: g.metrics } : {}), kind: "no-data", severity: g.severity, score: 0, fired: [], sustainedPoints: 0, lastedSeconds: 0, evidence: [], summary });
    statuses.push({ model: g.model, checkId: g.id, metric: g.metric, outcome: "no-data", verdict: { checkId: g.id, metric: g.metric, status: "insufficient-data", severity: g.severity, score: 0, fired: [], sustainedPoints: 0, evidence: [], summary } });
    coverage.push({ model: g.model, check: g.id, outcome: "no-data", detail: g.detail });
  }
  return { findings, statuses, coverage };
}

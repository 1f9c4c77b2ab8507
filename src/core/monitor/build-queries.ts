import type { SeriesQuery } from "../../ports.js";
import type { ModelSpec, MonitoringCheck, PolicySpec, StageVariant } from "../types.js";
import { variantName } from "../plan/sagemaker-names.js";
import type { MonitorSeries } from "./types.js";

/**
 * One check to evaluate (for the whole endpoint, or for one variant of a split) and the series it
 * reads: `queries` has one entry per metric of the check, in `check.metrics` order; `query` is the first.
 */
export interface PlannedQuery {
  series: MonitorSeries;
  query: SeriesQuery;
  queries: SeriesQuery[];
}

/** The stage a model's endpoint serves (the one monitored): deployment.sagemaker.stage, default production. */
export function servedStage(model: ModelSpec): string {
  return model.deployment?.sagemaker?.stage ?? "production";
}

/** The variants of the served stage; more than one means a weighted split. */
export function servedVariants(model: ModelSpec): StageVariant[] {
  return model.stages[servedStage(model)]?.variants ?? [];
}

/** The checks of `policy` that apply to `model` (the model lists every metric the check names). */
export function checksFor(model: ModelSpec, policy: PolicySpec | undefined): MonitoringCheck[] {
  if (!policy || !model.monitoring) return [];
  return policy.monitoring.checks.filter((c) => c.metrics.every((m) => model.monitoring!.metrics[m] !== undefined));
}

/**
 * Every check a run evaluates, with the series it reads, in a stable order (models as given, checks
 * in policy order, variants in stage order). For a weighted split, a check on a metric SageMaker
 * publishes per variant (single- or multi-metric) is one check per variant (`perVariant`,
 * `<check>@<version>`, no endpoint-wide entry), and a single-metric check with `compareVariants`
 * gets one comparison-only entry per variant: the `VariantName` dimension is set to
 * the variant's name as the SageMaker deployer names it (src/core/plan/sagemaker-names.ts; added when
 * the metric has none, so quality metrics must be published per variant with that dimension).
 * Query ids are per metric, not per check: `<model>/<metric>` and `<model>/<metric>@<version>`, so a
 * metric that several checks use (a single-metric check and a multi-metric one, say) is the same
 * query; read `uniqueQueries` to fetch each once. A multi-metric check reads all its metrics at its
 * first metric's period; where that is not a metric's own period, its id ends in `~<period>s`.
 * `name` is the metric name (with `@<version>` for a variant), which is what the file source uses to
 * find the file. `series.key` stays `<model>/<check>`.
 */
export function buildQueries(models: ModelSpec[], policies: Map<string, PolicySpec>): PlannedQuery[] {
  const out: PlannedQuery[] = [];
  for (const model of models) {
    const monitoring = model.monitoring;
    if (!monitoring) continue;
    const variants = servedVariants(model);
    for (const check of checksFor(model, policies.get(model.policy))) {
      // one period per check: its first metric's (multi-metric checks align on common timestamps)
      const first = monitoring.metrics[check.metric]!;
      const period = first.period ?? monitoring.period;
      const queryOf = (metric: string, version?: string): SeriesQuery => {
        const q = monitoring.metrics[metric]!;
        const suffix = version === undefined ? "" : `@${version}`;
        // read at the check's period; one that differs from the metric's own gets its own id
        const own = (q.period ?? monitoring.period) === period ? "" : `~${period}s`;
        // an endpoint served by one version publishes under its one variant (AllTraffic): filled in when the YAML leaves it out
        const single = version === undefined && variants.length === 1 && publishedPerVariant(q) && q.dimensions.VariantName === undefined;
        const dimensions = version !== undefined ? { ...q.dimensions, VariantName: variantName(version, variants.length) } : single ? { ...q.dimensions, VariantName: variantName(variants[0]!.version, 1) } : { ...q.dimensions };
        return { namespace: q.namespace, metric: q.metric, stat: q.stat, period, model: model.name, id: `${model.name}/${metric}${suffix}${own}`, dimensions, name: `${metric}${suffix}` };
      };
      const key = `${model.name}/${check.id}`;
      // SageMaker publishes a split endpoint's metrics per variant only (never AllTraffic): each variant is a
      // check of its own. A multi-metric check reads each of its SageMaker metrics under the variant and its
      // other metrics (published per model, say) as written, shared by every variant's check.
      const split = variants.length > 1;
      const ownSeries = (m: string) => publishedPerVariant(monitoring.metrics[m]!);
      const perVariant = split && check.metrics.some(ownSeries);
      if (!perVariant) {
        const queries = check.metrics.map((m) => queryOf(m));
        out.push({ series: { key, model: model.name, check, periodSeconds: period }, query: queries[0]!, queries });
      }
      // a split also reads each variant: as checks of their own, or (compareVariants, one metric) for the comparison only
      if (!split || (!perVariant && !(check.compareVariants && check.metrics.length === 1))) continue;
      for (const v of variants) {
        const queries = perVariant ? check.metrics.map((m) => (ownSeries(m) ? queryOf(m, v.version) : queryOf(m))) : [queryOf(check.metric, v.version)];
        out.push({ series: { key: `${key}@${v.version}`, model: model.name, check, version: v.version, ...(perVariant ? { perVariant: true } : {}), periodSeconds: period }, query: queries[0]!, queries });
      }
    }
  }
  return out;
}

/** Whether SageMaker publishes this metric per production variant of an endpoint (EndpointName + VariantName). */
export function publishedPerVariant(q: { namespace: string; dimensions: Record<string, string> }): boolean {
  return (q.namespace === "AWS/SageMaker" || q.namespace.startsWith("/aws/sagemaker/")) && "EndpointName" in q.dimensions;
}

/** The distinct series to read for `planned`, in first-use order: a metric several checks use is read once. */
export function uniqueQueries(planned: readonly PlannedQuery[]): SeriesQuery[] {
  const byId = new Map<string, SeriesQuery>();
  for (const p of planned) for (const q of p.queries) if (!byId.has(q.id)) byId.set(q.id, q);
  return [...byId.values()];
}

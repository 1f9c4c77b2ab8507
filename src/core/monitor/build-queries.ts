import type { SeriesQuery } from "../../ports.js";
import type { ModelSpec, MonitoringCheck, PolicySpec, StageVariant } from "../types.js";
import { variantName } from "../plan/sagemaker-names.js";
import type { MonitorSeries } from "./types.js";

/** One series to read, with what it is for. */
export interface PlannedQuery {
  series: MonitorSeries;
  query: SeriesQuery;
}

/** The stage a model's endpoint serves (the one monitored): deployment.sagemaker.stage, default production. */
export function servedStage(model: ModelSpec): string {
  return model.deployment?.sagemaker?.stage ?? "production";
}

/** The variants of the served stage; more than one means a weighted split. */
export function servedVariants(model: ModelSpec): StageVariant[] {
  return model.stages[servedStage(model)]?.variants ?? [];
}

/** The checks of `policy` that apply to `model` (the model lists the check's metric). */
export function checksFor(model: ModelSpec, policy: PolicySpec | undefined): MonitoringCheck[] {
  if (!policy || !model.monitoring) return [];
  return policy.monitoring.checks.filter((c) => model.monitoring!.metrics[c.metric] !== undefined);
}

/**
 * Every series a run reads, in a stable order (models as given, checks in policy order, variants in
 * stage order). For a weighted split, each check with `compareVariants` also gets one series per
 * variant: the `VariantName` dimension is set to the variant's name as the SageMaker deployer names it
 * (src/core/plan/sagemaker-names.ts; added when the metric has none, so quality metrics must be
 * published per variant with that dimension).
 * Query ids are `<model>/<check>` and `<model>/<check>@<version>`; `name` is the metric name (with
 * `@<version>` for a variant), which is what the file source uses to find the file.
 */
export function buildQueries(models: ModelSpec[], policies: Map<string, PolicySpec>): PlannedQuery[] {
  const out: PlannedQuery[] = [];
  for (const model of models) {
    const monitoring = model.monitoring;
    if (!monitoring) continue;
    const variants = servedVariants(model);
    for (const check of checksFor(model, policies.get(model.policy))) {
      const q = monitoring.metrics[check.metric]!;
      const period = q.period ?? monitoring.period;
      const base = { namespace: q.namespace, metric: q.metric, stat: q.stat, period, model: model.name };
      const key = `${model.name}/${check.id}`;
      out.push({
        series: { key, model: model.name, check, periodSeconds: period },
        query: { ...base, id: key, dimensions: { ...q.dimensions }, name: check.metric },
      });
      if (variants.length < 2 || !check.compareVariants) continue;
      for (const v of variants) {
        const vkey = `${key}@${v.version}`;
        out.push({
          series: { key: vkey, model: model.name, check, version: v.version, periodSeconds: period },
          query: { ...base, id: vkey, dimensions: { ...q.dimensions, VariantName: variantName(v.version, variants.length) }, name: `${check.metric}@${v.version}` },
        });
      }
    }
  }
  return out;
}

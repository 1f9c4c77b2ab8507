/**
 * The monitor across deployment environments: a model deployed to several accounts/regions is
 * checked in each. Every check of such a model becomes one check per environment, read in that
 * environment (the query carries it) and judged under the check id `<check>@<env>` (a split's
 * variant: `<check>@<env>@<version>`), so findings, issues and the health issue name the
 * environment; policy rules still match the check (its id up to the first `@`). Pure.
 */
import type { ModelSpec } from "../types.js";
import type { PlannedQuery } from "./build-queries.js";

/** `planned` with each query of a model with environments repeated per environment, in the environments' order. */
export function expandEnvironments(planned: PlannedQuery[], models: readonly ModelSpec[]): PlannedQuery[] {
  const envsOf = new Map(models.map((m) => [m.name, m.deployment?.environments ?? []]));
  return planned.flatMap((p) => {
    const envs = envsOf.get(p.series.model) ?? [];
    if (!envs.length) return [p];
    return envs.map((env) => {
      const at = (q: PlannedQuery["query"]) => ({ ...q, id: `${q.id}@${env.name}`, name: `${q.name}@${env.name}`, environment: { name: env.name, account: env.account, region: env.region, ...(env.roleArn ? { roleArn: env.roleArn } : {}) } });
      const queries = p.queries.map(at);
      return {
        series: { ...p.series, key: `${p.series.key}@${env.name}`, environment: env.name, check: { ...p.series.check, id: `${p.series.check.id}@${env.name}` } },
        query: queries[0]!,
        queries,
      };
    });
  });
}

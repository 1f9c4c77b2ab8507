/**
 * A MetricSource over several deployment environments: each query is read by the source of its
 * environment (its account and region, its role's credentials), queries without one by `base`.
 * Results come back in the order of the queries; an environment whose read fails (a role that
 * cannot be assumed, say) fails only its own queries, each with the error.
 */
import { describeError } from "../../core/errors.js";
import type { AwsEnvironmentRef, MetricSource, SeriesQuery, SeriesResult } from "../../ports.js";

export function environmentMetricSource(base: MetricSource, forEnvironment: (env: AwsEnvironmentRef) => MetricSource): MetricSource {
  const sources = new Map<string, MetricSource>();
  const sourceOf = (env: AwsEnvironmentRef) => {
    let s = sources.get(env.name);
    if (!s) sources.set(env.name, (s = forEnvironment(env)));
    return s;
  };
  return {
    async read(queries, range) {
      const groups = new Map<string, { env?: AwsEnvironmentRef; queries: SeriesQuery[] }>();
      for (const q of queries) {
        const k = q.environment?.name ?? "";
        const g = groups.get(k) ?? { ...(q.environment ? { env: q.environment } : {}), queries: [] };
        g.queries.push(q);
        groups.set(k, g);
      }
      const byId = new Map<string, SeriesResult>();
      for (const g of groups.values()) {
        try {
          for (const r of await (g.env ? sourceOf(g.env) : base).read(g.queries, range)) byId.set(r.id, r);
        } catch (err) {
          const error = g.env ? `environment ${g.env.name} (account ${g.env.account}, ${g.env.region}): ${describeError(err)}` : describeError(err);
          for (const q of g.queries) byId.set(q.id, { id: q.id, points: [], error });
        }
      }
      return queries.map((q) => byId.get(q.id) ?? { id: q.id, points: [], error: "no result for this query" });
    },
    ...(base.driftSample ? { driftSample: base.driftSample.bind(base) } : {}),
  };
}

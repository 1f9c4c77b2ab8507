/**
 * Where the CloudWatch dashboards go when models are deployed to several environments
 * (deployment.environments): one place per environment with one dashboard per model deployed there
 * (metric widgets in the environment's region), and the default place (where the credentials point)
 * for the models without environments. CloudWatch dashboards are global in an account, not
 * regional (PutDashboard's reference): two environments in one account, two regions, share one set
 * of dashboards, so places are compared by account. Pure: which dashboards each place wants, which
 * names no place may delete, which place plans an account's deletions, and which names clash. The
 * reads and writes are the cloudwatch reconciler's.
 */
import { desiredDashboard, type DesiredDashboard } from "./cloudwatch-dashboard.js";
import { groupByEnvironment } from "./aws-environments.js";
import type { DeploymentEnvironment, ModelSpec, PolicySpec } from "../types.js";

export interface DashboardPlace {
  /** The environment; undefined for the default place (the credentials as given). */
  env?: DeploymentEnvironment;
  /** The models deployed here (by name), monitored or not. */
  models: string[];
  /** The dashboards wanted here, by name. */
  desired: DesiredDashboard[];
}

/**
 * The default place first (always, so a dashboard left there by a model that moved to environments
 * is still found), then each environment in groupByEnvironment's order. `region` is the default
 * place's; an environment's dashboards chart its own region.
 */
export function dashboardPlaces(models: readonly ModelSpec[], policies: readonly PolicySpec[], opts: { region: string; repoUrl?: string }): DashboardPlace[] {
  const byName = new Map(policies.map((p) => [p.name, p]));
  const want = (ms: readonly ModelSpec[], env?: DeploymentEnvironment): DesiredDashboard[] =>
    [...ms].sort((a, b) => a.name.localeCompare(b.name)).flatMap((m) => {
      const d = desiredDashboard(m, byName.get(m.policy), { region: opts.region, ...(opts.repoUrl ? { repoUrl: opts.repoUrl } : {}), ...(env ? { environment: env } : {}) });
      return d ? [d] : [];
    });
  const places: DashboardPlace[] = [];
  const groups = groupByEnvironment(models);
  const plain = groups.find((g) => !g.env);
  places.push({ models: (plain?.models ?? []).map((m) => m.name), desired: want(plain?.models ?? []) });
  for (const g of groups) if (g.env) places.push({ env: g.env, models: g.models.map((m) => m.name), desired: want(g.models, g.env) });
  return places;
}

/** The key two places share when they see the same dashboards: the account (dashboards are global in it). */
export function placeKey(where: { account: string }): string {
  return where.account;
}

/**
 * Whether place i plans the deletions of its account: the first environment of that account does
 * (the default place only when no environment shares its account), so each is planned once. A place
 * of unknown key plans its own (with namesToKeep protecting every name wanted anywhere).
 */
export function plansDeletions(places: readonly DashboardPlace[], keys: readonly (string | undefined)[], i: number): boolean {
  const key = keys[i];
  if (key === undefined) return true;
  const owner = places.findIndex((p, j) => p.env !== undefined && keys[j] === key);
  return owner === -1 ? true : owner === i;
}

/**
 * Per place, the names no deletion there may touch: those wanted in any place that is, or may be,
 * the same account. `keys[i]` is place i's key; undefined when unknown (the default place
 * without a resolved identity), which may be any place.
 */
export function namesToKeep(places: readonly DashboardPlace[], keys: readonly (string | undefined)[]): Set<string>[] {
  return places.map((_, i) => {
    const keep = new Set<string>();
    places.forEach((p, j) => {
      if (keys[i] === undefined || keys[j] === undefined || keys[i] === keys[j]) for (const d of p.desired) keep.add(d.name);
    });
    return keep;
  });
}

/**
 * Problems where two dashboards would get the same name in the same account (e.g. model
 * `churn-eu` without environments and model `churn` in environment `eu`, both `steward-churn-eu`):
 * each apply would overwrite the other's. Places of unknown key are compared only with themselves.
 */
export function nameClashes(places: readonly DashboardPlace[], keys: readonly (string | undefined)[]): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  places.forEach((p, i) => {
    for (const d of p.desired) {
      const at = `${keys[i] ?? `#${i}`}/${d.name}`;
      const who = `${d.model}${p.env ? ` in environment ${p.env.name}` : ""}`;
      const other = seen.get(at);
      if (other !== undefined) problems.push(`${other} and ${who} would both keep dashboard ${d.name} in account ${keys[i]}; rename a model or an environment`);
      else seen.set(at, who);
    }
  });
  return problems;
}

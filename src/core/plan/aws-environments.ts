/**
 * Several environments (deployment.environments): which models land where, and whether the
 * credentials of an environment are the ones it names. Pure; the AssumeRole is the adapters'.
 */
import type { DeploymentEnvironment, ModelSpec } from "../types.js";
import type { Location } from "./aws-location.js";

/** Models that share an environment; `env` undefined is the default one (the credentials as given). */
export interface EnvironmentGroup {
  env?: DeploymentEnvironment;
  models: ModelSpec[];
}

/**
 * The environments of `models` in a stable order: the default environment first (models without
 * `deployment.environments`), then each named one in the order models (by name) list them. A model
 * with environments is in each of its groups. Names are one place across models (validate's rule).
 */
export function groupByEnvironment(models: readonly ModelSpec[]): EnvironmentGroup[] {
  const sorted = [...models].sort((a, b) => a.name.localeCompare(b.name));
  const plain = sorted.filter((m) => !m.deployment?.environments?.length);
  const named = new Map<string, EnvironmentGroup>();
  for (const m of sorted) {
    for (const env of m.deployment?.environments ?? []) {
      const g = named.get(env.name) ?? { env, models: [] };
      g.models.push(m);
      named.set(env.name, g);
    }
  }
  return [...(plain.length ? [{ models: plain }] : []), ...named.values()];
}

/** Whether any model names environments (plans and reports then say which one each step is in). */
export function hasEnvironments(models: readonly ModelSpec[]): boolean {
  return models.some((m) => (m.deployment?.environments?.length ?? 0) > 0);
}

/** Problems when the environment's credentials resolved elsewhere than it names; empty when they match. */
export function environmentMismatches(env: DeploymentEnvironment, where: Location): string[] {
  const out: string[] = [];
  const how = env.roleArn ? `role ${env.roleArn} resolves to` : "the default credentials are for";
  if (where.account !== env.account) out.push(`environment ${env.name}: account is ${env.account}, but ${how} account ${where.account} (as ${where.arn}); nothing was read or changed there`);
  if (where.region !== env.region) out.push(`environment ${env.name}: region is ${env.region}, but the clients talk to ${where.region}; nothing was read or changed there`);
  return out;
}

/** "production: AWS account 1234..., region eu-west-1 (as arn:...)". */
export function describeEnvironment(name: string, where: string): string {
  return `${name}: ${where}`;
}

/**
 * deployment.environments (several accounts/regions): names and places are distinct, each role is
 * in its environment's account, and the single-place fields are not mixed in. Shape and formats
 * (12-digit account, region, role ARN) are the schema's.
 */
import type { PendingFinding } from "../check-file.js";
import { error, type Rule } from "./context.js";

const roleAccount = (arn: string) => /^arn:aws[a-z-]*:iam::([0-9]{12}):role\//.exec(arn)?.[1];

/**
 * Within a model: distinct names and places, roles in their accounts, no deployment.account/region
 * beside the list. Across models: one name is one place (plans and reports group by name).
 */
export const environmentsDistinct: Rule = ({ state }) => {
  const out: PendingFinding[] = [];
  const seen = new Map<string, { model: string; account: string; region: string; roleArn?: string }>();
  for (const m of [...state.models].sort((a, b) => a.name.localeCompare(b.name))) {
    const envs = m.deployment?.environments;
    if (!envs) continue;
    for (const k of ["account", "region"] as const) {
      if (m.deployment?.[k]) out.push(error(m.file, "environments", `/deployment/${k}`, `deployment.${k} and deployment.environments together: with environments, each one names its ${k}; remove deployment.${k}`));
    }
    const names = new Map<string, number>();
    const places = new Map<string, number>();
    envs.forEach((e, i) => {
      const at = `/deployment/environments/${i}`;
      const sameName = names.get(e.name);
      if (sameName !== undefined) out.push(error(m.file, "environments", `${at}/name`, `environment "${e.name}" is listed twice (entries ${sameName + 1} and ${i + 1}); names must be unique`));
      else names.set(e.name, i);
      const place = `${e.account}/${e.region}`;
      const samePlace = places.get(place);
      if (samePlace !== undefined) out.push(error(m.file, "environments", `${at}/region`, `environments "${envs[samePlace]!.name}" and "${e.name}" are both account ${e.account}, region ${e.region}: one endpoint cannot be deployed twice to the same place`));
      else places.set(place, i);
      const ra = e.roleArn ? roleAccount(e.roleArn) : undefined;
      if (ra && ra !== e.account) out.push(error(m.file, "environments", `${at}/roleArn`, `environment "${e.name}": roleArn is a role of account ${ra}, but the environment's account is ${e.account}; assume a role in ${e.account}`));
      const other = seen.get(e.name);
      if (!other) seen.set(e.name, { model: m.name, account: e.account, region: e.region, ...(e.roleArn ? { roleArn: e.roleArn } : {}) });
      else if (other.model !== m.name && (other.account !== e.account || other.region !== e.region || other.roleArn !== e.roleArn)) {
        out.push(error(m.file, "environments", `${at}/name`, `environment "${e.name}" is account ${other.account}, region ${other.region}${other.roleArn ? `, role ${other.roleArn}` : ""} in model ${other.model}; one name must mean one place and role across models (rename one)`));
      }
    });
  }
  return out;
};

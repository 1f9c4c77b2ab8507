import { classifyPath } from "./classify-path.js";

/**
 * Which governed files a change needs checked: every model.yaml and policy (they are few and other
 * files refer to them), and every file of a model the change touches or whose policy it changes.
 * Returns undefined when the change reaches beyond what can be scoped (a .dvc or config file
 * outside a model's folder, the schemas): then everything must be checked.
 */
export function changeScope(changed: string[], modelPolicies: ReadonlyMap<string, string>): ((path: string) => boolean) | undefined {
  const models = new Set<string>();
  const policies = new Set<string>();
  for (const path of changed) {
    const role = classifyPath(path);
    if (role.kind === "Model" || role.kind === "ModelVersion") models.add(role.model);
    else if (role.kind === "Policy") policies.add(role.policy);
    else if (path.startsWith("models/")) models.add(path.split("/")[1]!);
    else if (path.endsWith(".dvc") || path.startsWith(".dvc/") || path.startsWith("schemas/")) return undefined;
  }
  for (const [model, policy] of modelPolicies) if (policies.has(policy)) models.add(model);
  return (path) => {
    const role = classifyPath(path);
    if (role.kind === "ModelVersion") return models.has(role.model);
    return true;
  };
}

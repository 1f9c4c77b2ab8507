import { classifyPath } from "./classify-path.js";

/** The models and policies a change touches: changed directly, or a model whose policy changed. */
interface Touched {
  models: Set<string>;
  policies: Set<string>;
}

function touchedBy(changed: string[], modelPolicies: ReadonlyMap<string, string>): Touched | undefined {
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
  return { models, policies };
}

/**
 * Which governed files a change needs checked: every model.yaml and policy (they are few and other
 * files refer to them), and every file of a model the change touches or whose policy it changes.
 * Returns undefined when the change reaches beyond what can be scoped (a .dvc or config file
 * outside a model's folder, the schemas): then everything must be checked.
 */
export function changeScope(changed: string[], modelPolicies: ReadonlyMap<string, string>): ((path: string) => boolean) | undefined {
  const t = touchedBy(changed, modelPolicies);
  if (!t) return undefined;
  return (path) => {
    const role = classifyPath(path);
    if (role.kind === "ModelVersion") return t.models.has(role.model);
    return true;
  };
}

/**
 * Which files a change answers for: the files of the models it touches (or whose policy it
 * changes), the policies it changes, and anything outside models/ and policies/ (pointers the
 * touched files name). A finding in any other file was there before the change: a note, not the
 * change's error. Undefined when the change cannot be scoped (it answers for everything).
 */
export function changeAnswersFor(changed: string[], modelPolicies: ReadonlyMap<string, string>): ((path: string) => boolean) | undefined {
  const t = touchedBy(changed, modelPolicies);
  if (!t) return undefined;
  return (path) => {
    const role = classifyPath(path);
    if (role.kind === "Model" || role.kind === "ModelVersion") return t.models.has(role.model);
    if (role.kind === "Policy") return t.policies.has(role.policy);
    if (path.startsWith("models/")) return t.models.has(path.split("/")[1]!);
    return !path.startsWith("policies/");
  };
}

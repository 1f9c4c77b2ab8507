import { error, type Rule } from "./context.js";

/** models/<dir>/model.yaml has name: <dir>. */
export const modelNameMatchesFolder: Rule = ({ state }) =>
  state.models
    .filter((m) => m.dir !== `models/${m.name}`)
    .map((m) => error(m.file, "name-mismatch", "/name", `name "${m.name}" must equal the folder name "${m.dir.slice("models/".length)}"`));

/** models/<m>/versions/<v>.yaml has model: <m> and version: <v>. */
export const versionMatchesFile: Rule = ({ state }) =>
  state.versions.flatMap((v) => {
    const [, folder, , base] = v.file.split("/");
    const out = [];
    if (v.model !== folder) out.push(error(v.file, "name-mismatch", "/model", `model "${v.model}" must equal the folder name "${folder}"`));
    const expected = base!.replace(/\.yaml$/, "");
    if (v.version !== expected) out.push(error(v.file, "name-mismatch", "/version", `version "${v.version}" must equal the file name "${expected}" (the file is ${expected}.yaml)`));
    return out;
  });

/** Every version folder belongs to a model that has a model.yaml. */
export const versionsHaveModel: Rule = ({ state, invalidFiles }) => {
  const dirs = new Set(state.models.map((m) => m.dir));
  return state.versions
    .filter((v) => {
      const dir = v.file.split("/").slice(0, 2).join("/");
      return !dirs.has(dir) && !invalidFiles.has(`${dir}/model.yaml`);
    })
    .map((v) => error(v.file, "orphan-version", "", `no model file for this version: ${v.file.split("/").slice(0, 2).join("/")}/model.yaml does not exist`));
};

/** policies/<name>.yaml has name: <name>. */
export const policyNameMatchesFile: Rule = ({ state }) =>
  state.policies.flatMap((p) => {
    const expected = p.file.slice("policies/".length).replace(/\.yaml$/, "");
    return p.name === expected ? [] : [error(p.file, "name-mismatch", "/name", `name "${p.name}" must equal the file name "${expected}"`)];
  });

/** No two models deploy to the same SageMaker endpoint or register under the same MLflow name. */
export const uniqueTargets: Rule = ({ state }) => {
  const out = [];
  const endpoints = new Map<string, string>();
  const mlflow = new Map<string, string>();
  for (const m of state.models) {
    const ep = m.deployment?.sagemaker?.endpoint;
    if (ep && endpoints.has(ep)) out.push(error(m.file, "duplicate-target", "/deployment/sagemaker/endpoint", `endpoint "${ep}" is already used by model "${endpoints.get(ep)}"`));
    else if (ep) endpoints.set(ep, m.name);
    const reg = m.registry?.mlflow?.name;
    if (reg && mlflow.has(reg)) out.push(error(m.file, "duplicate-target", "/registry/mlflow/name", `MLflow model "${reg}" is already used by model "${mlflow.get(reg)}"`));
    else if (reg) mlflow.set(reg, m.name);
  }
  return out;
};

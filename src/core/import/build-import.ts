/**
 * Joins what MLflow and SageMaker say about each model into the files `steward import` writes:
 * one model draft and its version drafts per model. Where the two disagree, the endpoint (what
 * serves) wins and the disagreement is listed. Pure.
 */
import { STARTER, type ModelDraft, type Unmapped, type VersionDraftOut } from "./import-types.js";
import type { MlflowMapped } from "./map-mlflow.js";
import type { EndpointMapping } from "./map-sagemaker.js";

/** DVC's tracked path is not recorded in AWS: an inline artifact names the archive SageMaker serves. */
export const SERVED_ARCHIVE = "model.tar.gz";

export interface ImportedModel {
  model: ModelDraft;
  versions: VersionDraftOut[];
}

export interface ImportBuild {
  models: ImportedModel[];
  unmapped: Unmapped[];
  notes: string[];
}

/** Merges mapped MLflow models and endpoints by model name, in name order. */
export function buildImport(mlflow: MlflowMapped[], endpoints: EndpointMapping[], opts: { fallbackPolicy: string }): ImportBuild {
  const unmapped: Unmapped[] = [];
  const notes: string[] = [];
  const byName = new Map<string, ImportedModel & { md5: Record<string, string> }>();
  for (const m of mlflow) {
    unmapped.push(...m.unmapped);
    notes.push(...m.notes);
    const other = byName.get(m.model.name);
    if (other) {
      unmapped.push({ resource: `models:/${m.model.registry!.mlflow.name}`, reason: `its model name "${m.model.name}" is registered model ${other.model.registry?.mlflow.name}'s already` });
      continue;
    }
    byName.set(m.model.name, { model: m.model, versions: m.versions, md5: m.dvcMd5 });
  }

  for (const e of endpoints) {
    if (!e.ok) {
      unmapped.push(...e.reasons.map((reason) => ({ resource: `endpoint/${e.endpoint}`, reason })));
      continue;
    }
    notes.push(...e.notes);
    let entry = byName.get(e.model);
    const placeholders = e.placeholders;
    if (!entry) {
      entry = {
        model: {
          name: e.model, description: `Imported from SageMaker endpoint ${e.deployment.endpoint}: say what it predicts, and for whom.`, owners: [...STARTER.owners], task: STARTER.task, policy: opts.fallbackPolicy,
          tags: {}, stages: {}, placeholders: ["description (SageMaker has none)", "owners (not in SageMaker)", "task (not in SageMaker)", "policy (not in SageMaker)"],
        },
        versions: [],
        md5: {},
      };
      byName.set(e.model, entry);
    }
    const { model } = entry;
    if (model.deployment) {
      unmapped.push({ resource: `endpoint/${e.deployment.endpoint}`, reason: `model ${e.model} is deployed to endpoint ${model.deployment.sagemaker.endpoint} already (one endpoint per model)` });
      continue;
    }
    const stage = e.deployment.stage;
    const conflicts: string[] = [];
    for (const s of e.served) {
      let v = entry.versions.find((x) => x.version === s.version);
      if (!v) {
        v = { model: e.model, version: s.version, archived: false, environment: {}, tags: {}, lineage: {} };
        entry.versions.push(v);
        if (model.registry) conflicts.push(`version ${s.version} serves on the endpoint but is not in MLflow; the plan registers it from its DVC artifact`);
      }
      if (v.archived) conflicts.push(`version ${s.version} serves on the endpoint but is archived in MLflow`);
      const md5 = entry.md5[s.version];
      if (md5 !== undefined && md5 !== s.md5) conflicts.push(`version ${s.version}: MLflow's steward.dvc_md5 is ${md5}, the endpoint serves ${s.md5}`);
      v.image = s.image;
      v.artifact = { kind: "inline", md5: s.md5, path: SERVED_ARCHIVE, ...(s.remote ? { remote: s.remote } : {}) };
      v.environment = s.environment;
    }
    const served = [...e.served].sort((a, b) => b.weight - a.weight).map((s) => ({ version: s.version, weight: s.weight }));
    const current = model.stages[stage];
    const sameSplit = current && current.length === served.length && served.every((s) => current.some((c) => c.version === s.version && c.weight === s.weight));
    if (current && !sameSplit) conflicts.push(`MLflow serves stage ${stage} as ${describe(current)}, the endpoint as ${describe(served)}; the files follow the endpoint`);
    if (!sameSplit) model.stages[stage] = served;
    model.deployment = { sagemaker: e.deployment };
    model.placeholders.push(...placeholders);
    unmapped.push(...conflicts.map((reason) => ({ resource: `endpoint/${e.deployment.endpoint}`, reason })));
  }

  const models = [...byName.values()]
    .map(({ model, versions }) => ({ model, versions: [...versions].sort((a, b) => Number(a.mlflow?.modelVersion ?? Infinity) - Number(b.mlflow?.modelVersion ?? Infinity) || a.version.localeCompare(b.version)) }))
    .sort((a, b) => a.model.name.localeCompare(b.model.name));
  return { models, unmapped, notes };
}

const describe = (variants: { version: string; weight: number }[]) => variants.map((v) => (variants.length > 1 ? `${v.version} (${v.weight}%)` : v.version)).join(" + ");

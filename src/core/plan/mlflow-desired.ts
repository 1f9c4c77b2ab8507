/**
 * What the repository wants MLflow to hold, per registered model. Pure: RepoState and options in,
 * desired registered models out.
 *
 * Decisions (documented in docs/mlflow.md):
 * - A stage's alias (default: the stage name) points at its single version, or for a weighted split
 *   at the variant with the largest weight (the first listed on a tie). Every variant of a split gets
 *   the tag `steward.traffic.<stage>` = its weight, so the split is visible in MLflow.
 * - Legacy stages, when asked for: a version in `production` -> Production, in `staging` -> Staging
 *   (production wins when in both), archived -> Archived, any other version of the repository -> None.
 */
import type { ModelSpec, ModelVersionSpec, RepoState } from "../types.js";
import { TAG, legacyStageOf } from "./mlflow-tags.js";
import { dvc3ObjectUrl, type DvcRemotes } from "./sagemaker-model-data.js";

export interface MlflowPlanOptions {
  /** The commit being applied; becomes steward.git_commit of versions without lineage.commit, when first tagged. */
  commit?: string;
  /** e.g. https://github.com/acme/models, for model card links. */
  repoUrl?: string;
  /** The DVC remotes of .dvc/config, for versions registered from their DVC artifact (no run id). */
  remotes?: DvcRemotes;
}

export interface DesiredMlflowVersion {
  /** The repository's version name. */
  stewardVersion: string;
  file: string;
  archived: boolean;
  /** mlflow.modelVersion of the version file, when recorded. */
  recordedNumber?: string;
  runId?: string;
  /** The model's path in the run's artifacts (`mlflow.artifactPath`, default "model"), when there is a run. */
  artifactPath?: string;
  /** Where a new MLflow version would point: runs:/<runId>/<artifactPath>, else the DVC object URL; undefined with `sourceError`. */
  source?: string;
  sourceError?: string;
  description?: string;
  /** Tags that must have exactly these values. */
  tags: Record<string, string>;
  /** Tags set only when absent (their value depends on when apply runs). */
  tagsIfMissing: Record<string, string>;
  /** Legacy stage wanted, when the model asks for legacy stages. */
  legacyStage?: "None" | "Staging" | "Production" | "Archived";
}

export interface DesiredAlias {
  alias: string;
  stage: string;
  stewardVersion: string;
}

export interface DesiredRegisteredModel {
  /** The repository's model name. */
  model: string;
  /** The registered model's name in MLflow. */
  name: string;
  description: string;
  tags: Record<string, string>;
  aliases: DesiredAlias[];
  versions: DesiredMlflowVersion[];
  legacyStages: boolean;
}

/** The desired registered models, in the repository's model order; models without `registry.mlflow` are left out. */
export function desiredMlflowModels(state: RepoState, opts: MlflowPlanOptions = {}): DesiredRegisteredModel[] {
  return state.models.flatMap((spec) => {
    const ref = spec.registry?.mlflow;
    if (!ref) return [];
    const versions = state.versions.filter((v) => v.model === spec.name);
    const aliases = stageAliases(spec);
    const traffic = trafficTags(spec);
    const legacy = ref.legacyStages ? legacyStages(spec) : undefined;
    return [
      {
        model: spec.name,
        name: ref.name,
        description: spec.description,
        tags: { ...spec.tags, [TAG.owners]: spec.owners.join(","), [TAG.task]: spec.task, [TAG.policy]: spec.policy },
        aliases,
        legacyStages: ref.legacyStages,
        versions: versions.map((v) => desiredVersion(spec, v, state, opts, traffic.get(v.version) ?? {}, legacy)),
      },
    ];
  });
}

function stageAliases(spec: ModelSpec): DesiredAlias[] {
  // `aliases: false`: the registry works by legacy stages only; no alias is set or recorded.
  if (spec.registry?.mlflow?.manageAliases === false) return [];
  const aliases = spec.registry?.mlflow?.aliases ?? {};
  return Object.entries(spec.stages).flatMap(([stage, assignment]) => {
    const lead = [...assignment.variants].sort((a, b) => b.weight - a.weight)[0];
    return lead ? [{ alias: aliases[stage] ?? stage, stage, stewardVersion: lead.version }] : [];
  });
}

function trafficTags(spec: ModelSpec): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const [stage, assignment] of Object.entries(spec.stages)) {
    if (assignment.variants.length < 2) continue;
    for (const v of assignment.variants) {
      const tags = out.get(v.version) ?? {};
      tags[`${TAG.trafficPrefix}${stage}`] = String(v.weight);
      out.set(v.version, tags);
    }
  }
  return out;
}

function legacyStages(spec: ModelSpec): Map<string, "Staging" | "Production"> {
  const out = new Map<string, "Staging" | "Production">();
  for (const [stage, assignment] of Object.entries(spec.stages)) {
    const legacy = legacyStageOf(stage);
    if (!legacy) continue;
    for (const v of assignment.variants) if (out.get(v.version) !== "Production") out.set(v.version, legacy);
  }
  return out;
}

function desiredVersion(
  spec: ModelSpec,
  v: ModelVersionSpec,
  state: RepoState,
  opts: MlflowPlanOptions,
  traffic: Record<string, string>,
  legacy: Map<string, "Staging" | "Production"> | undefined,
): DesiredMlflowVersion {
  const md5 = artifactMd5(v, state);
  const tags: Record<string, string> = { ...v.tags, ...traffic, [TAG.version]: v.version };
  if (md5) tags[TAG.dvcMd5] = md5.md5;
  if (opts.repoUrl) tags[TAG.modelCard] = `${opts.repoUrl.replace(/\/+$/, "")}/blob/HEAD/${spec.dir}/MODEL_CARD.md`;
  if (v.archived) tags[TAG.archived] = "true";
  if (v.lineage.commit) tags[TAG.gitCommit] = v.lineage.commit;
  const tagsIfMissing: Record<string, string> = {};
  if (!v.lineage.commit && opts.commit) tagsIfMissing[TAG.gitCommit] = opts.commit;

  const out: DesiredMlflowVersion = { stewardVersion: v.version, file: v.file, archived: v.archived, tags, tagsIfMissing };
  if (v.mlflow?.modelVersion !== undefined) out.recordedNumber = String(v.mlflow.modelVersion);
  if (v.mlflow?.runId) out.runId = v.mlflow.runId;
  if (v.notes !== undefined) out.description = v.notes;
  if (v.mlflow?.runId) {
    out.artifactPath = v.mlflow.artifactPath ?? "model";
    out.source = `runs:/${v.mlflow.runId}/${out.artifactPath}`;
  }
  else if (!md5) out.sourceError = "no MLflow run id and no DVC artifact md5 to register it from";
  else {
    const name = md5.remote ?? opts.remotes?.defaultRemote;
    const url = name ? opts.remotes?.remotes[name] : undefined;
    if (url) out.source = dvc3ObjectUrl(url, md5.md5);
    else out.sourceError = `no MLflow run id, and DVC remote ${name ? `"${name}" is not in .dvc/config` : "is not configured"}`;
  }
  if (legacy) out.legacyStage = v.archived ? "Archived" : (legacy.get(v.version) ?? "None");
  return out;
}

function artifactMd5(v: ModelVersionSpec, state: RepoState): { md5: string; remote?: string } | undefined {
  if (!v.artifact) return undefined;
  if (v.artifact.kind === "inline") return { md5: v.artifact.md5, remote: v.artifact.remote };
  const out = state.pointers.get(v.artifact.dvc)?.outs[0];
  return out ? { md5: out.md5, remote: out.remote } : undefined;
}

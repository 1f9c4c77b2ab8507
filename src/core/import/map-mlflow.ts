/**
 * One live MLflow registered model -> a model draft and version drafts: the inverse of
 * src/core/plan/mlflow-desired.ts, so that the MLflow plan of the written files finds nothing to do
 * where the registry holds everything the files need. Pure.
 *
 * Rules (docs/import.md):
 * - a version's label is its `steward.version` tag, else its MLflow number; it records
 *   `mlflow.modelVersion` and the run it came from; a version without a run is not imported;
 * - aliases are stages (the alias name is the stage name, or `registry.mlflow.aliases` maps a
 *   stage to it); when the model has a `steward.aliases` tag, only those aliases are stages and the
 *   others stay as they are; `steward.traffic.<stage>` tags make a weighted split;
 * - legacy stages are kept (`legacyStages: true`) only when they are exactly what steward would
 *   set; otherwise they are listed and left to MLflow;
 * - owners, task and policy come from the `steward.*` tags; without them, starter values are
 *   written and listed as placeholders, as is a description MLflow does not have.
 */
import { isStewardTag, legacyStageOf, TAG } from "../plan/mlflow-tags.js";
import type { LiveModelVersion, LiveRegisteredModel, LiveRun } from "../plan/registry-state.js";
import { STARTER, type MappedModel, type ModelDraft, type Unmapped, type VersionDraftOut } from "./import-types.js";
import { isArtifactPath, isCommit, isCopyableTag, isOwner, isRunId, isVersionLabel, modelNameFor } from "./import-names.js";

const NOTES_MAX = 8000;

export interface MlflowMapOptions {
  /** Policies the repository has: name and promotion order (the stage names a model may use). */
  policies: { name: string; order: string[] }[];
  /** The policy to use when the model's `steward.policy` tag names none of them. */
  fallbackPolicy: string;
}

/** The mapping, plus what merging with SageMaker needs: each imported version's DVC md5 tag. */
export interface MlflowMapped extends MappedModel {
  dvcMd5: Record<string, string>;
}

/** Maps one registered model; `runs` holds the runs read for versions whose source is not `runs:/` (for artifactPath). */
export function mapMlflowModel(live: LiveRegisteredModel, runs: Record<string, LiveRun>, opts: MlflowMapOptions): MlflowMapped | { unmapped: Unmapped[] } {
  const name = modelNameFor(live.name);
  if (!name) return { unmapped: [{ resource: `models:/${live.name}`, reason: "its name has no letters or digits to make a model name of" }] };
  const unmapped: Unmapped[] = [];
  const notes: string[] = [];
  const uri = (v: LiveModelVersion) => `models:/${live.name}/${v.version}`;

  // Labels: tagged versions claim theirs first (lowest number wins), then untagged ones their number.
  const byNumber = [...live.versions].sort((a, b) => Number(a.version) - Number(b.version));
  // In a model steward manages (its versions carry steward.version), an untagged version was registered
  // outside steward: the plan leaves it alone, so it is imported only when a stage serves it.
  const managedModel = live.versions.some((v) => v.tags[TAG.version] !== undefined);
  const managedTag = live.tags[TAG.aliases];
  const managed = managedTag === undefined ? undefined : new Set(managedTag.split(",").filter(Boolean));
  const served = new Set(Object.entries(live.aliases).filter(([a]) => !managed || managed.has(a)).map(([, n]) => n));
  const labelOf = new Map<string, string>(); // MLflow number -> label
  const taken = new Map<string, string>(); // label -> MLflow number
  for (const pass of ["tagged", "untagged"] as const) {
    for (const v of byNumber) {
      const tag = v.tags[TAG.version];
      if ((pass === "tagged") !== (tag !== undefined)) continue;
      if (pass === "untagged" && managedModel && !served.has(v.version)) {
        notes.push(`${uri(v)}: registered outside steward (no ${TAG.version} tag) and in no stage; not imported, the plan leaves it as it is`);
        continue;
      }
      const label = tag ?? v.version;
      if (!isVersionLabel(label)) {
        unmapped.push({ resource: uri(v), reason: `its ${TAG.version} tag "${label}" is not a version label` });
        continue;
      }
      const owner = taken.get(label);
      if (owner !== undefined) {
        unmapped.push({ resource: uri(v), reason: `version label "${label}" is MLflow version ${owner}'s already${tag !== undefined ? ` (both are tagged ${TAG.version}=${label})` : ""}` });
        continue;
      }
      if (!v.runId || !isRunId(v.runId)) {
        unmapped.push({ resource: uri(v), reason: v.runId ? `run id "${v.runId}" is not an MLflow run id` : `registered without a run (source ${v.source ?? "unknown"}); a version file needs mlflow.runId or a DVC artifact` });
        continue;
      }
      taken.set(label, v.version);
      labelOf.set(v.version, label);
    }
  }

  const versions: VersionDraftOut[] = [];
  const dvcMd5: Record<string, string> = {};
  const traffic = new Map<string, Record<string, string>>(); // label -> steward.traffic.* tags
  for (const v of byNumber) {
    const label = labelOf.get(v.version);
    if (label === undefined) continue;
    const draft: VersionDraftOut = { model: name, version: label, archived: v.tags[TAG.archived] === "true", mlflow: { runId: v.runId!, modelVersion: v.version }, environment: {}, tags: {}, lineage: {} };
    const path = artifactPath(v, runs[v.runId!]);
    if (path.path !== undefined && path.path !== "model") draft.mlflow!.artifactPath = path.path;
    if (path.note) notes.push(`${uri(v)}: ${path.note}`);
    const commit = v.tags[TAG.gitCommit];
    if (commit !== undefined && isCommit(commit)) draft.lineage.commit = commit;
    else if (commit !== undefined) unmapped.push({ resource: uri(v), reason: `tag ${TAG.gitCommit}="${commit}" is not a git commit id; lineage.commit left out` });
    if (v.description) {
      if (v.description.length <= NOTES_MAX) draft.notes = v.description;
      else unmapped.push({ resource: uri(v), reason: `its description is longer than the ${NOTES_MAX} characters notes may hold; left out (MLflow keeps it)` });
    }
    for (const [k, value] of Object.entries(v.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (isStewardTag(k)) continue;
      if (isCopyableTag(k, value)) draft.tags[k] = value;
      else notes.push(`${uri(v)}: tag "${k}" is not one a version file may carry; left in MLflow only`);
    }
    const split = Object.fromEntries(Object.entries(v.tags).filter(([k]) => k.startsWith(TAG.trafficPrefix)));
    if (Object.keys(split).length) traffic.set(label, split);
    const md5 = v.tags[TAG.dvcMd5];
    if (md5 !== undefined) {
      dvcMd5[label] = md5;
      notes.push(`${uri(v)}: ${TAG.dvcMd5}=${md5} names its DVC artifact, but not the path DVC tracks; artifact left out unless an endpoint serves it (the plan ignores the tag then)`);
    }
    versions.push(draft);
  }
  const drafts = new Map(versions.map((d) => [d.version, d]));

  // Stages from aliases (only steward's own when it recorded them), splits from the traffic tags.
  const tagPolicy = live.tags[TAG.policy];
  const policy = tagPolicy !== undefined && opts.policies.some((p) => p.name === tagPolicy) ? tagPolicy : opts.fallbackPolicy;
  const order = opts.policies.find((p) => p.name === policy)?.order ?? ["staging", "production"];
  const stages: ModelDraft["stages"] = {};
  const aliases: Record<string, string> = {};
  // An alias is a stage when it names one of the policy's stages; otherwise the legacy stage of the
  // version it points at (Production, Staging) says which stage it serves, when that stage is free.
  const candidates = Object.entries(live.aliases).sort(([a], [b]) => a.localeCompare(b)).filter(([alias]) => {
    if (!managed || managed.has(alias)) return true;
    notes.push(`models:/${live.name}@${alias}: set outside steward (not in ${TAG.aliases}); not imported as a stage, left as it is`);
    return false;
  });
  const stageOf = new Map<string, string>();
  for (const [alias] of candidates) if (order.includes(alias)) stageOf.set(alias, alias);
  for (const [alias, number] of candidates) {
    if (stageOf.has(alias)) continue;
    const legacy = live.versions.find((v) => v.version === number)?.stage.toLowerCase();
    if (legacy && order.includes(legacy) && ![...stageOf.values()].includes(legacy)) stageOf.set(alias, legacy);
  }
  for (const [alias, number] of candidates) {
    const where = `models:/${live.name}@${alias}`;
    const stage = stageOf.get(alias);
    if (!stage) {
      unmapped.push({ resource: where, reason: `"${alias}" is no stage of policy ${policy} (${order.join(", ")}) and nothing says which stage it serves; map it by hand with registry.mlflow.aliases: { <stage>: ${alias} }` });
      continue;
    }
    const label = labelOf.get(number);
    const draft = label === undefined ? undefined : drafts.get(label);
    if (!draft || draft.archived) {
      unmapped.push({ resource: where, reason: draft ? `points at archived version ${draft.version}` : `points at MLflow version ${number}, which is not imported` });
      continue;
    }
    if (stage !== alias) aliases[stage] = alias;
    stages[stage] = splitOf(stage, draft.version, versions, traffic, unmapped, live.name) ?? [{ version: draft.version, weight: 100 }];
  }
  // Traffic tags of a stage without an alias: the plan would remove them; say so.
  for (const d of versions) {
    const v = live.versions.find((x) => x.version === d.mlflow!.modelVersion)!;
    for (const k of Object.keys(v.tags)) {
      if (!k.startsWith(TAG.trafficPrefix)) continue;
      const stage = k.slice(TAG.trafficPrefix.length);
      if (!stages[stage]) unmapped.push({ resource: uri(v), reason: `tag ${k} names stage "${stage}", which no imported alias serves` });
    }
  }

  // Legacy stages: a stage no alias serves comes from its legacy stage when one version holds it; legacy
  // stages are kept (legacyStages: true, Archived as archived) only when they are exactly what steward sets.
  const liveStage = (d: VersionDraftOut) => live.versions.find((x) => x.version === d.mlflow!.modelVersion)!.stage;
  const usesLegacy = versions.some((d) => liveStage(d) === "Production" || liveStage(d) === "Staging");
  let legacyStages = false;
  if (usesLegacy) {
    for (const [legacy, stage] of [["Production", "production"], ["Staging", "staging"]] as const) {
      const holders = versions.filter((d) => liveStage(d) === legacy && !d.archived);
      if (!stages[stage] && holders.length === 1) stages[stage] = [{ version: holders[0]!.version, weight: 100 }];
    }
    const inStage = (d: VersionDraftOut) => Object.values(stages).some((vs) => vs.some((x) => x.version === d.version));
    const archive = versions.filter((d) => liveStage(d) === "Archived" && !d.archived && !inStage(d));
    const wanted = (d: VersionDraftOut): string => {
      if (d.archived || archive.includes(d)) return "Archived";
      let out = "None";
      for (const [stage, variants] of Object.entries(stages)) {
        const legacy = legacyStageOf(stage);
        if (legacy && variants.some((x) => x.version === d.version) && out !== "Production") out = legacy;
      }
      return out;
    };
    legacyStages = versions.every((d) => liveStage(d) === wanted(d));
    if (legacyStages) for (const d of archive) d.archived = true;
    else {
      for (const d of versions) {
        const stage = liveStage(d);
        if (stage !== "None" && wanted(d) !== stage) unmapped.push({ resource: `models:/${live.name}/${d.mlflow!.modelVersion}`, reason: `legacy stage ${stage} is not what steward would set from the stages (${wanted(d)}); legacy stages not imported, MLflow keeps them` });
      }
    }
  }

  const placeholders: string[] = [];
  const owners = (live.tags[TAG.owners] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const ownersOk = owners.length > 0 && owners.every(isOwner) && new Set(owners).size === owners.length;
  if (!ownersOk) placeholders.push(`owners (no valid ${TAG.owners} tag)`);
  const task = live.tags[TAG.task]?.trim();
  if (!task) placeholders.push(`task (no ${TAG.task} tag)`);
  if (policy !== tagPolicy) placeholders.push(tagPolicy === undefined ? `policy (no ${TAG.policy} tag)` : `policy (${TAG.policy}="${tagPolicy}" is not in policies/)`);
  const description = live.description.trim() ? live.description : `Imported from MLflow registered model ${live.name}: say what it predicts, and for whom.`;
  if (!live.description.trim()) placeholders.push("description (MLflow has none)");
  const tags: Record<string, string> = {};
  for (const [k, value] of Object.entries(live.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (isStewardTag(k)) continue;
    if (isCopyableTag(k, value)) tags[k] = value;
    else notes.push(`models:/${live.name}: tag "${k}" is not one model.yaml may carry; left in MLflow only`);
  }

  // A registry that works by legacy stages only (no alias at all, stages kept as they are): `aliases: false`,
  // so the plan adds no @stage alias (a person removes it to have apply add them).
  const noAliases = legacyStages && Object.keys(live.aliases).length === 0 && Object.keys(stages).length > 0;
  if (noAliases) notes.push(`models:/${live.name}: stages by legacy stage only (no alias in MLflow): written with registry.mlflow.aliases: false, so apply sets no @stage alias; remove it to have apply add them`);

  // Stages (and their aliases) in the policy's promotion order, as a person writes them.
  const rank = (stage: string) => (order.includes(stage) ? order.indexOf(stage) : order.length);
  const inOrder = <T>(rec: Record<string, T>) => Object.fromEntries(Object.entries(rec).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)));
  const model: ModelDraft = {
    name,
    description,
    owners: ownersOk ? owners : [...STARTER.owners],
    task: task || STARTER.task,
    policy,
    tags,
    registry: { mlflow: { name: live.name, aliases: inOrder(aliases), legacyStages, ...(noAliases ? { noAliases: true as const } : {}) } },
    stages: inOrder(stages),
    placeholders,
  };
  return { model, versions, unmapped, notes, dvcMd5 };
}

/** The model's path in the run's artifacts, from the version's source. */
function artifactPath(v: LiveModelVersion, run: LiveRun | undefined): { path?: string; note?: string } {
  const source = (v.source ?? "").replace(/\/+$/, "");
  const prefix = `runs:/${v.runId}/`;
  let path: string | undefined;
  if (source.startsWith(prefix)) path = source.slice(prefix.length);
  else if (run?.artifactUri && source.startsWith(`${run.artifactUri.replace(/\/+$/, "")}/`)) path = source.slice(run.artifactUri.replace(/\/+$/, "").length + 1);
  if (path === undefined) return { note: `source ${v.source ?? "(none)"} is not inside run ${v.runId}'s artifacts; mlflow.artifactPath left at its default` };
  if (!isArtifactPath(path)) return { note: `artifact path "${path}" is not one a version file may name; left at its default` };
  return { path };
}

/** The stage's split from `steward.traffic.<stage>` tags, when they form one led by the alias's version; undefined otherwise. */
function splitOf(stage: string, lead: string, versions: VersionDraftOut[], traffic: Map<string, Record<string, string>>, unmapped: Unmapped[], registered: string): { version: string; weight: number }[] | undefined {
  const key = `${TAG.trafficPrefix}${stage}`;
  const weighted = versions.flatMap((d) => {
    const w = traffic.get(d.version)?.[key];
    return w === undefined ? [] : [{ version: d.version, raw: w, weight: Number(w) }];
  });
  if (weighted.length === 0) return undefined;
  const sum = weighted.reduce((s, x) => s + x.weight, 0);
  const valid = weighted.length >= 2 && weighted.length <= 10 && weighted.every((x) => Number.isInteger(x.weight) && x.weight >= 1 && x.weight <= 99 && String(x.weight) === x.raw) && sum === 100;
  const max = Math.max(...weighted.map((x) => x.weight));
  const leadEntry = weighted.find((x) => x.version === lead);
  if (!valid || !leadEntry || leadEntry.weight !== max) {
    unmapped.push({ resource: `models:/${registered}@${stage}`, reason: `the ${key} tags (${weighted.map((x) => `${x.version}=${x.raw}`).join(", ")}) are not a split led by the alias's version ${lead}; imported as ${lead} alone` });
    return undefined;
  }
  const rest = weighted.filter((x) => x.version !== lead).sort((a, b) => b.weight - a.weight);
  return [leadEntry, ...rest].map(({ version, weight }) => ({ version, weight }));
}

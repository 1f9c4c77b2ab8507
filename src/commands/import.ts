/**
 * `steward import`: writes models/ and versions/ from the live MLflow registry and SageMaker
 * endpoints, renders each model card, then checks its own work: the written files must validate,
 * and the plan against the same live state must find nothing to change. Whatever it could not map
 * (and every change that plan would still make) is listed; the run then ends with findings (exit 1).
 * The plan's bookkeeping steps (steward's own tags, which a registry steward never managed lacks)
 * are listed too, as what the first apply records; they do not make the import inexact.
 * Reads MLflow and AWS only; never writes to them.
 */
import { buildImport, type ImportBuild } from "../core/import/build-import.js";
import type { Unmapped } from "../core/import/import-types.js";
import { modelNameFor } from "../core/import/import-names.js";
import { mapMlflowModel, type MlflowMapped } from "../core/import/map-mlflow.js";
import { mapEndpoint, type EndpointMapping, type LiveEndpointFacts, type LiveSageMakerModel } from "../core/import/map-sagemaker.js";
import { renderModelYaml, renderVersionFile } from "../core/import/render-import-yaml.js";
import { describeError } from "../core/errors.js";
import { starterFiles } from "../core/init/starter-layout.js";
import { variantResourceId } from "../core/plan/sagemaker-desired.js";
import type { PlanStep } from "../core/plan/types.js";
import type { Finding } from "../core/result.js";
import type { RepoState } from "../core/types.js";
import type { GitHistory, Logger, ModelRegistry, RegistryCatalog, RepoFiles, SageMakerAws, SageMakerInventory } from "../ports.js";
import { loadRepo } from "./load-repo.js";
import { readDvcRemotes } from "./read-dvc-remotes.js";
import { mlflowReconciler } from "./reconcile-mlflow.js";
import { sagemakerReconciler } from "./reconcile-sagemaker.js";
import type { PlanContext, TargetReconciler } from "./reconcilers.js";
import { renderCards } from "./render-cards.js";

export type ImportSource = "mlflow" | "sagemaker";

export interface ImportDeps {
  files: RepoFiles;
  git: GitHistory;
  /** Absent: MLflow is not configured (the reason is in `skipped`). */
  mlflow?: { registry: ModelRegistry; catalog: RegistryCatalog };
  sagemaker?: { aws: SageMakerAws; inventory: SageMakerInventory };
  /** Why a source is not configured, by source. */
  skipped?: Partial<Record<ImportSource, string>>;
  logger: Logger;
}

export interface ImportOptions {
  /** The sources to read. */
  sources: ImportSource[];
  /** Only this model (its repository name, or its registered-model name in MLflow). */
  model?: string;
  /** Overwrite files that exist. */
  force: boolean;
  /** As plan gets them (GITHUB_SHA, GITHUB_REPOSITORY): the check plans as `steward plan` would here. */
  commit?: string;
  repoUrl?: string;
  now: Date;
}

export interface SourceReport {
  source: ImportSource;
  status: "read" | "skipped";
  reason?: string;
  /** Registered models or endpoints found. */
  found: number;
}

export interface ImportReport {
  sources: SourceReport[];
  /** Models written, by name. */
  models: string[];
  /** Files written, repository-relative. */
  written: string[];
  /** Models not written because their files exist (no --force). */
  kept: { model: string; files: string[] }[];
  unmapped: Unmapped[];
  /** Fields written with starter values (not in the live state), per model. */
  placeholders: { model: string; field: string }[];
  notes: string[];
  /** Validation errors in the written files. */
  findings: Finding[];
  /** What `steward plan` would still change for the imported models: empty when import mapped everything. */
  remaining: PlanStep[];
  /**
   * Bookkeeping steps of that plan: steward's own `steward.*` tags the first apply records (a registry
   * steward never managed has none). They change nothing that serves, so the import is still exact.
   */
  bookkeeping: PlanStep[];
  /** Plan errors, or why the check could not plan a target. */
  planProblems: string[];
  /** Whether the run must end with findings (exit 1). */
  incomplete: boolean;
}

/** Imports, writes, renders cards and checks. Throws ExternalError when MLflow or AWS cannot be read (nothing is written then). */
export async function runImport(deps: ImportDeps, opts: ImportOptions): Promise<ImportReport> {
  const sources: SourceReport[] = [];
  // An empty repository is where import starts; any other repository keeps its policies.
  const governed = [...(await deps.files.list("models")), ...(await deps.files.list("policies"))].some((p) => /\.ya?ml$/.test(p));
  const found = governed ? (await loadRepo({ files: deps.files })).state.policies.map((p) => ({ name: p.name, order: p.promotion.order })) : [];
  // Without a policy, import writes init's starter policy (default) and the models follow it.
  const starterPolicy = found.length === 0;
  const policies = starterPolicy ? [{ name: "default", order: ["staging", "production"] }] : found;
  const fallbackPolicy = policies.some((p) => p.name === "default") ? "default" : policies.length === 1 ? policies[0]!.name : "default";
  const remotes = await readDvcRemotes(deps.files);

  // Read everything first: a failed read writes nothing.
  const mlflow: MlflowMapped[] = [];
  const early: Unmapped[] = [];
  if (opts.sources.includes("mlflow")) {
    if (!deps.mlflow) sources.push({ source: "mlflow", status: "skipped", reason: deps.skipped?.mlflow ?? "MLflow is not configured", found: 0 });
    else {
      const names = (await deps.mlflow.catalog.registeredModels()).filter((n) => !opts.model || n === opts.model || modelNameFor(n) === opts.model);
      deps.logger.info(`mlflow: reading ${names.length} registered model(s) from ${deps.mlflow.registry.location}`);
      const live = await deps.mlflow.registry.snapshot(names);
      const runIds = new Set<string>();
      for (const m of Object.values(live.models)) for (const v of m?.versions ?? []) if (v.runId && !(v.source ?? "").startsWith("runs:/")) runIds.add(v.runId);
      const runs = runIds.size ? await deps.mlflow.registry.readRuns([...runIds].map((runId) => ({ runId, artifactPaths: [] }))) : {};
      for (const name of names) {
        const m = live.models[name];
        if (!m) continue;
        const mapped = mapMlflowModel(m, runs, { policies, fallbackPolicy });
        if ("model" in mapped) mlflow.push(mapped);
        else early.push(...mapped.unmapped);
      }
      sources.push({ source: "mlflow", status: "read", found: names.length });
    }
  }
  const endpoints: EndpointMapping[] = [];
  if (opts.sources.includes("sagemaker")) {
    if (!deps.sagemaker) sources.push({ source: "sagemaker", status: "skipped", reason: deps.skipped?.sagemaker ?? "AWS is not configured", found: 0 });
    else {
      const names = await deps.sagemaker.inventory.endpoints();
      deps.logger.info(`sagemaker: reading ${names.length} endpoint(s)`);
      let found = 0;
      for (const name of names) {
        const facts = await readEndpoint(deps.sagemaker, name);
        if (!facts) continue;
        if (opts.model && facts.tags["steward:model"] !== opts.model) continue;
        found++;
        endpoints.push(facts.endpoint.status === "InService" && facts.tags["steward:model"] && facts.tags["steward:stage"] ? mapEndpoint(await completeEndpoint(deps.sagemaker, facts), remotes) : mapEndpoint(facts, remotes));
      }
      sources.push({ source: "sagemaker", status: "read", found });
    }
  }

  const built: ImportBuild = buildImport(mlflow, endpoints, { fallbackPolicy });
  const unmapped = [...early, ...built.unmapped];
  // A model asked for by name that no source has is a finding, not "0 models, all well".
  if (opts.model && built.models.length === 0 && !unmapped.length) unmapped.push({ resource: opts.model, reason: `no registered model${opts.sources.includes("sagemaker") ? " or endpoint (steward:model tag)" : ""} is named ${opts.model}` });

  // Write, model by model; a model whose files exist is kept whole unless --force.
  const written: string[] = [];
  const kept: ImportReport["kept"] = [];
  const models: string[] = [];
  for (const { model, versions } of built.models) {
    const files = [
      { path: `models/${model.name}/model.yaml`, text: renderModelYaml(model) },
      ...versions.map((v) => ({ path: `models/${model.name}/versions/${v.version}.yaml`, text: renderVersionFile(v) })),
    ];
    const existing: string[] = [];
    for (const f of files) if ((await deps.files.stat(f.path)) !== undefined) existing.push(f.path);
    if (existing.length && !opts.force) {
      kept.push({ model: model.name, files: existing });
      continue;
    }
    for (const f of files) await deps.files.write(f.path, f.text);
    written.push(...files.map((f) => f.path));
    models.push(model.name);
  }
  if (models.length && starterPolicy) {
    const policy = starterFiles({ model: models[0]!, ref: "v1", layout: true }).find((f) => f.path === "policies/default.yaml")!;
    if ((await deps.files.stat(policy.path)) === undefined) {
      await deps.files.write(policy.path, policy.text);
      written.push(policy.path);
    }
  }

  // Model cards, by the same renderer as `steward card`.
  if (models.length) {
    const cards = await renderCards({ files: deps.files, git: deps.git }, { models });
    written.push(...cards.cards.filter((c) => c.status === "written").map((c) => c.file));
  }

  // The check: the written files validate, and the plan against the same live state is empty.
  const after = models.length ? await loadRepo({ files: deps.files }) : undefined;
  const ours = new Set(written);
  const findings = (after?.findings ?? []).filter((f) => f.severity === "error" && ours.has(f.file));
  const remaining: PlanStep[] = [];
  const bookkeeping: PlanStep[] = [];
  const planProblems: string[] = [];
  if (after && !findings.length) {
    const state: RepoState = { ...after.state, models: after.state.models.filter((m) => models.includes(m.name)), versions: after.state.versions.filter((v) => models.includes(v.model)) };
    const ctx: PlanContext = { logger: deps.logger, now: opts.now, ...(opts.commit ? { commit: opts.commit } : {}), ...(opts.repoUrl ? { repoUrl: opts.repoUrl } : {}) };
    const reconcilers: TargetReconciler[] = [];
    if (deps.mlflow && sources.some((s) => s.source === "mlflow" && s.status === "read")) reconcilers.push(mlflowReconciler({ registry: deps.mlflow.registry, remotes: () => readDvcRemotes(deps.files) }));
    if (deps.sagemaker && sources.some((s) => s.source === "sagemaker" && s.status === "read")) reconcilers.push(sagemakerReconciler({ aws: deps.sagemaker.aws, dvcRemotes: () => readDvcRemotes(deps.files) }));
    for (const r of reconcilers) {
      try {
        const plan = await r.plan(state, ctx);
        for (const s of plan.steps) (s.bookkeeping ? bookkeeping : remaining).push(s);
        planProblems.push(...(plan.errors ?? []).map((e) => `${r.target}: ${e}`));
      } catch (err) {
        planProblems.push(`${r.target}: could not plan: ${describeError(err)}`);
      }
    }
  }

  const placeholders = built.models.filter((m) => models.includes(m.model.name)).flatMap((m) => m.model.placeholders.map((field) => ({ model: m.model.name, field })));
  const incomplete = sources.some((s) => s.status === "skipped") || unmapped.length > 0 || kept.length > 0 || placeholders.length > 0 || findings.length > 0 || remaining.length > 0 || planProblems.length > 0;
  return { sources, models, written, kept, unmapped, placeholders, notes: built.notes, findings, remaining, bookkeeping, planProblems, incomplete };
}

/** The endpoint and its tags, or undefined when it disappeared between the list and the read. */
async function readEndpoint(sm: NonNullable<ImportDeps["sagemaker"]>, name: string): Promise<LiveEndpointFacts | undefined> {
  const endpoint = await sm.aws.sagemaker.describeEndpoint(name);
  if (!endpoint) return undefined;
  const tags = endpoint.arn ? await sm.aws.sagemaker.listTags(endpoint.arn) : {};
  return { endpoint, tags, models: {}, scalableTargets: [], scalingPolicies: [] };
}

/** The rest of what mapping needs, for an endpoint steward made: its config, models and autoscaling. */
async function completeEndpoint(sm: NonNullable<ImportDeps["sagemaker"]>, facts: LiveEndpointFacts): Promise<LiveEndpointFacts> {
  const config = facts.endpoint.configName ? await sm.aws.sagemaker.describeEndpointConfig(facts.endpoint.configName) : undefined;
  const models: Record<string, LiveSageMakerModel | undefined> = {};
  for (const v of config?.variants ?? []) if (!(v.modelName in models)) models[v.modelName] = await sm.inventory.describeModel(v.modelName);
  const ids = (config?.variants ?? []).map((v) => variantResourceId(facts.endpoint.name, v.name));
  const { targets, policies } = ids.length ? await sm.aws.scaling.describe(ids) : { targets: [], policies: [] };
  const lastDeployment = await sm.inventory.lastDeployment(facts.endpoint.name);
  return { ...facts, ...(config ? { config } : {}), ...(lastDeployment ? { lastDeployment } : {}), models, scalableTargets: targets, scalingPolicies: policies };
}

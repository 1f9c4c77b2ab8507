/**
 * Desired registered models vs the live registry -> ordered MLflow plan steps and notes. Pure.
 *
 * Order per registered model: the model (create / description / tags), versions (create, tags,
 * descriptions), aliases (set, then removal from archived versions), legacy stages. Every step is
 * idempotent on its own, so a run that stopped part-way converges when re-planned. Nothing is ever
 * deleted except aliases on archived versions and `steward.traffic.*` tags of an ended split.
 * MLflow versions the repository does not know are reported in `notes` and left alone.
 */
import type { DesiredRegisteredModel } from "./mlflow-desired.js";
import { matchVersions } from "./mlflow-match.js";
import { bookkeeping, changedTags, mlflowStep as step, tagSteps, versionUpdates } from "./mlflow-steps.js";
import { TAG } from "./mlflow-tags.js";
import type { LiveModelVersion, LiveRegisteredModel, LiveRegistry, LiveRun } from "./registry-state.js";
import type { PlanStep, TargetPlan } from "./types.js";

/** The MLflow plan: no steps when the registry already matches. */
export function diffMlflow(desired: DesiredRegisteredModel[], live: LiveRegistry): TargetPlan {
  const steps: PlanStep[] = [];
  const notes: string[] = [];
  const errors: string[] = [];
  for (const model of desired) {
    const plan = diffModel(model, live.models[model.name], live.runs ?? {});
    steps.push(...plan.steps.map((s) => ({ ...s, model: model.model })));
    notes.push(...plan.notes);
    errors.push(...plan.errors);
  }
  return { target: "mlflow", steps, notes, ...(errors.length ? { errors } : {}) };
}

/** Why a version cannot be registered from `run`, or undefined when it can (or the run was not read yet). */
export function runProblem(run: LiveRun | undefined, runId: string, artifactPath: string | undefined): string | undefined {
  if (!run) return undefined;
  if (!run.exists) return `MLflow has no run ${runId}`;
  if (run.lifecycleStage && run.lifecycleStage !== "active") return `run ${runId} is ${run.lifecycleStage}`;
  if (run.status && run.status !== "FINISHED") return `run ${runId} is ${run.status}, not FINISHED`;
  if (artifactPath && run.artifactPaths?.[artifactPath] === false) return `run ${runId} has no artifact "${artifactPath}" (set mlflow.artifactPath to the model's path in the run)`;
  return undefined;
}

/** A reference to a version: its MLflow number when known, else the repository version a step earlier creates. */
interface VersionRef {
  version?: string;
  stewardVersion: string;
}

function diffModel(want: DesiredRegisteredModel, live: LiveRegisteredModel | undefined, runs: Record<string, LiveRun>): { steps: PlanStep[]; notes: string[]; errors: string[] } {
  const steps: PlanStep[] = [];
  const notes: string[] = [];
  const errors: string[] = [];
  const name = want.name;
  const uri = (ref: VersionRef) => (ref.version ? `models:/${name}/${ref.version}` : `models:/${name}/(new ${ref.stewardVersion})`);

  // The registered model.
  if (!live) {
    const recorded = want.versions.filter((v) => v.recordedNumber !== undefined).length;
    if (recorded) notes.push(`${name}: not in MLflow yet; ${recorded} version file(s) record MLflow numbers that registering anew will not keep`);
    steps.push(
      step("create-registered-model", `models:/${name}`, `create registered model ${name}`, { name, description: want.description, tags: want.tags }, [
        { field: "description", to: want.description },
        ...Object.entries(want.tags).map(([k, v]) => ({ field: `tag ${k}`, to: v })),
      ]),
    );
  } else {
    if (live.description !== want.description) {
      steps.push(step("update-registered-model", `models:/${name}`, `update description of ${name}`, { name, description: want.description }, [{ field: "description", from: live.description, to: want.description }]));
    }
    steps.push(...tagSteps("set-registered-model-tags", `models:/${name}`, name, { name }, live.tags, want.tags, changedTags(live.tags, want.tags)));
  }

  // Versions: find or create, then tags and description.
  const refs = new Map<string, VersionRef>();
  const matched = new Set<string>();
  const liveOf = new Map<string, LiveModelVersion>();
  const matches = matchVersions(name, live, want.versions, runs);
  for (const v of want.versions) {
    const m = matches.get(v.stewardVersion)!;
    notes.push(...m.notes);
    if (m.kind === "conflict") continue;
    if (m.kind === "found") {
      matched.add(m.live.version);
      liveOf.set(v.stewardVersion, m.live);
      refs.set(v.stewardVersion, { version: m.live.version, stewardVersion: v.stewardVersion });
      steps.push(...versionUpdates(name, v, m.live));
      continue;
    }
    if (v.archived) {
      notes.push(`${name} ${v.stewardVersion}: archived and not in MLflow; not registered`);
      continue;
    }
    if (!v.source) {
      errors.push(`${v.file}: cannot register ${name} ${v.stewardVersion}: ${v.sourceError ?? "no source"}`);
      continue;
    }
    const problem = v.runId ? runProblem(runs[v.runId], v.runId, v.artifactPath) : undefined;
    if (problem) {
      errors.push(`${v.file}: cannot register ${name} ${v.stewardVersion}: ${problem}`);
      continue;
    }
    const unchecked = v.runId ? runs[v.runId]?.artifactCheckError : undefined;
    if (unchecked) notes.push(`${name} ${v.stewardVersion}: could not check that run ${v.runId} has artifact "${v.artifactPath}": ${unchecked}`);
    refs.set(v.stewardVersion, { stewardVersion: v.stewardVersion });
    const tags = { ...v.tags, ...v.tagsIfMissing };
    steps.push(
      step(
        "create-model-version",
        uri({ stewardVersion: v.stewardVersion }),
        `register ${v.stewardVersion} as a new version of ${name}`,
        { name, stewardVersion: v.stewardVersion, file: v.file, source: v.source, ...(v.runId ? { runId: v.runId } : {}), ...(v.artifactPath ? { artifactPath: v.artifactPath } : {}), ...(v.description !== undefined ? { description: v.description } : {}), tags },
        [{ field: "source", to: v.source }, ...(v.runId ? [{ field: "run_id", to: v.runId }] : []), ...Object.entries(tags).map(([k, x]) => ({ field: `tag ${k}`, to: x }))],
      ),
    );
  }

  // Aliases: each stage's alias on its version; archived versions lose theirs.
  const liveAliases = live?.aliases ?? {};
  const wanted = new Set<string>();
  const archived = new Set(want.versions.filter((v) => v.archived).map((v) => v.stewardVersion));
  for (const a of want.aliases) {
    if (/^(latest|v\d+)$/i.test(a.alias)) {
      notes.push(`${name}@${a.alias}: MLflow reserves the alias name "${a.alias}"; set registry.mlflow.aliases.${a.stage} to another name`);
      continue;
    }
    const ref = refs.get(a.stewardVersion);
    if (!ref) {
      notes.push(`${name}@${a.alias}: version ${a.stewardVersion} of stage ${a.stage} is not in MLflow and cannot be registered; alias left as it is`);
      continue;
    }
    if (archived.has(a.stewardVersion)) {
      notes.push(`${name}@${a.alias}: stage ${a.stage} names archived version ${a.stewardVersion}; alias not set`);
      continue;
    }
    wanted.add(a.alias);
    const current = liveAliases[a.alias];
    if (ref.version && current === ref.version) continue;
    steps.push(
      step("set-alias", `models:/${name}@${a.alias}`, `point @${a.alias} (${a.stage}) at ${a.stewardVersion}${ref.version ? ` (MLflow version ${ref.version})` : ""}`, { name, alias: a.alias, ...ref }, [
        { field: "version", from: current, to: ref.version ?? `(new ${a.stewardVersion})` },
      ]),
    );
  }
  // Aliases the repository names at all (even those it cannot set now): these are never removed.
  const named = new Set(want.aliases.filter((a) => !/^(latest|v\d+)$/i.test(a.alias)).map((a) => a.alias));
  const managedBefore = new Set((live?.tags[TAG.aliases] ?? "").split(",").filter(Boolean));
  for (const [alias, number] of Object.entries(liveAliases).sort(([a], [b]) => a.localeCompare(b))) {
    if (wanted.has(alias) || named.has(alias)) continue;
    const owner = want.versions.find((v) => v.archived && liveOf.get(v.stewardVersion)?.version === number);
    if (managedBefore.has(alias)) {
      steps.push(step("delete-alias", `models:/${name}@${alias}`, `remove @${alias} (MLflow version ${number}): the repository no longer names it`, { name, alias }, [{ field: "version", from: number }]));
    } else if (owner) {
      steps.push(step("delete-alias", `models:/${name}@${alias}`, `remove @${alias} from archived ${owner.stewardVersion} (MLflow version ${number})`, { name, alias }, [{ field: "version", from: number }]));
    } else {
      notes.push(`${name}@${alias}: set outside the repository (MLflow version ${number}); left as it is`);
    }
  }
  // Record which aliases are managed, after the alias steps: a failed removal keeps the old list, so a re-run retries it.
  const managedNow = [...named].sort().join(",");
  if ((live?.tags[TAG.aliases] ?? "") !== managedNow) {
    steps.push(
      bookkeeping(
        step("set-registered-model-tags", `models:/${name}`, `record the aliases steward manages on ${name}`, { name, tags: { [TAG.aliases]: managedNow } }, [
          { field: `tag ${TAG.aliases}`, from: live?.tags[TAG.aliases], to: managedNow },
        ]),
      ),
    );
  }

  // Legacy stages, when the model asks for them.
  if (want.legacyStages) {
    for (const v of want.versions) {
      const ref = refs.get(v.stewardVersion);
      if (!ref || !v.legacyStage) continue;
      const from = liveOf.get(v.stewardVersion)?.stage ?? "None";
      if (from === v.legacyStage) continue;
      steps.push(step("transition-stage", uri(ref), `move ${v.stewardVersion} to legacy stage ${v.legacyStage}`, { name, ...ref, stage: v.legacyStage }, [{ field: "stage", from, to: v.legacyStage }]));
    }
  }

  // Legacy stages set by other tools: `models:/<name>/Production` would load them, whatever the aliases say.
  if (!want.legacyStages) {
    for (const v of [...(live?.versions ?? [])].sort((a, b) => Number(a.version) - Number(b.version))) {
      if (v.stage !== "Production" && v.stage !== "Staging") continue;
      const stage = v.stage.toLowerCase();
      const alias = want.aliases.find((a) => a.stage === stage);
      const aliasRef = alias ? refs.get(alias.stewardVersion) : undefined;
      const where = alias ? `; @${alias.alias} is ${aliasRef?.version ? `MLflow version ${aliasRef.version}` : alias.stewardVersion}` : "";
      if (aliasRef?.version === v.version) continue;
      notes.push(`${name}: MLflow version ${v.version} is in legacy stage ${v.stage} (set outside steward, which never writes legacy stages unless registry.mlflow.legacyStages is true); models:/${name}/${v.stage} loads it${where}`);
    }
  }

  // What MLflow has that the repository does not know: reported, untouched.
  const extra = (live?.versions ?? []).filter((v) => !matched.has(v.version)).map((v) => Number(v.version)).sort((a, b) => a - b);
  if (extra.length) notes.push(`${name}: MLflow version${extra.length > 1 ? "s" : ""} ${extra.join(", ")} ${extra.length > 1 ? "are" : "is"} not in the repository; left as ${extra.length > 1 ? "they are" : "it is"}`);
  return { steps, notes, errors };
}

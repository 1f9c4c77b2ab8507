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
import { changedTags, mlflowStep as step, pick, versionUpdates } from "./mlflow-steps.js";
import type { LiveModelVersion, LiveRegisteredModel, LiveRegistry } from "./registry-state.js";
import type { PlanStep, TargetPlan } from "./types.js";

/** The MLflow plan: no steps when the registry already matches. */
export function diffMlflow(desired: DesiredRegisteredModel[], live: LiveRegistry): TargetPlan {
  const steps: PlanStep[] = [];
  const notes: string[] = [];
  for (const model of desired) {
    const plan = diffModel(model, live.models[model.name], live.runs ?? {});
    steps.push(...plan.steps);
    notes.push(...plan.notes);
  }
  return { target: "mlflow", steps, notes };
}

/** A reference to a version: its MLflow number when known, else the repository version a step earlier creates. */
interface VersionRef {
  version?: string;
  stewardVersion: string;
}

function diffModel(want: DesiredRegisteredModel, live: LiveRegisteredModel | undefined, runs: Record<string, boolean>): { steps: PlanStep[]; notes: string[] } {
  const steps: PlanStep[] = [];
  const notes: string[] = [];
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
    const tagChanges = changedTags(live.tags, want.tags);
    if (tagChanges.length) {
      steps.push(step("set-registered-model-tags", `models:/${name}`, `set ${tagChanges.length} tag(s) on ${name}`, { name, tags: pick(want.tags, tagChanges) }, tagChanges.map((k) => ({ field: `tag ${k}`, from: live.tags[k], to: want.tags[k] }))));
    }
  }

  // Versions: find or create, then tags and description.
  const refs = new Map<string, VersionRef>();
  const matched = new Set<string>();
  const liveOf = new Map<string, LiveModelVersion>();
  const matches = matchVersions(name, live, want.versions);
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
      notes.push(`${name} ${v.stewardVersion}: cannot register: ${v.sourceError ?? "no source"}`);
      continue;
    }
    if (v.runId && runs[v.runId] === false) {
      notes.push(`${name} ${v.stewardVersion}: cannot register: MLflow has no run ${v.runId}`);
      continue;
    }
    refs.set(v.stewardVersion, { stewardVersion: v.stewardVersion });
    const tags = { ...v.tags, ...v.tagsIfMissing };
    steps.push(
      step(
        "create-model-version",
        uri({ stewardVersion: v.stewardVersion }),
        `register ${v.stewardVersion} as a new version of ${name}`,
        { name, stewardVersion: v.stewardVersion, file: v.file, source: v.source, ...(v.runId ? { runId: v.runId } : {}), ...(v.description !== undefined ? { description: v.description } : {}), tags },
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
  for (const [alias, number] of Object.entries(liveAliases).sort(([a], [b]) => a.localeCompare(b))) {
    if (wanted.has(alias)) continue;
    const owner = want.versions.find((v) => v.archived && liveOf.get(v.stewardVersion)?.version === number);
    if (owner) {
      steps.push(step("delete-alias", `models:/${name}@${alias}`, `remove @${alias} from archived ${owner.stewardVersion} (MLflow version ${number})`, { name, alias }, [{ field: "version", from: number }]));
    }
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

  // What MLflow has that the repository does not know: reported, untouched.
  const extra = (live?.versions ?? []).filter((v) => !matched.has(v.version)).map((v) => Number(v.version)).sort((a, b) => a - b);
  if (extra.length) notes.push(`${name}: MLflow version${extra.length > 1 ? "s" : ""} ${extra.join(", ")} ${extra.length > 1 ? "are" : "is"} not in the repository; left as ${extra.length > 1 ? "they are" : "it is"}`);
  return { steps, notes };
}

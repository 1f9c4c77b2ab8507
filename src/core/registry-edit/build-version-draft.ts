import type { DvcRef, ModelSpec, ModelVersionSpec, PolicySpec } from "../types.js";
import { RUN_TAGS, type RunFacts } from "./run-facts.js";

/** The content of a new models/<model>/versions/<version>.yaml, before it is rendered. */
export interface VersionDraft {
  model: string;
  version: string;
  /** ISO 8601, seconds precision, UTC. */
  createdAt?: string;
  runId: string;
  artifact?: DvcRef;
  image?: string;
  framework?: { name: string; version?: string };
  metrics: Record<string, number>;
  lineage: { parent?: string; commit?: string };
  notes?: string;
}

/** A draft and, for the person, where each derived value came from and what was left out. */
export interface DraftResult {
  draft: VersionDraft;
  notes: string[];
}

const METRIC_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const COMMIT = /^[0-9a-f]{7,40}$/;
const NOTES_MAX = 8000;
const collator = new Intl.Collator("en", { numeric: true });

/**
 * Builds the new version's document from an MLflow run and the model's existing versions. Pure.
 * Rules (docs/register-promote.md):
 * - mlflow.runId is the run's id; metrics are the run's latest metric values (names the schema
 *   does not allow and non-finite values are left out, with a note);
 * - lineage.commit is the run's `mlflow.source.git.commit` tag (left out unless 7-40 lower-case hex);
 * - lineage.parent is the version serving in the policy's last promotion stage (production), the
 *   heaviest variant of a split; none when that stage is empty;
 * - image, framework and artifact come from run tags `steward.image`, `steward.framework.name`
 *   (+ `.version`) and `steward.artifact.dvc` when set, else are copied from the newest existing
 *   version (latest createdAt, then the highest label), so the reviewer starts from what served last;
 * - notes is the run's description (`mlflow.note.content`), cut to 8000 characters;
 * - createdAt is the run's start time.
 * A run already registered as another version is noted, not refused (a retrained copy may be meant).
 */
export function buildVersionDraft(input: { model: ModelSpec; policy?: PolicySpec; versions: readonly ModelVersionSpec[]; run: RunFacts; version: string }): DraftResult {
  const { model, run } = input;
  const notes: string[] = [];
  const tags = run.tags;
  const newest = newestVersion(input.versions);

  const twin = input.versions.find((v) => v.mlflow?.runId === run.runId);
  if (twin) notes.push(`run ${run.runId} is already registered as version ${twin.version} (${twin.file})`);

  const metrics: Record<string, number> = {};
  for (const [name, value] of Object.entries(run.metrics).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!METRIC_NAME.test(name)) notes.push(`metric "${name}" left out: the schema allows letters, digits, "_", "." and "-" (64 at most)`);
    else if (!Number.isFinite(value)) notes.push(`metric ${name} left out: ${value} is not a finite number`);
    else metrics[name] = value;
  }
  if (Object.keys(metrics).length === 0) notes.push("the run has no metrics: the promotion gates will find none");

  const lineage: VersionDraft["lineage"] = {};
  const parent = servingVersion(model, input.policy);
  if (parent) lineage.parent = parent;
  const commit = tags[RUN_TAGS.gitCommit]?.trim().toLowerCase();
  if (commit && COMMIT.test(commit)) lineage.commit = commit;
  else if (commit) notes.push(`tag ${RUN_TAGS.gitCommit} "${commit}" is not a git commit id: lineage.commit left out`);
  else notes.push(`the run has no ${RUN_TAGS.gitCommit} tag: lineage.commit left out`);

  const draft: VersionDraft = { model: model.name, version: input.version, runId: run.runId, metrics, lineage };
  if (run.startTime !== undefined && Number.isFinite(run.startTime)) draft.createdAt = isoSeconds(run.startTime);

  const from = (what: string) => notes.push(`${what} copied from version ${newest!.version}: check it fits this run`);
  const image = tags[RUN_TAGS.image]?.trim();
  if (image) draft.image = image;
  else if (newest?.image) (draft.image = newest.image), from("image");

  const fwName = tags[RUN_TAGS.frameworkName]?.trim();
  const fwVersion = tags[RUN_TAGS.frameworkVersion]?.trim();
  if (fwName) draft.framework = { name: fwName, ...(fwVersion ? { version: fwVersion } : {}) };
  else if (newest?.framework) (draft.framework = { ...newest.framework }), from("framework");

  const dvc = tags[RUN_TAGS.artifactDvc]?.trim();
  if (dvc) draft.artifact = { kind: "file", dvc };
  else if (newest?.artifact) (draft.artifact = { ...newest.artifact }), from("artifact");
  else notes.push(`no artifact: set the run tag ${RUN_TAGS.artifactDvc} to the model's .dvc pointer`);

  const note = tags[RUN_TAGS.note]?.trim();
  if (note) draft.notes = note.length > NOTES_MAX ? note.slice(0, NOTES_MAX) : note;
  return { draft, notes };
}

/** The newest version: latest createdAt first, then the highest label (numeric-aware); undefined for none. */
export function newestVersion(versions: readonly ModelVersionSpec[]): ModelVersionSpec | undefined {
  let best: ModelVersionSpec | undefined;
  for (const v of versions) if (!best || compareAge(v, best) > 0) best = v;
  return best;
}

function compareAge(a: ModelVersionSpec, b: ModelVersionSpec): number {
  const ta = a.createdAt ? Date.parse(a.createdAt) : NaN;
  const tb = b.createdAt ? Date.parse(b.createdAt) : NaN;
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
  if (Number.isNaN(ta) !== Number.isNaN(tb)) return Number.isNaN(ta) ? -1 : 1;
  return collator.compare(a.version, b.version);
}

/** The version serving in the policy's last stage (default "production"): the heaviest variant of a split. */
export function servingVersion(model: ModelSpec, policy: PolicySpec | undefined): string | undefined {
  const last = policy?.promotion.order.at(-1) ?? "production";
  const variants = model.stages[last]?.variants ?? [];
  let best: { version: string; weight: number } | undefined;
  for (const v of variants) if (!best || v.weight > best.weight) best = v;
  return best?.version;
}

function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

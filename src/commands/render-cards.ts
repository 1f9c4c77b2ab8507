import { buildCardView } from "../core/card/build-card-view.js";
import { cardHistory } from "../core/card/card-history.js";
import { DEFAULT_TEMPLATE, DEFAULT_TEMPLATE_FILE } from "../core/card/default-template.js";
import { unifiedDiff } from "../core/text/line-diff.js";
import { compileCardTemplate } from "../core/card/render-card.js";
import type { MlflowFacts, RegistryLookup, RunLookup, RunReader } from "../core/card/run-reader.js";
import { describeError, UserError } from "../core/errors.js";
import type { ModelSpec, RepoState } from "../core/types.js";
import type { GitHistory, RepoFiles } from "../ports.js";
import { loadRepo } from "./load-repo.js";
import { loadStageSnapshots } from "./stage-history.js";

/** Where a repository may put its own card template (repository-relative). */
export const TEMPLATE_OVERRIDE = ".steward/templates/model-card.md.hbs";

export interface RenderCardsDeps {
  /** The governed repository's working tree. */
  files: RepoFiles;
  git: GitHistory;
  /** MLflow runs; omit to build cards from git alone. */
  runs?: RunReader;
  /** Where cards are written or checked; default `files` (cards land next to model.yaml). */
  out?: RepoFiles;
}

export interface RenderCardsOptions {
  /** Only this model; default every model. */
  model?: string;
  /** Only these models (one load of the repository for all of them); with `model`, both must hold. */
  models?: string[];
  /** Compare instead of writing. */
  check?: boolean;
  /** Read each model.yaml's committed history up to this commit; default HEAD. */
  ref?: string;
  /** Keep each rendered card's text in its result (`text`), e.g. to compare it with the base's card. */
  keepText?: boolean;
}

export interface CardResult {
  model: string;
  /** Repository-relative path of the card (relative to `out` when given). */
  file: string;
  /** written/unchanged when rendering; fresh/stale/missing when checking. */
  status: "written" | "unchanged" | "fresh" | "stale" | "missing";
  /** Unified diff from the committed card to the rendered one, when stale or missing. */
  diff?: string;
  mlflowDisagreements: number;
  /** The rendered card, with `keepText`. */
  text?: string;
}

export interface RenderCardsReport {
  cards: CardResult[];
  /** Things a person should know that do not fail the run (e.g. invalid models skipped). */
  warnings: string[];
  /** Which template was used. */
  template: string;
  /** Cards that are stale or missing (only when checking). */
  staleCount: number;
}

const MLFLOW_BLOCK = /<!-- steward:mlflow:begin -->[\s\S]*?<!-- steward:mlflow:end -->/g;

/**
 * Renders models/<model>/MODEL_CARD.md for every valid model (or `options.model`), or with `check`
 * compares the rendered cards with the committed ones. Output depends only on the working tree, the
 * git history of each model.yaml and, when `runs` is given, MLflow. The MLflow block between the
 * `steward:mlflow` markers is ignored by `check`, so cards rendered with and without MLflow both pass.
 * Throws UserError for an unknown model or a broken template.
 */
export async function renderCards(deps: RenderCardsDeps, options: RenderCardsOptions = {}): Promise<RenderCardsReport> {
  const { state, findings } = await loadRepo({ files: deps.files });
  const warnings: string[] = [];
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length) warnings.push(`${errors.length} error(s) in the repository (run \`steward validate\`); models with invalid files may be skipped`);

  const models = [...state.models].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const selected = (options.model === undefined ? models : models.filter((m) => m.name === options.model)).filter((m) => !options.models || options.models.includes(m.name));
  if (options.model !== undefined && selected.length === 0) {
    throw new UserError(`no valid model named "${options.model}" (models: ${models.map((m) => m.name).join(", ") || "none"})`);
  }

  const override = await deps.files.read(TEMPLATE_OVERRIDE);
  const templateFile = override ? TEMPLATE_OVERRIDE : DEFAULT_TEMPLATE_FILE;
  const render = compileCardTemplate(override ? new TextDecoder().decode(override) : DEFAULT_TEMPLATE, templateFile);
  const out = deps.out ?? deps.files;

  const cards: CardResult[] = [];
  for (const model of selected) {
    const snapshots = await loadStageSnapshots(deps.git, model.file, options.ref);
    const working = await deps.files.read(model.file);
    const history = cardHistory(snapshots, working === undefined ? undefined : new TextDecoder().decode(working), model.name);
    const mlflow = deps.runs ? await readMlflow(deps.runs, model, state) : undefined;
    const view = buildCardView({ model, state, history, ...(mlflow ? { mlflow } : {}) });
    const text = render(view);
    const file = `${model.dir}/MODEL_CARD.md`;
    const previousBytes = await out.read(file);
    const previous = previousBytes === undefined ? undefined : new TextDecoder().decode(previousBytes);
    const base = { model: model.name, file, mlflowDisagreements: view.mlflow.disagreementCount, ...(options.keepText ? { text } : {}) };
    if (options.check) {
      if (previous === undefined) cards.push({ ...base, status: "missing", diff: unifiedDiff("", text, { from: "/dev/null", to: `b/${file}` }) });
      else if (withoutMlflow(previous) === withoutMlflow(text)) cards.push({ ...base, status: "fresh" });
      else cards.push({ ...base, status: "stale", diff: unifiedDiff(previous, text, { from: `a/${file}`, to: `b/${file}` }) });
    } else if (previous === text) {
      cards.push({ ...base, status: "unchanged" });
    } else {
      await out.write(file, text);
      cards.push({ ...base, status: "written" });
    }
  }
  return { cards, warnings, template: templateFile, staleCount: cards.filter((c) => c.status === "stale" || c.status === "missing").length };
}

function withoutMlflow(text: string): string {
  return text.replace(MLFLOW_BLOCK, "<!-- steward:mlflow -->");
}

/**
 * Every run the model's versions name, and every registry version they name, read one at a time;
 * a failure is recorded per lookup, not thrown.
 */
async function readMlflow(reader: RunReader, model: ModelSpec, state: RepoState): Promise<MlflowFacts> {
  const versions = state.versions.filter((v) => v.model === model.name && v.mlflow);
  const runs = new Map<string, RunLookup>();
  for (const id of [...new Set(versions.map((v) => v.mlflow!.runId))].sort()) {
    try {
      const run = await reader.getRun(id);
      runs.set(id, run ? { kind: "found", run } : { kind: "missing" });
    } catch (err) {
      runs.set(id, { kind: "error", message: describeError(err) });
    }
  }
  const registry = new Map<string, RegistryLookup>();
  const name = model.registry?.mlflow?.name;
  if (!name) return { runs, registry };
  for (const v of versions) {
    const number = v.mlflow!.modelVersion;
    if (number === undefined) continue;
    if (!/^\d+$/.test(number)) {
      registry.set(v.version, { kind: "error", message: `"${number}" is not a registry version number` });
      continue;
    }
    try {
      const found = await reader.getModelVersionRun(name, number);
      registry.set(v.version, found ? { kind: "found", ...found } : { kind: "missing" });
    } catch (err) {
      registry.set(v.version, { kind: "error", message: describeError(err) });
    }
  }
  return { runs, registry, registeredModel: name, legacyStages: model.registry?.mlflow?.legacyStages === true };
}

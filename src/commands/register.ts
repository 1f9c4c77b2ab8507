import { unifiedDiff } from "../core/text/line-diff.js";
import { UserError } from "../core/errors.js";
import { buildVersionDraft } from "../core/registry-edit/build-version-draft.js";
import { metricGateRows } from "../core/registry-edit/metric-gate-rows.js";
import { newErrors } from "../core/registry-edit/new-errors.js";
import { isVersionLabel, nextVersionLabel } from "../core/registry-edit/next-version-label.js";
import { overlayFiles } from "../core/registry-edit/overlay-files.js";
import { registerProposal, type GateRow } from "../core/registry-edit/proposal.js";
import { renderVersionYaml, versionSchemaRef } from "../core/registry-edit/render-version-yaml.js";
import type { RunSource } from "../core/registry-edit/run-facts.js";
import type { Finding } from "../core/result.js";
import { findVersion, versionsOf } from "../core/types.js";
import type { GitHistory, Logger, RepoFiles, Scm } from "../ports.js";
import { proposeFromBase } from "./propose-from-base.js";
import { loadRepo } from "./load-repo.js";

export interface RegisterDeps {
  files: RepoFiles;
  runs: RunSource;
  /** Needed with `openPr`. */
  scm?: Scm;
  /** The local clone's history, for the re-rendered model card of a pull request. */
  git?: GitHistory;
  logger: Logger;
}

export interface RegisterOptions {
  model: string;
  runId: string;
  /** The new version's label; default: the next integer when the model's labels are integers. */
  version?: string;
  /** Propose the file as a pull request instead of writing the working tree. */
  openPr: boolean;
  /** The branch the pull request merges into. */
  base: string;
  now: Date;
}

/**
 * written/proposed: the file was made; exists: the version file is already there (in the working
 * tree, or on the base branch with --open-pr), never overwritten; invalid: the file would not
 * validate (with the findings), nothing written.
 */
export type RegisterStatus = "written" | "proposed" | "exists" | "invalid";

export interface RegisterReport {
  status: RegisterStatus;
  model: string;
  version: string;
  runId: string;
  /** The version file, repository-relative. */
  path: string;
  message?: string;
  /** The rendered file ("" when it was not built). */
  text: string;
  /** The file as a unified diff from /dev/null. */
  diff: string;
  /** Where derived values came from and what was left out, for the reviewer. */
  notes: string[];
  /** Metric gates of each stage in the policy's order, against the new version's metrics. */
  gates: GateRow[];
  findings: Finding[];
  pullRequest?: { number: number; url: string };
}

/**
 * `steward register --model M --run-id RUN`: reads the MLflow run and writes
 * models/M/versions/<V>.yaml (see buildVersionDraft for the rules), after checking that the
 * repository with the new file loads without new errors. Never overwrites a version file.
 * Throws UserError for a bad run id or label, an unknown model or run; ExternalError when MLflow
 * or the Scm fails.
 */
export async function registerVersion(deps: RegisterDeps, opts: RegisterOptions): Promise<RegisterReport> {
  if (!/^[0-9a-f]{32}$/.test(opts.runId)) throw new UserError(`--run-id must be an MLflow run id (32 lower-case hex digits), not "${opts.runId}"`);
  if (opts.version !== undefined && !isVersionLabel(opts.version)) throw new UserError(`--version "${opts.version}" is not a version label (letters, digits, ".", "_", "-"; 63 at most)`);
  const modelPath = `models/${opts.model}/model.yaml`;
  const loaded = await loadRepo({ files: deps.files });
  const model = loaded.state.models.find((m) => m.name === opts.model);
  const version = opts.version ?? (await defaultLabel(deps.files, opts.model, loaded.state));
  const path = `models/${opts.model}/versions/${version}.yaml`;
  const base = { model: opts.model, version, runId: opts.runId, path, text: "", diff: "", notes: [] as string[], gates: [] as GateRow[], findings: [] as Finding[] };
  if (!model) {
    const own = loaded.findings.filter((f) => f.file === modelPath && f.severity === "error");
    if (own.length) return { ...base, status: "invalid", message: `${modelPath} does not validate; fix it first`, findings: own };
    throw new UserError(`no model "${opts.model}" (${modelPath} does not exist)`);
  }
  if (await deps.files.stat(path)) return { ...base, status: "exists", message: `${path} already exists; a version file is never overwritten (choose another --version)` };
  if (opts.openPr) {
    if (!deps.scm) throw new UserError("--open-pr needs GITHUB_TOKEN and GITHUB_REPOSITORY");
    if ((await deps.scm.readFile(path, opts.base)) !== undefined) return { ...base, status: "exists", message: `${path} already exists on ${opts.base}; a version file is never overwritten` };
  }

  const run = await deps.runs.getRun(opts.runId);
  if (!run) throw new UserError(`MLflow has no run ${opts.runId}`);
  // MLflow would register a version of a failed, unfinished or deleted run: refuse before writing anything.
  if (run.lifecycleStage && run.lifecycleStage !== "active") throw new UserError(`MLflow run ${opts.runId} is ${run.lifecycleStage}; register a version from an active run`);
  if (run.status && run.status !== "FINISHED") throw new UserError(`MLflow run ${opts.runId} is ${run.status}, not FINISHED; register a version once the run has finished`);
  const policy = loaded.state.policies.find((p) => p.name === model.policy);
  const { draft, notes } = buildVersionDraft({ model, policy, versions: versionsOf(loaded.state, model.name), run, version });
  const modelBytes = await deps.files.read(modelPath);
  const text = renderVersionYaml(draft, versionSchemaRef(modelBytes === undefined ? undefined : new TextDecoder().decode(modelBytes)));
  const diff = unifiedDiff("", text, { from: "/dev/null", to: `b/${path}` });
  const check = await loadRepo({ files: overlayFiles(deps.files, { [path]: text }) });
  const broken = newErrors(loaded.findings, check.findings);
  const built = { ...base, text, diff, notes };
  if (broken.length) return { ...built, status: "invalid", message: `the new ${path} would not validate; nothing was written`, findings: broken };
  const spec = findVersion(check.state, model.name, version)!;
  const gates = metricGateRows(spec, policy, opts.now);
  const ready = { ...built, gates, findings: check.findings.filter((f) => f.file === path) };

  if (opts.openPr) {
    const proposal = registerProposal({ model: model.name, version, runId: run.runId, path, text, gates, notes });
    deps.logger.info(`proposing ${proposal.branch} into ${opts.base}`);
    // Built from the base branch as it is now, with the model card re-rendered in the same commit.
    const proposed = await proposeFromBase(
      { scm: deps.scm!, files: deps.files, ...(deps.git ? { git: deps.git } : {}), logger: deps.logger },
      {
        ...proposal, base: opts.base, cards: [model.name],
        edit: async (files) => {
          if (await files.read(path)) throw new UserError(`${path} already exists on ${opts.base}; pull it and choose another version label`);
          return { [path]: text };
        },
      },
    );
    const pr = proposed.pullRequest;
    return { ...ready, notes: [...ready.notes, ...proposed.warnings], status: "proposed", pullRequest: { number: pr.number, url: pr.url } };
  }
  await deps.files.write(path, text);
  return { ...ready, status: "written" };
}

/** The next integer label, counting version files that did not load too; UserError when labels are not integers. */
async function defaultLabel(files: RepoFiles, model: string, state: Parameters<typeof versionsOf>[0]): Promise<string> {
  const onDisk = (await files.list(`models/${model}/versions`)).filter((p) => /\.ya?ml$/.test(p)).map((p) => p.split("/").pop()!.replace(/\.ya?ml$/, ""));
  const labels = [...new Set([...onDisk, ...versionsOf(state, model).map((v) => v.version)])];
  const next = nextVersionLabel(labels);
  if (next === undefined) throw new UserError(`the versions of ${model} are not all integers (${labels.slice(0, 5).join(", ")}${labels.length > 5 ? ", ..." : ""}): name the new one with --version`);
  return next;
}

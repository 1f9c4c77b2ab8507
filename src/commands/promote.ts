import { unifiedDiff } from "../core/text/line-diff.js";
import { UserError } from "../core/errors.js";
import { evaluateGates, type GateResult } from "../core/policy/evaluate-gates.js";
import { editStage } from "../core/registry-edit/edit-stage.js";
import { newErrors } from "../core/registry-edit/new-errors.js";
import { overlayFiles } from "../core/registry-edit/overlay-files.js";
import { planStageChange } from "../core/registry-edit/plan-stage-change.js";
import { promoteProposal } from "../core/registry-edit/proposal.js";
import type { Finding } from "../core/result.js";
import { findVersion, type ModelSpec, type StageVariant } from "../core/types.js";
import type { GitHistory, Logger, RepoFiles, Scm } from "../ports.js";
import { loadRepo } from "./load-repo.js";
import { proposeFromBase } from "./propose-from-base.js";

export interface PromoteDeps {
  files: RepoFiles;
  /** When a version first served in a stage, from committed history (gitPromotionHistory(git, "HEAD")). */
  history: (model: ModelSpec, version: string, stage: string) => Promise<Date | undefined>;
  /** Needed with `openPr`. */
  scm?: Scm;
  /** The local clone's history, for the re-rendered model card of a pull request. */
  git?: GitHistory;
  logger: Logger;
}

export interface PromoteOptions {
  model: string;
  version: string;
  stage: string;
  /** Percent of the stage's traffic for the version (a canary split with the current version). */
  canary?: number;
  /** Propose the change as a pull request instead of writing the working tree. */
  openPr: boolean;
  /** The branch the pull request merges into. */
  base: string;
  now: Date;
}

/**
 * written/proposed: the change was made; unchanged: the version already serves the whole stage;
 * refused: the request cannot be met (missing or archived version, stage outside the order, canary
 * rules); gates-failed: a promotion gate failed; invalid: the edited file would not validate.
 */
export type PromoteStatus = "written" | "proposed" | "unchanged" | "refused" | "gates-failed" | "invalid";

export interface PromoteReport {
  status: PromoteStatus;
  model: string;
  version: string;
  stage: string;
  /** The model file, repository-relative. */
  path: string;
  message?: string;
  before?: StageVariant[];
  after?: StageVariant[];
  gates?: GateResult;
  /** Unified diff of the model file ("" when nothing changes). */
  diff: string;
  /** Problems the edit would bring (status invalid), or that the model file has. */
  findings: Finding[];
  pullRequest?: { number: number; url: string };
  warnings: string[];
}

/**
 * `steward promote M V STAGE`: checks the policy's promotion gates for the move, then edits
 * models/M/model.yaml in place (comments and layout kept) or proposes the edit as a pull request.
 * Nothing is written unless every gate passes and the edited repository loads without new errors.
 * Throws UserError for an unknown model, ExternalError when the Scm fails.
 */
export async function promoteVersion(deps: PromoteDeps, opts: PromoteOptions): Promise<PromoteReport> {
  const path = `models/${opts.model}/model.yaml`;
  const base = { model: opts.model, version: opts.version, stage: opts.stage, path, diff: "", findings: [] as Finding[], warnings: [] as string[] };
  const loaded = await loadRepo({ files: deps.files });
  const model = loaded.state.models.find((m) => m.name === opts.model);
  if (!model) {
    const own = loaded.findings.filter((f) => f.file === path && f.severity === "error");
    if (own.length) return { ...base, status: "invalid", message: `${path} does not validate; fix it first`, findings: own };
    throw new UserError(`no model "${opts.model}" (${path} does not exist)`);
  }
  const policy = loaded.state.policies.find((p) => p.name === model.policy);
  const version = findVersion(loaded.state, model.name, opts.version);
  const plan = planStageChange({ model, version, versionLabel: opts.version, stage: opts.stage, policy, ...(opts.canary !== undefined ? { canary: opts.canary } : {}) });
  if (plan.kind === "refused") return { ...base, status: "refused", message: plan.message };
  if (plan.kind === "unchanged") return { ...base, status: "unchanged", message: plan.message, before: plan.variants, after: plan.variants };

  const entered = new Map<string, Date | undefined>();
  for (const stage of policy!.promotion.order) entered.set(stage, await deps.history(model, opts.version, stage));
  const gates = evaluateGates(plan.promotion, version!, policy!, { firstEntered: (s) => entered.get(s) }, opts.now);
  const planned = { ...base, before: plan.before, after: plan.variants, gates };
  if (!gates.ok) return { ...planned, status: "gates-failed", message: `the promotion gates of policy ${policy!.name} failed; nothing was written` };

  const beforeText = new TextDecoder().decode((await deps.files.read(path))!);
  const afterText = editStage(beforeText, opts.stage, plan.variants);
  const diff = unifiedDiff(beforeText, afterText, { from: `a/${path}`, to: `b/${path}` });
  const check = await loadRepo({ files: overlayFiles(deps.files, { [path]: afterText }) });
  const broken = newErrors(loaded.findings, check.findings);
  if (broken.length) return { ...planned, diff, status: "invalid", message: `the edited ${path} would not validate; nothing was written`, findings: broken };

  if (opts.openPr) {
    if (!deps.scm) throw new UserError("--open-pr needs GITHUB_TOKEN and GITHUB_REPOSITORY");
    const scm = deps.scm;
    const proposal = promoteProposal({ model: model.name, version: opts.version, stage: opts.stage, policy: policy!.name, before: plan.before, after: plan.variants, gates: gates.checks, path, diff });
    deps.logger.info(`proposing ${proposal.branch} into ${opts.base}`);
    // The edit is made to the file as it is on the base branch now (not the working tree's copy), and
    // the model card is re-rendered in the same commit.
    const proposed = await proposeFromBase(
      { scm, files: deps.files, ...(deps.git ? { git: deps.git } : {}), logger: deps.logger },
      {
        ...proposal, base: opts.base, cards: [model.name],
        edit: async (files) => {
          const bytes = await files.read(path);
          if (!bytes) throw new UserError(`${path} does not exist on ${opts.base}`);
          return { [path]: editStage(new TextDecoder().decode(bytes), opts.stage, plan.variants) };
        },
      },
    );
    const warnings = [...proposed.warnings];
    if (proposed.files[path] !== afterText) warnings.push(`${path} on ${opts.base} differs from the working tree: the pull request edits the base branch's version of the file`);
    const pr = proposed.pullRequest;
    return { ...planned, diff, status: "proposed", pullRequest: { number: pr.number, url: pr.url }, warnings };
  }
  await deps.files.write(path, afterText);
  return { ...planned, diff, status: "written" };
}

import { LABELS, promoteBranch, promoteMarker, registerBranch, registerMarker } from "../github-conventions.js";
import type { GateCheck } from "../policy/evaluate-gates.js";
import { mdCell, mdInline, mdTable } from "../report/markdown.js";
import type { StageVariant } from "../types.js";
import { describeVariants } from "./plan-stage-change.js";
import { code, fenced } from "../text/markdown.js";

/** Everything Scm.proposeChange needs besides the base branch and the files. */
export interface Proposal {
  branch: string;
  title: string;
  body: string;
  labels: string[];
  commitMessage: string;
}

/** A gate table's rows: each check with the stage it guards. */
export interface GateRow {
  stage: string;
  check: GateCheck;
}

export { promoteBranch, registerBranch } from "../github-conventions.js";

/** The gate results as a Markdown table (stage, gate, result, detail); every cell escaped. */
export function gateTable(rows: readonly GateRow[]): string {
  if (rows.length === 0) return "_The policy sets no gate for this step._";
  return mdTable(["stage", "gate", "result", "detail"], rows.map((r) => [r.stage, r.check.gate, r.check.ok ? "pass" : "FAIL", r.check.message]));
}

export { fenced } from "../text/markdown.js";

/** The pull request for `steward promote --open-pr`. `marker` is a hidden comment naming the change. */
export function promoteProposal(p: { model: string; version: string; stage: string; policy: string; before: StageVariant[]; after: StageVariant[]; gates: readonly GateCheck[]; path: string; diff: string }): Proposal {
  const canary = p.after.length > 1 ? p.after.find((v) => v.version === p.version)?.weight : undefined;
  const title = canary !== undefined ? `Canary ${p.model} ${p.version} in ${p.stage} at ${canary}%` : `Promote ${p.model} ${p.version} to ${p.stage}`;
  const body = [
    promoteMarker(p.model, p.version, p.stage),
    `${canary !== undefined ? "Starts a canary of" : "Promotes"} **${mdInline(p.model)}** version ${code(p.version)} ${canary !== undefined ? "in" : "to"} **${mdInline(p.stage)}**: ${mdInline(describeVariants(p.before))} becomes ${mdInline(describeVariants(p.after))}.`,
    "",
    `### Promotion gates (policy ${mdInline(p.policy)})`,
    "",
    gateTable(p.gates.map((check) => ({ stage: p.stage, check }))),
    "",
    `### ${mdInline(p.path)}`,
    "",
    fenced("diff", p.diff),
    "",
    "_Proposed by `steward promote`. Merging it is the promotion; `steward apply` then moves MLflow and SageMaker._",
  ].join("\n");
  return { branch: promoteBranch(p.model, p.version, p.stage), title, body, labels: [LABELS.promotion], commitMessage: title };
}

/** The pull request for `steward register --open-pr`: the run, the metric gates per stage, what to review, the file. */
export function registerProposal(p: { model: string; version: string; runId: string; path: string; text: string; gates: readonly GateRow[]; notes: readonly string[] }): Proposal {
  const title = `Register ${p.model} version ${p.version} from MLflow run ${p.runId.slice(0, 8)}`;
  const body = [
    registerMarker(p.model, p.version),
    `Adds **${mdInline(p.model)}** version ${code(p.version)} from MLflow run ${code(p.runId)}.`,
    "",
    "### Metric gates of the promotion order",
    "",
    "How this version's metrics compare with each stage's metric gates (time and order gates are checked at promotion).",
    "",
    gateTable(p.gates),
    ...(p.notes.length ? ["", "### Check before merging", "", ...p.notes.map((n) => `- ${mdCell(n)}`)] : []),
    "",
    `### ${mdInline(p.path)}`,
    "",
    fenced("yaml", p.text),
    "",
    "_Proposed by `steward register`._",
  ].join("\n");
  return { branch: registerBranch(p.model, p.version), title, body, labels: [LABELS.newVersion], commitMessage: title };
}

import { CORE_SCHEMA, load } from "js-yaml";
import { parseDvcConfig, type DvcConfig } from "../core/repo/dvc-config.js";
import { normalizeModel } from "../core/repo/normalize.js";
import { evaluateGates, type ApprovalInput, type GateResult, type VersionHistory } from "../core/policy/evaluate-gates.js";
import type { ApprovalFacts, TeamFact } from "../core/policy/count-approvals.js";
import { describeError } from "../core/errors.js";
import { stageChanges } from "../core/policy/stage-changes.js";
import type { Finding } from "../core/result.js";
import { sortFindings } from "../core/result.js";
import { findVersion, type ModelSpec, type RepoState } from "../core/types.js";
import { UserError } from "../core/errors.js";
import type { DvcRemote, GitHistory, Logger, RepoFiles, Scm } from "../ports.js";
import { loadRepo, type FileChecker } from "./load-repo.js";
import { checkRemoteObjects, type RemoteCheck } from "./check-remote.js";
import { findingsAt } from "./positioned-finding.js";
import { changeAnswersFor, changeScope } from "../core/repo/change-scope.js";

export interface ValidateOptions {
  /** Evaluate promotion gates for every stage change since this git ref. */
  base?: string;
  /** Confirm each pointed object exists in its DVC remote. */
  checkRemote?: boolean;
  /** With `base`: check only what the change touches and what refers to it. */
  changedOnly?: boolean;
  now: Date;
}

export interface ValidateReport {
  fileCount: number;
  findings: Finding[];
  /**
   * With --changed-only: problems of files the change does not touch (they were there before it).
   * Listed for the reader, never counted as errors or warnings of the change.
   */
  notes: Finding[];
  gates: GateResult[];
  remote?: RemoteCheck;
  errorCount: number;
  warningCount: number;
}

export interface ValidateDeps {
  files: RepoFiles;
  git?: GitHistory;
  /** Builds a DvcRemote for a remote's options (endpoint URL, region) from .dvc/config. */
  remoteFor?: (options: Record<string, string>) => DvcRemote;
  /** When did a version first enter a stage, from git history. */
  history?: (model: ModelSpec, version: string, stage: string) => Promise<Date | undefined>;
  checker?: FileChecker;
  /** The pull request under review: its reviews are counted for the approvals gate. */
  pullRequest?: { scm: Pick<Scm, "listReviews" | "teamMembers">; number: number };
  logger: Logger;
}

/** `steward validate`: schemas, references, pointers, optionally the DVC remote and the promotion gates. */
export async function validateRepo(deps: ValidateDeps, opts: ValidateOptions): Promise<ValidateReport> {
  const scope = opts.changedOnly && opts.base ? await scopeOfChange(deps, opts.base) : undefined;
  const only = scope?.read;
  if (opts.changedOnly && !only) deps.logger.info("the change reaches beyond single models: checking everything");
  const loaded = await deps.logger.group("Loading the repository", async () => loadRepo({ files: deps.files, ...(deps.checker ? { checker: deps.checker } : {}) }, only ? { only } : {}));
  const answers = scope?.answersFor;
  const findings = answers ? loaded.findings.filter((f) => answers(f.file)) : [...loaded.findings];
  const notes = answers ? loaded.findings.filter((f) => !answers(f.file)) : [];
  if (notes.length) deps.logger.info(`${notes.length} problem(s) in files this change does not touch, listed as notes`);
  deps.logger.info(`${loaded.fileCount} governed files, ${loaded.state.models.length} models, ${loaded.state.versions.length} versions, ${loaded.state.policies.length} policies`);

  let gates: GateResult[] = [];
  if (opts.base) {
    if (!deps.git || !deps.history) throw new UserError("--base needs a git repository");
    gates = await deps.logger.group(`Promotion gates since ${opts.base}`, () => evaluatePromotions(deps, loaded.state, opts.base!, opts.now));
    for (const g of gates.filter((g) => !g.ok)) {
      const m = loaded.state.models.find((x) => x.name === g.promotion.model)!;
      const failed = g.checks.filter((c) => !c.ok).map((c) => c.message).join("; ");
      findings.push(...(await findingsAt(deps.files, m.file, `/stages/${g.promotion.stage}`, "gate", `promotion of ${g.promotion.model} version ${g.promotion.version} to ${g.promotion.stage} (policy ${g.policy}): ${failed}`)));
    }
  }

  let remote: RemoteCheck | undefined;
  if (opts.checkRemote) {
    if (!deps.remoteFor) throw new UserError("--check-remote needs S3 access");
    const config = await readDvcConfig(deps.files);
    remote = await deps.logger.group("DVC remote", () => checkRemoteObjects(loaded.state, config, deps.remoteFor!));
    for (const miss of remote.missing) findings.push(...(await findingsAt(deps.files, miss.file, miss.pointer, "remote-missing", miss.message)));
  }

  const sorted = sortFindings(findings);
  return {
    fileCount: loaded.fileCount,
    findings: sorted,
    notes,
    gates,
    ...(remote ? { remote } : {}),
    errorCount: sorted.filter((f) => f.severity === "error").length,
    warningCount: sorted.filter((f) => f.severity === "warning").length,
  };
}

async function evaluatePromotions(deps: ValidateDeps, state: RepoState, base: string, now: Date): Promise<GateResult[]> {
  const git = deps.git!;
  if (!(await git.resolve(base))) throw new UserError(`--base ${base} is not a commit in this repository`);
  const changed = new Set(await git.changedFiles(base));
  const results: GateResult[] = [];
  const approvalsOf = approvalReader(deps);
  for (const model of state.models) {
    if (!changed.has(model.file)) continue;
    const before = await modelAt(git, base, model.file);
    const policy = state.policies.find((p) => p.name === model.policy);
    if (!policy) continue; // reported by the reference rules
    for (const p of stageChanges(before, model)) {
      const version = findVersion(state, model.name, p.version);
      if (!version) continue; // a dangling stage is reported by the reference rules
      const entered = new Map<string, Date | undefined>();
      for (const stage of policy.promotion.order) entered.set(stage, await deps.history!(model, p.version, stage));
      const history: VersionHistory = { firstEntered: (stage) => entered.get(stage) };
      const needsApprovals = (policy.promotion.gates[p.stage]?.approvals ?? 0) > 0;
      const r = evaluateGates(p, version, policy, history, now, needsApprovals ? await approvalsOf(model) : undefined);
      deps.logger.info(`${r.ok ? "pass" : "FAIL"}: ${p.model} ${p.version} -> ${p.stage}`);
      results.push(r);
    }
  }
  return results;
}

/**
 * Reads the approval facts of the pull request for a model's owners (reviews read once, each team's
 * members once); undefined outside a pull request. A failed read is "unreadable", which fails the gate.
 */
function approvalReader(deps: ValidateDeps): (model: ModelSpec) => Promise<ApprovalInput | undefined> {
  const pr = deps.pullRequest;
  if (!pr) return async () => undefined;
  let reviews: Promise<ApprovalFacts["reviews"]> | undefined;
  const teams = new Map<string, Promise<TeamFact>>();
  const team = (t: string) => {
    if (!teams.has(t)) {
      teams.set(t, pr.scm.teamMembers(t.replace(/^@/, "")).then((members) => ({ team: t, members }), (err: unknown) => ({ team: t, error: describeError(err) })));
    }
    return teams.get(t)!;
  };
  return async (model) => {
    try {
      reviews ??= pr.scm.listReviews(pr.number).then((rs) => rs.map((r) => ({ author: r.author, state: r.state, submittedAt: r.submittedAt?.getTime() ?? 0 })));
      const owners = model.owners.map((o) => o.trim().replace(/^@/, "")).filter(Boolean);
      const facts: ApprovalFacts = {
        reviews: await reviews,
        users: owners.filter((o) => !o.includes("/")),
        teams: await Promise.all(owners.filter((o) => o.includes("/")).map((o) => team(`@${o}`))),
      };
      return { kind: "facts", facts };
    } catch (err) {
      reviews = undefined;
      return { kind: "unreadable", error: describeError(err) };
    }
  };
}

/** The files a change needs checked and those it answers for; undefined when everything must be. */
async function scopeOfChange(deps: ValidateDeps, base: string): Promise<{ read: (path: string) => boolean; answersFor: (path: string) => boolean } | undefined> {
  if (!deps.git) throw new UserError("--changed-only needs a git repository");
  if (!(await deps.git.resolve(base))) throw new UserError(`--base ${base} is not a commit in this repository`);
  const changed = await deps.git.changedFiles(base);
  const modelFiles = (await deps.files.list("models")).filter((p) => /^models\/[^/]+\/model\.yaml$/.test(p));
  const policies = new Map<string, string>();
  for (const file of modelFiles) {
    const bytes = await deps.files.read(file);
    const m = bytes ? /^policy:\s*["']?([a-z0-9-]+)/m.exec(new TextDecoder().decode(bytes)) : null;
    if (m) policies.set(file.split("/")[1]!, m[1]!);
  }
  const read = changeScope(changed, policies);
  const answersFor = changeAnswersFor(changed, policies);
  return read && answersFor ? { read, answersFor } : undefined;
}

async function modelAt(git: GitHistory, ref: string, file: string): Promise<ModelSpec | undefined> {
  const text = await git.show(ref, file);
  if (text === undefined) return undefined;
  try {
    return normalizeModel(file, load(text, { schema: CORE_SCHEMA }));
  } catch {
    return undefined; // a base that did not parse: every stage counts as new
  }
}

async function readDvcConfig(files: RepoFiles): Promise<DvcConfig> {
  const [main, local] = await Promise.all([files.read(".dvc/config"), files.read(".dvc/config.local")]);
  if (!main) throw new UserError(".dvc/config: not found; --check-remote needs the DVC remote configuration");
  const dec = new TextDecoder();
  return parseDvcConfig(dec.decode(main) + "\n" + (local ? dec.decode(local) : ""));
}

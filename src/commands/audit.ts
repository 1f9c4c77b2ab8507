/**
 * `steward audit`: every stage change of the governed models, from git (the same stage history the
 * gates and the rollback target read) and GitHub (the pull request of each commit, its reviews, the
 * apply workflow's check run on it). This file reads; src/core/audit decides and renders.
 */
import { auditTrail, type AuditEntry, type CommitRecords } from "../core/audit/audit-trail.js";
import { describeError, UserError } from "../core/errors.js";
import type { ChangeRecords, GitHistory, RepoFiles } from "../ports.js";
import { loadRepo } from "./load-repo.js";
import { loadStageHistory } from "./stage-history.js";

export interface AuditDeps {
  files: RepoFiles;
  git: GitHistory;
  /** GitHub's records; without it the trail has git's facts only and says so in `notes`. */
  github?: ChangeRecords;
  /** The check run name of the apply workflow's job (default "apply"). */
  applyCheck?: string;
}

export interface AuditResult {
  entries: AuditEntry[];
  /** What could not be read: the trail is incomplete when there is any. */
  notes: string[];
  complete: boolean;
}

/** The audit trail of `model` (or every model) since `since`, oldest first per model. Throws UserError for an unknown model. */
export async function runAudit(deps: AuditDeps, opts: { model?: string; since?: Date } = {}): Promise<AuditResult> {
  const { state } = await loadRepo({ files: deps.files });
  const models = state.models.filter((m) => !opts.model || m.name === opts.model).sort((a, b) => a.name.localeCompare(b.name));
  if (opts.model && models.length === 0) throw new UserError(`usage: --model ${opts.model}: no such model under models/`);
  const notes: string[] = [];
  if (!deps.github) notes.push("GitHub was not read (GITHUB_TOKEN and GITHUB_REPOSITORY not set): pull requests, approvers, merge and apply times are unknown");
  const entries: AuditEntry[] = [];
  const cache = new Map<string, CommitRecords>();
  for (const m of models) {
    const history = await loadStageHistory(deps.git, m.name, m.file);
    for (const c of history.unreadable) notes.push(`${m.file} at ${c.sha.slice(0, 12)} does not parse; its stages are taken as unchanged`);
    const wanted = history.changes.filter((c) => !opts.since || c.commit.date >= opts.since);
    if (deps.github) {
      for (const sha of new Set(wanted.map((c) => c.commit.sha))) {
        if (cache.has(sha)) continue;
        cache.set(sha, await records(deps.github, sha, deps.applyCheck ?? "apply", notes));
      }
    }
    entries.push(...auditTrail(history, state.policies.find((p) => p.name === m.policy), cache, opts.since ? { since: opts.since } : {}));
  }
  return { entries, notes, complete: notes.length === 0 };
}

/** GitHub's facts about one commit; a failed read leaves that part unknown and adds a note. */
async function records(github: ChangeRecords, sha: string, applyCheck: string, notes: string[]): Promise<CommitRecords> {
  const out: CommitRecords = {};
  try {
    const pulls = await github.pullsOfCommit(sha);
    // the merged one is the change that landed; an open PR that contains the commit is not
    out.pull = pulls.find((p) => p.mergedAt !== undefined) ?? null;
    if (out.pull) out.reviews = await github.listReviews(out.pull.number);
  } catch (err) {
    delete out.pull;
    notes.push(`pull request of ${sha.slice(0, 12)}: ${describeError(err)}`);
  }
  try {
    out.applies = await github.checkRuns(sha, applyCheck);
  } catch (err) {
    notes.push(`check runs "${applyCheck}" of ${sha.slice(0, 12)}: ${describeError(err)}`);
  }
  return out;
}

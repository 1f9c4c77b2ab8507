import { readFileSync } from "node:fs";
import { createOctokit } from "../adapters/github/create-octokit.js";
import { octokitScm, parseRepository } from "../adapters/github/octokit-scm.js";
import { UserError } from "../core/errors.js";
import { configureReadLimit } from "../adapters/fs/read-inside.js";
import { configureRedaction } from "../adapters/output/redaction.js";
import type { Logger, Scm } from "../ports.js";

/** What the GitHub environment says about this run (read once, in an entrypoint). */
export interface GitHubEnv {
  token?: string;
  repository?: string;
  apiUrl?: string;
  serverUrl: string;
  runUrl?: string;
  sha?: string;
  /** The pull request this run is for, from GITHUB_EVENT_PATH. */
  pullNumber?: number;
  /** The base sha of that pull request. */
  pullBase?: string;
  /** True when the pull request comes from a fork (read-only: no secrets, no writes). */
  fromFork: boolean;
}

/** Reads the GitHub environment; also applies, for the run, STEWARD_MAX_FILE_BYTES (the per-file read cap) and the redaction of the environment's secrets. */
export function readGitHubEnv(env: Record<string, string | undefined>): GitHubEnv {
  configureReadLimit(env.STEWARD_MAX_FILE_BYTES);
  configureRedaction(env);
  let event: { pull_request?: { number?: number; base?: { sha?: string; repo?: { full_name?: string } }; head?: { repo?: { full_name?: string } } } } = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8"));
    } catch {
      event = {};
    }
  }
  const pr = event.pull_request;
  const serverUrl = env.GITHUB_SERVER_URL ?? "https://github.com";
  return {
    ...(env.GITHUB_TOKEN ? { token: env.GITHUB_TOKEN } : {}),
    ...(env.GITHUB_REPOSITORY ? { repository: env.GITHUB_REPOSITORY } : {}),
    ...(env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {}),
    serverUrl,
    ...(env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? { runUrl: `${serverUrl}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` } : {}),
    ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
    ...(pr?.number ? { pullNumber: pr.number } : {}),
    ...(pr?.base?.sha ? { pullBase: pr.base.sha } : {}),
    fromFork: Boolean(pr && pr.head?.repo?.full_name && pr.head.repo.full_name !== pr.base?.repo?.full_name),
  };
}

/** The Scm for this repository, or undefined without a token and repository (a laptop, a fork). */
export function scmFromEnv(gh: GitHubEnv, logger: Logger, opts: { required?: boolean } = {}): Scm | undefined {
  if (!gh.token || !gh.repository) {
    if (opts.required) throw new UserError("GITHUB_TOKEN and GITHUB_REPOSITORY must be set");
    return undefined;
  }
  const { owner, repo } = parseRepository(gh.repository);
  const octokit = createOctokit({ token: gh.token, logger, ...(gh.apiUrl ? { baseUrl: gh.apiUrl } : {}) });
  return octokitScm({ octokit, owner, repo, logger, author: "github-actions[bot]" });
}

/**
 * The pull request whose reviews the approvals gate counts, when this run is for one: through the
 * token's Scm, or, without a token, one whose reads fail naming the missing token (the gate then
 * fails instead of passing unread). Undefined outside a pull request.
 */
export function pullRequestFromEnv(gh: GitHubEnv, scm: Scm | undefined): { scm: Pick<Scm, "listReviews" | "teamMembers">; number: number } | undefined {
  if (!gh.pullNumber) return undefined;
  if (scm) return { scm, number: gh.pullNumber };
  const missing = () => Promise.reject(new UserError("GITHUB_TOKEN and GITHUB_REPOSITORY are not set: the pull request's reviews cannot be read"));
  return { scm: { listReviews: missing, teamMembers: missing }, number: gh.pullNumber };
}

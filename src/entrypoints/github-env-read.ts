// Reading the GitHub environment, apart from the Octokit wiring in github-env.ts, so that a command
// that only reads it (validate without --base) does not load Octokit.
import { readFileSync } from "node:fs";
import { configureReadLimit } from "../adapters/fs/read-inside.js";
import { configureRedaction } from "../adapters/output/redaction.js";

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

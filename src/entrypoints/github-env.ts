import { createOctokit } from "../adapters/github/create-octokit.js";
import { octokitScm, parseRepository } from "../adapters/github/octokit-scm.js";
import { UserError } from "../core/errors.js";
import type { Logger, Scm } from "../ports.js";

export { readGitHubEnv, type GitHubEnv } from "./github-env-read.js";
import type { GitHubEnv } from "./github-env-read.js";

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

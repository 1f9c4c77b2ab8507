import { UserError } from "../core/errors.js";
import type { Logger, Scm } from "../ports.js";
import type { GitHubEnv } from "./github-env-read.js";

/**
 * scmFromEnv with Octokit loaded only when there is a token and a repository to use it with: a run
 * without them (a laptop, a fork, an early failure) does not parse Octokit (start-up time, issue #13).
 */
export async function loadScmFromEnv(gh: GitHubEnv, logger: Logger, opts: { required?: boolean } = {}): Promise<Scm | undefined> {
  if (!gh.token || !gh.repository) {
    if (opts.required) throw new UserError("GITHUB_TOKEN and GITHUB_REPOSITORY must be set");
    return undefined;
  }
  return (await import("./github-env.js")).scmFromEnv(gh, logger, opts);
}

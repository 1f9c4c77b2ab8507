import { redactingPort } from "../output/redaction.js";
import { BOT_LABEL } from "../../core/github-conventions.js";
import type { Logger, Scm } from "../../ports.js";
import type { GitHubClient } from "./create-octokit.js";
import { issueOperations } from "./issue-operations.js";
import { pullRequestOperations } from "./pull-request-operations.js";
import type { RepoContext } from "./repo-context.js";
import { reviewOperations } from "./review-operations.js";
import { mapErrors } from "./to-external-error.js";

export interface OctokitScmConfig {
  /** From createOctokit (retry + throttling). */
  octokit: GitHubClient;
  /** GITHUB_REPOSITORY, split: "acme/models" is owner "acme", repo "models". */
  owner: string;
  repo: string;
  /** The bot's label, on everything it opens; default "model-steward". */
  label?: string;
  /** The bot's login; when set, issues and comments by anyone else are never taken for the bot's. */
  author?: string;
  /** Only issues updated since then are searched (bounds the listing in an old repository). */
  since?: Date;
  /** Told when the adapter works around a refusal (e.g. opens an issue unassigned). */
  logger?: Logger;
}

/** The label the bot owns, unless configured otherwise. */
export const DEFAULT_LABEL = BOT_LABEL;

/**
 * The Scm port on GitHub's REST API. Every method maps Octokit's errors once, to ExternalError("github",
 * status). API calls per method (n = files, p = pages of 100):
 * findIssue / listIssues p the first time, then 0 (the listing is kept for the adapter's life; listIssues
 * with `refresh` lists again, p);
 * createIssue, updateIssue, comment, closePullRequest 1; findPullRequest 1; upsertComment p + 0 or 1;
 * listComments p; readFile 1 (2 above 1 MB); listReviews p; teamMembers p; proposeChange 9 + n for a new branch and pull request,
 * 6 + n when nothing changed, 9 + n when the branch and the pull request's text changed.
 */
export function octokitScm(config: OctokitScmConfig): Scm {
  const ctx: RepoContext = {
    octokit: config.octokit,
    owner: config.owner,
    repo: config.repo,
    label: config.label ?? DEFAULT_LABEL,
    author: config.author,
    logger: config.logger,
  };
  const issues = issueOperations(ctx, { since: config.since });
  const pulls = pullRequestOperations(ctx);
  const reviews = reviewOperations(ctx);
  // Nothing the bot writes to GitHub (issues, comments, pull requests and their files) carries a known secret.
  return redactingPort<Scm>({
    findIssue: (marker) => mapErrors("find issue by marker", () => issues.findIssue(marker)),
    listIssues: (state, opts) => mapErrors("list issues", () => issues.listIssues(state, opts)),
    createIssue: (input) => mapErrors(`create issue "${input.title}"`, () => issues.createIssue(input)),
    updateIssue: (number, input) => mapErrors(`update issue #${number}`, () => issues.updateIssue(number, input)),
    comment: (number, body) => mapErrors(`comment on #${number}`, () => issues.comment(number, body)),
    upsertComment: (number, marker, body) => mapErrors(`upsert comment on #${number}`, () => issues.upsertComment(number, marker, body)),
    listComments: (number) => mapErrors(`list comments of #${number}`, () => issues.listComments(number)),
    findComment: (number, marker) => mapErrors(`find the comment on #${number}`, () => issues.findComment(number, marker)),
    findPullRequest: (branch) => mapErrors(`find pull request for ${branch}`, () => pulls.findPullRequest(branch)),
    proposeChange: (input) => mapErrors(`propose change on ${input.branch}`, () => pulls.proposeChange(input)),
    closePullRequest: (number) => mapErrors(`close pull request #${number}`, () => pulls.closePullRequest(number)),
    readFile: (path, ref) => mapErrors(`read ${path} at ${ref}`, () => pulls.readFile(path, ref)),
    readTree: (ref) => mapErrors(`read the tree of ${ref}`, () => pulls.readTree(ref)),
    readBlob: (sha) => mapErrors(`read blob ${sha}`, () => pulls.readBlob(sha)),
    listReviews: (number) => mapErrors(`list reviews of #${number}`, () => reviews.listReviews(number)),
    teamMembers: (team) => mapErrors(`list members of ${team}`, () => reviews.teamMembers(team)),
  });
}

/** Splits GITHUB_REPOSITORY ("owner/repo"); throws RangeError on anything else. */
export function parseRepository(value: string): { owner: string; repo: string } {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(value.trim());
  if (!m) throw new RangeError(`GITHUB_REPOSITORY must be "owner/repo", got "${value}"`);
  return { owner: m[1] as string, repo: m[2] as string };
}

/**
 * ChangeRecords on GitHub's REST API: the pull requests of a commit, their reviews and the check
 * runs on a commit. Octokit's errors become ExternalError("github", status) here.
 * API calls: pullsOfCommit 1; listReviews p (pages of 100); checkRuns 1 (the newest 100).
 */
import type { ChangeRecords } from "../../ports.js";
import type { RepoContext } from "./repo-context.js";
import { reviewOperations } from "./review-operations.js";
import { mapErrors } from "./to-external-error.js";

const date = (s: string | null | undefined) => (s ? new Date(s) : undefined);

const mapped = mapErrors;

/** ChangeRecords for the repository of `ctx`. */
export function octokitChangeRecords(ctx: Pick<RepoContext, "octokit" | "owner" | "repo">): ChangeRecords {
  const { octokit, owner, repo } = ctx;
  const reviews = reviewOperations({ ...ctx, label: "" });
  return {
    pullsOfCommit: (sha) => mapped(`pull requests of commit ${sha.slice(0, 12)}`, async () => {
      const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: sha, per_page: 100 });
      return data.map((p) => ({
        number: p.number,
        title: p.title,
        url: p.html_url,
        author: p.user?.login ?? "",
        ...(p.merged_at ? { mergedAt: new Date(p.merged_at) } : {}),
        base: p.base.ref,
      }));
    }),
    listReviews: (number) => mapped(`reviews of #${number}`, () => reviews.listReviews(number)),
    checkRuns: (sha, name) => mapped(`check runs "${name}" of ${sha.slice(0, 12)}`, async () => {
      const { data } = await octokit.rest.checks.listForRef({ owner, repo, ref: sha, check_name: name, filter: "all", per_page: 100 });
      return data.check_runs
        .map((r) => ({
          name: r.name,
          status: r.status,
          ...(r.conclusion ? { conclusion: r.conclusion } : {}),
          ...(date(r.started_at) ? { startedAt: date(r.started_at)! } : {}),
          ...(date(r.completed_at) ? { completedAt: date(r.completed_at)! } : {}),
          ...(r.html_url ? { url: r.html_url } : {}),
        }))
        .sort((a, b) => (b.startedAt?.getTime() ?? 0) - (a.startedAt?.getTime() ?? 0));
    }),
  };
}

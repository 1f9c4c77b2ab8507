import type { Scm } from "../../ports.js";
import type { RepoContext } from "./repo-context.js";

type ReviewOperations = Pick<Scm, "listReviews" | "teamMembers">;

/**
 * Reviews and team membership, for the approvals gate. Throws Octokit's errors; octokit-scm.ts maps them.
 * API calls: listReviews p (pages of 100); teamMembers p.
 */
export function reviewOperations(ctx: RepoContext): ReviewOperations {
  const { octokit, owner, repo } = ctx;
  return {
    async listReviews(number) {
      const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number: number, per_page: 100 });
      return reviews.map((r) => ({
        author: r.user?.login ?? "",
        state: r.state,
        ...(r.submitted_at ? { submittedAt: new Date(r.submitted_at) } : {}),
        ...(r.commit_id ? { commitId: r.commit_id } : {}),
      }));
    },
    async teamMembers(team) {
      const m = /^@?([^/\s]+)\/([^/\s]+)$/.exec(team);
      if (!m) throw new RangeError(`a team is "org/slug", got "${team}"`);
      const members = await octokit.paginate(octokit.rest.teams.listMembersInOrg, { org: m[1]!, team_slug: m[2]!, per_page: 100 });
      return members.map((u) => u.login);
    },
  };
}

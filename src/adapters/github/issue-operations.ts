import type { CommentRef, IssueRef, Scm } from "../../ports.js";
import { hasMarker, withMarker } from "../../core/github-conventions.js";
import { isByBot, type RepoContext } from "./repo-context.js";
import { isUnprocessable } from "./to-external-error.js";
import { toAssignees, toCommentRef, toIssueRef } from "./to-refs.js";

type IssueOperations = Pick<Scm, "findIssue" | "listIssues" | "createIssue" | "updateIssue" | "comment" | "upsertComment" | "listComments" | "findComment">;

/**
 * Issues and comments. The bot's issues are listed once per adapter (by its label, all states, 100 a page)
 * and kept up to date by the writes made through it, so finding many markers costs ceil(issues / 100) calls
 * in all, not a call each. Throws Octokit's errors; octokit-scm.ts maps them.
 */
export function issueOperations(ctx: RepoContext, options: { since?: Date } = {}): IssueOperations {
  const { octokit, owner, repo, label } = ctx;
  // The listing, shared by concurrent callers; forgotten if it fails so the next call lists again.
  let listing: Promise<Map<number, IssueRef>> | undefined;
  let index: Map<number, IssueRef> | undefined;

  async function listBotIssues(): Promise<Map<number, IssueRef>> {
    const items = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner, repo, labels: label, state: "all", sort: "updated", direction: "desc", per_page: 100,
      ...(options.since ? { since: options.since.toISOString() } : {}),
    });
    // The issues endpoint lists pull requests too; they are found by branch instead.
    const issues = items.filter((i) => !i.pull_request && isByBot(ctx, i.user)).map(toIssueRef);
    return (index = new Map(issues.map((i) => [i.number, i])));
  }
  function botIssues(): Promise<Map<number, IssueRef>> {
    listing ??= listBotIssues().catch((err: unknown) => {
      listing = undefined;
      throw err;
    });
    return listing;
  }
  const withLabel = (labels: string[]) => [...new Set([label, ...labels])];

  async function allComments(number: number) {
    return octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 100 });
  }

  return {
    async findIssue(marker) {
      const matches = [...(await botIssues()).values()].filter((i) => hasMarker(i.body, marker));
      const newest = (a: IssueRef, b: IssueRef) => b.number - a.number;
      const byClosed = (a: IssueRef, b: IssueRef) => (b.closedAt?.getTime() ?? 0) - (a.closedAt?.getTime() ?? 0);
      const found = matches.filter((i) => i.state === "open").sort(newest)[0] ?? matches.sort(byClosed)[0];
      return found && { ...found };
    },
    async listIssues(state = "open", opts = {}) {
      // refresh: list again now (another run may have opened one since), the writer's check before and after creating
      if (opts.refresh) listing = undefined;
      const all = [...(await botIssues()).values()].filter((i) => state === "all" || i.state === state).map((i) => ({ ...i }));
      return all.sort((a, b) => (b.updatedAt?.getTime() ?? 0) - (a.updatedAt?.getTime() ?? 0));
    },
    async createIssue(input) {
      const request = { owner, repo, title: input.title, body: input.body, labels: withLabel(input.labels) };
      const assignees = toAssignees(input.assignees);
      let created;
      try {
        created = await octokit.rest.issues.create({ ...request, assignees });
      } catch (err) {
        // An owner who cannot be assigned (left the org, no access) must not stop the incident from being filed.
        if (assignees.length === 0 || !isUnprocessable(err, /assignee/i)) throw err;
        ctx.logger?.warn(`GitHub refused the assignees ${assignees.join(", ")}; opening "${input.title}" unassigned`);
        created = await octokit.rest.issues.create(request);
      }
      const ref = toIssueRef(created.data);
      index?.set(ref.number, ref);
      return { ...ref };
    },
    async updateIssue(number, input) {
      const { data } = await octokit.rest.issues.update({
        owner, repo, issue_number: number, title: input.title, body: input.body, state: input.state,
        ...(input.labels ? { labels: withLabel(input.labels) } : {}),
      });
      index?.set(number, toIssueRef(data));
    },
    async comment(number, body) {
      await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body });
    },
    async upsertComment(number, marker, body) {
      const text = withMarker(body, marker);
      const existing = (await allComments(number)).find((c) => hasMarker(c.body, marker) && isByBot(ctx, c.user));
      if (existing === undefined) await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: text });
      else if (existing.body !== text) await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body: text });
    },
    async findComment(number, marker) {
      const found = (await allComments(number)).filter((c) => hasMarker(c.body ?? "", marker) && isByBot(ctx, c.user)).at(-1);
      return found && toCommentRef(found);
    },
    async listComments(number): Promise<CommentRef[]> {
      return (await allComments(number)).map(toCommentRef);
    },
  };
}

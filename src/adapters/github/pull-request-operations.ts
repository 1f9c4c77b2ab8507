import type { PullRequestRef, Scm } from "../../ports.js";
import { pushCommit } from "./push-commit.js";
import type { RepoContext } from "./repo-context.js";
import { isNotFound } from "./to-external-error.js";
import { toPullRequestRef } from "./to-refs.js";

type PullRequestOperations = Pick<Scm, "findPullRequest" | "proposeChange" | "closePullRequest" | "readFile" | "readTree" | "readBlob">;

/** Pull requests and files. Throws Octokit's errors; octokit-scm.ts maps them. */
export function pullRequestOperations(ctx: RepoContext): PullRequestOperations {
  const { octokit, owner, repo, label } = ctx;

  async function findPullRequest(branch: string): Promise<PullRequestRef | undefined> {
    const { data } = await octokit.rest.pulls.list({
      owner, repo, state: "all", head: `${owner}:${branch}`, sort: "created", direction: "desc", per_page: 10,
    });
    const pull = data.find((p) => p.head.ref === branch);
    return pull && toPullRequestRef(pull);
  }

  return {
    findPullRequest,

    /**
     * API calls: pushCommit's (6 + files for a new branch) + 1 lookup + 1 create or (only if title,
     * body or base differ) 1 update + 1 label call when a wanted label is missing.
     */
    async proposeChange(input) {
      await pushCommit(ctx, { branch: input.branch, base: input.base, ...(input.parent ? { parent: input.parent } : {}), message: input.commitMessage, files: input.files });
      const existing = await findPullRequest(input.branch);
      let pull: PullRequestRef;
      if (existing?.state === "open") {
        const changed = existing.title !== input.title || existing.body !== input.body || existing.base !== input.base;
        pull = changed
          ? toPullRequestRef((await octokit.rest.pulls.update({
              owner, repo, pull_number: existing.number, title: input.title, body: input.body, base: input.base,
            })).data)
          : existing;
      } else {
        const { data } = await octokit.rest.pulls.create({ owner, repo, head: input.branch, base: input.base, title: input.title, body: input.body });
        pull = toPullRequestRef(data);
      }
      const wanted = [...new Set([label, ...input.labels])];
      const have = new Set(pull.labels ?? []);
      if (wanted.some((l) => !have.has(l))) {
        const { data } = await octokit.rest.issues.addLabels({ owner, repo, issue_number: pull.number, labels: wanted });
        pull = { ...pull, labels: data.map((l) => l.name) };
      }
      return pull;
    },

    async closePullRequest(number) {
      await octokit.rest.pulls.update({ owner, repo, pull_number: number, state: "closed" });
    },

    /** API calls: 3 (ref, commit, recursive tree). A truncated tree (over 100,000 entries) is an error. */
    async readTree(ref) {
      const sha = (await octokit.rest.git.getRef({ owner, repo, ref: `heads/${ref}` })).data.object.sha;
      const commit = await octokit.rest.git.getCommit({ owner, repo, commit_sha: sha });
      const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: commit.data.tree.sha, recursive: "1" });
      if (data.truncated) throw new Error(`the tree of ${ref} is too large to read through the API (truncated)`);
      const entries = new Map<string, { sha: string; mode: string; size?: number }>();
      for (const e of data.tree) {
        if (e.type !== "blob" || !e.path || !e.sha || !e.mode) continue;
        entries.set(e.path, { sha: e.sha, mode: e.mode, ...(e.size !== undefined ? { size: e.size } : {}) });
      }
      return { sha, entries };
    },

    async readBlob(sha) {
      const { data } = await octokit.rest.git.getBlob({ owner, repo, file_sha: sha });
      return new Uint8Array(Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8"));
    },

    async readFile(path, ref) {
      try {
        const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref });
        if (Array.isArray(data) || data.type !== "file") return undefined;
        // Files over 1 MB come without content; their blob still has it.
        const content = "content" in data && data.content ? data.content
          : (await octokit.rest.git.getBlob({ owner, repo, file_sha: data.sha })).data.content;
        return Buffer.from(content, "base64").toString("utf8");
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
  };
}

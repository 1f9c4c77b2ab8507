import type { RepoContext } from "./repo-context.js";
import { isNotFound, isUnprocessable } from "./to-external-error.js";

export interface CommitRequest {
  branch: string;
  base: string;
  /** The commit to build on; default base's head. */
  parent?: string;
  message: string;
  /** Repository-relative path to its full new text (UTF-8). */
  files: Record<string, string>;
}

/**
 * Makes `branch` point at one commit on top of `base`'s head (or `parent`, one call fewer) that changes `files`, through the git data API
 * (blobs, tree, commit, ref; no checkout). Creates the branch or force-updates it. When the branch already
 * holds a commit with the same tree on the same parent, nothing is written and `changed` is false.
 * API calls, for n files: 6 + n when the branch is new (base ref, base commit, n blobs, tree, branch ref,
 * commit, create ref); 5 + n when it is unchanged (base ref, base commit, n blobs, tree, branch ref, head
 * commit); 7 + n when it changed (+ commit, update ref). Throws Octokit's errors; the caller maps them.
 */
export async function pushCommit(ctx: RepoContext, req: CommitRequest): Promise<{ sha: string; changed: boolean }> {
  const { octokit, owner, repo } = ctx;
  const baseSha = req.parent ?? (await octokit.rest.git.getRef({ owner, repo, ref: `heads/${req.base}` })).data.object.sha;
  const baseCommit = await octokit.rest.git.getCommit({ owner, repo, commit_sha: baseSha });
  const entries = [];
  for (const path of Object.keys(req.files).sort()) {
    const content = Buffer.from(req.files[path] as string, "utf8").toString("base64");
    const blob = await octokit.rest.git.createBlob({ owner, repo, content, encoding: "base64" });
    entries.push({ path, mode: "100644" as const, type: "blob" as const, sha: blob.data.sha });
  }
  const tree = await octokit.rest.git.createTree({ owner, repo, base_tree: baseCommit.data.tree.sha, tree: entries });

  const headSha = await branchHead(ctx, req.branch);
  if (headSha !== undefined) {
    const head = await octokit.rest.git.getCommit({ owner, repo, commit_sha: headSha });
    const sameParent = head.data.parents.length === 1 && head.data.parents[0]?.sha === baseSha;
    if (sameParent && head.data.tree.sha === tree.data.sha) return { sha: headSha, changed: false };
  }
  const commit = await octokit.rest.git.createCommit({ owner, repo, message: req.message, tree: tree.data.sha, parents: [baseSha] });
  const sha = commit.data.sha;
  if (headSha !== undefined) {
    await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${req.branch}`, sha, force: true });
  } else {
    try {
      await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${req.branch}`, sha });
    } catch (err) {
      // Another run created the branch since we looked: take it over, as a re-run would.
      if (!isUnprocessable(err, /already exists/i)) throw err;
      await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${req.branch}`, sha, force: true });
    }
  }
  return { sha, changed: true };
}

/** The sha `refs/heads/<branch>` points at, or undefined when the branch does not exist. */
async function branchHead(ctx: RepoContext, branch: string): Promise<string | undefined> {
  try {
    return (await ctx.octokit.rest.git.getRef({ owner: ctx.owner, repo: ctx.repo, ref: `heads/${branch}` })).data.object.sha;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

import type { ChatOpsGitHub, RepoRole } from "../../ports.js";
import type { RepoContext } from "./repo-context.js";
import { isNotFound, mapErrors } from "./to-external-error.js";

const ROLES: readonly RepoRole[] = ["admin", "maintain", "write", "triage", "read", "none"];

/**
 * ChatOps over the REST API. role: 1 call (GET collaborators/{user}/permission); react: 1 call
 * (POST issues/comments/{id}/reactions). Errors become ExternalError("github", status, ...).
 */
export function octokitChatOps(ctx: RepoContext): ChatOpsGitHub {
  const { octokit, owner, repo } = ctx;
  return {
    role: (login) => mapErrors(`read the repository permission of ${login}`, async () => {
      try {
        const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: login });
        // role_name names custom and fine-grained roles too; the legacy field is admin/write/read/none.
        const named = ROLES.find((r) => r === data.role_name);
        return named ?? (ROLES.find((r) => r === data.permission) ?? "none");
      } catch (err) {
        if (isNotFound(err)) return "none";
        throw err;
      }
    }),
    react: (commentId, content) => mapErrors(`react to comment ${commentId}`, async () => {
      await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content });
    }),
  };
}

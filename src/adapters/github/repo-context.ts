import type { Logger } from "../../ports.js";
import type { GitHubClient } from "./create-octokit.js";

/** What every GitHub operation needs: the client, the repository and how to recognise the bot's objects. */
export interface RepoContext {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  /** The label the bot puts on every issue and pull request it opens, and lists issues by. */
  label: string;
  /** When set, only issues and comments written by this login count as the bot's (e.g. "github-actions[bot]"). */
  author?: string;
  /** Told when the adapter works around something (e.g. assignees GitHub refused). */
  logger?: Logger;
}

/** Whether an object written by `user` may be the bot's: always, unless the context names the bot's login. */
export function isByBot(ctx: RepoContext, user: { login: string } | null | undefined): boolean {
  return ctx.author === undefined || user?.login === ctx.author;
}

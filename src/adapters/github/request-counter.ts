import type { GitHubClient } from "./create-octokit.js";

/** How many requests an Octokit sent, in total and per route ("GET /repos/{owner}/{repo}/issues"). */
export interface RequestCounter {
  readonly total: number;
  readonly byRoute: Readonly<Record<string, number>>;
  /** Sets every count back to zero (e.g. between the operations of a benchmark). */
  reset(): void;
}

/**
 * Counts the requests `octokit` sends from now on: one per API call the adapter makes, before retries
 * (a retried call counts once; the fake server's request log shows every attempt).
 */
export function countRequests(octokit: GitHubClient): RequestCounter {
  let total = 0;
  let byRoute: Record<string, number> = {};
  octokit.hook.before("request", (options) => {
    const route = `${options.method} ${String(options.url).split("?")[0]}`;
    total += 1;
    byRoute[route] = (byRoute[route] ?? 0) + 1;
  });
  return {
    get total() {
      return total;
    },
    get byRoute() {
      return byRoute;
    },
    reset() {
      total = 0;
      byRoute = {};
    },
  };
}

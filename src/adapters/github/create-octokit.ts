import { Octokit } from "@octokit/rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import Bottleneck from "bottleneck/light.js";
import type { Logger } from "../../ports.js";

/** Octokit with the retry and throttling plugins: the client every GitHub adapter takes. */
export const StewardOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof StewardOctokit>;

export interface GitHubClientConfig {
  /** GITHUB_TOKEN or an app installation token. */
  token: string;
  /** GITHUB_API_URL (GitHub Enterprise, a local fake); default https://api.github.com. */
  baseUrl?: string;
  logger: Logger;
  /** Retries of a 5xx or network failure; default 3. */
  retries?: number;
  /** Retries after a primary or secondary rate limit; default 2. */
  rateLimitRetries?: number;
  /** The longest wait, in seconds, that a rate-limit retry may need; a longer one fails at once. Default 120. */
  maxRateLimitWaitSeconds?: number;
  /** Milliseconds per "retry after" unit (seconds for rate limits, n² for 5xx); default 1000. Tests pass 1. */
  retryAfterBaseMs?: number;
  /**
   * Whether to pace requests as GitHub asks (one write at a time, a second apart; content-creating writes
   * three seconds apart) and honour rate limits. Default true; tests of other behaviour may turn it off.
   */
  throttle?: boolean;
  /**
   * Milliseconds between two writes when throttling: GitHub asks for at least one second, and three between
   * writes that notify people (issues, comments, pull requests), which is the default (1000). Writes stay one
   * at a time, in order, whatever the interval; tests of other behaviour pass 1 so that they do not idle.
   */
  writeIntervalMs?: number;
}

/** The plugin's own write pacing: one write a second, three seconds between writes that notify. */
const GITHUB_WRITE_INTERVAL_MS = 1000;

/**
 * Write and notification limiters for another interval than GitHub's, shared by every client of the process
 * that asks for the same interval (as the plugin shares its default ones): pacing is per token, not per client.
 */
const pacedGroups = new Map<number, { write: Bottleneck.Group; notifications: Bottleneck.Group }>();
function writeLimiters(intervalMs: number): { write: Bottleneck.Group; notifications: Bottleneck.Group } | Record<string, never> {
  if (intervalMs === GITHUB_WRITE_INTERVAL_MS) return {};
  let groups = pacedGroups.get(intervalMs);
  if (!groups) {
    // The plugin's settings (maxConcurrent 1, the 2-minute timeout), only minTime scaled.
    const common = { maxConcurrent: 1, timeout: 120_000 };
    groups = { write: new Bottleneck.Group({ ...common, minTime: intervalMs }), notifications: new Bottleneck.Group({ ...common, minTime: 3 * intervalMs }) };
    pacedGroups.set(intervalMs, groups);
  }
  return groups;
}

/**
 * Builds the Octokit the GitHub adapters use. 5xx and network failures are retried by @octokit/plugin-retry
 * with quadratic back-off; 403/429 rate limits are handled by @octokit/plugin-throttling, retried at most
 * `rateLimitRetries` times and only when the wait is at most `maxRateLimitWaitSeconds`. Every wait is logged.
 * Reads nothing from the environment: the entrypoint passes GITHUB_TOKEN and GITHUB_API_URL in.
 */
export function createOctokit(config: GitHubClientConfig): GitHubClient {
  const { logger } = config;
  const base = config.retryAfterBaseMs ?? 1000;
  const maxRetries = config.rateLimitRetries ?? 2;
  const maxWait = config.maxRateLimitWaitSeconds ?? 120;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const what = `${options.method} ${options.url}`;
      if (retryCount >= maxRetries || retryAfter > maxWait) {
        logger.warn(`GitHub ${kind} rate limit on ${what}; giving up (retry ${retryCount}, wait ${retryAfter}s)`);
        return false;
      }
      logger.warn(`GitHub ${kind} rate limit on ${what}; retrying in ${retryAfter}s (retry ${retryCount + 1}/${maxRetries})`);
      return true;
    };
  return new StewardOctokit({
    auth: config.token,
    baseUrl: (config.baseUrl ?? "https://api.github.com").replace(/\/+$/, ""),
    userAgent: "model-steward",
    // Octokit logs every request (info) and every failed attempt (error); failures reach the caller as
    // ExternalError, retries are logged above, so both are debug detail here.
    log: { debug: (m: string) => logger.debug(m), info: (m: string) => logger.debug(m), warn: (m: string) => logger.warn(m), error: (m: string) => logger.debug(m) },
    retry: { retries: config.retries ?? 3, retryAfterBaseValue: base },
    throttle:
      config.throttle === false
        ? { enabled: false }
        : { ...writeLimiters(config.writeIntervalMs ?? GITHUB_WRITE_INTERVAL_MS), retryAfterBaseValue: base, onRateLimit: onLimit("primary"), onSecondaryRateLimit: onLimit("secondary") },
  });
}

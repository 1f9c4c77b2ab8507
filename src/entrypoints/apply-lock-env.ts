// The apply lock from the environment, shared by `steward apply` and the apply action.
import { hostname } from "node:os";
import { deploymentLockStore } from "../adapters/github/deployment-lock-store.js";
import { parseRepository } from "../adapters/github/octokit-scm.js";
import { acquireApplyLocks, type ApplyLease, type LockClock } from "../commands/apply-lock.js";
import { parseDuration } from "../core/duration.js";
import { UserError } from "../core/errors.js";
import type { Logger } from "../ports.js";
import type { GitHubEnv } from "./github-env-read.js";

export interface ApplyLockSettings {
  /** --lock-wait / lock-wait: a duration ("10m"); default 10 minutes. */
  wait?: string;
  breakLock?: boolean;
  /** --no-lock: apply without the lock (said on the first line of the output). */
  noLock?: boolean;
  /** The commit the lock's deployments name. */
  commit?: string;
}

export const DEFAULT_LOCK_WAIT = "10m";

/** Real time: timers never keep the process alive on their own. */
export const systemLockClock: LockClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  every: (ms, fn) => {
    const timer = setInterval(() => void fn(), ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/**
 * How apply locks: a function taking the lock of the targets it applies, or undefined with --no-lock.
 * Throws UserError (exit 2) when the lock cannot be had here (no GitHub token or repository) and
 * --no-lock was not given: apply never runs unlocked without saying so.
 */
export function applyLockFromEnv(gh: GitHubEnv, env: Record<string, string | undefined>, logger: Logger, settings: ApplyLockSettings): ((targets: string[]) => Promise<ApplyLease>) | undefined {
  if (settings.noLock) return undefined;
  const waitSeconds = parseDuration(settings.wait ?? DEFAULT_LOCK_WAIT);
  if (waitSeconds === undefined) throw new UserError(`usage: --lock-wait takes a duration such as 10m or 0, not "${settings.wait}"`);
  if (!gh.token || !gh.repository) {
    throw new UserError("apply takes a lock on GitHub (a deployment to environment steward-apply/<target>), and GITHUB_TOKEN and GITHUB_REPOSITORY are not set; set them, or pass --no-lock to apply without a lock");
  }
  const { owner, repo } = parseRepository(gh.repository);
  const token = gh.token;
  const runId = env.GITHUB_RUN_ID ? `${env.GITHUB_RUN_ID}${env.GITHUB_RUN_ATTEMPT ? `/${env.GITHUB_RUN_ATTEMPT}` : ""}` : `${hostname()}:${process.pid}`;
  const owner_ = { runId, ...(gh.runUrl ? { runUrl: gh.runUrl } : {}) };
  return async (targets) => {
    // Octokit loads when the lock is taken, not at start (start-up time, issue #13).
    const { createOctokit } = await import("../adapters/github/create-octokit.js");
    const octokit = createOctokit({ token, logger, ...(gh.apiUrl ? { baseUrl: gh.apiUrl } : {}) });
    const store = deploymentLockStore({ octokit, owner, repo, ...(settings.commit ? { ref: settings.commit } : {}) });
    return acquireApplyLocks({ store, logger, clock: systemLockClock }, targets, { owner: owner_, waitMs: waitSeconds * 1000, ...(settings.breakLock ? { breakLock: true } : {}) });
  };
}

/** The first line of an unlocked apply's output. */
export const UNLOCKED_NOTE = "apply is not locked (--no-lock): nothing stops another apply from interleaving with this one";

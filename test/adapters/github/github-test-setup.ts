import type { Logger } from "../../../src/ports.js";
import { createOctokit } from "../../../src/adapters/github/create-octokit.js";
import { octokitScm } from "../../../src/adapters/github/octokit-scm.js";
import { countRequests } from "../../../src/adapters/github/request-counter.js";
import { startFakeGitHub, type FakeGitHub } from "../../support/fake-github-server.js";

/** A Logger that keeps what it was told, for assertions. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(`info: ${m}`),
    warn: (m) => void lines.push(`warn: ${m}`),
    error: (m) => void lines.push(`error: ${m}`),
    debug: () => {},
    group: (_t, fn) => fn(),
  };
}

/** A fake GitHub and the real adapter pointed at it (fast retries; throttling on only when asked). */
export async function githubUnderTest(options: { throttle?: boolean; files?: Record<string, string>; author?: string } = {}) {
  const fake: FakeGitHub = await startFakeGitHub({ files: options.files ?? { "models/churn/model.yaml": "stages:\n  production: \"3\"\n" } });
  const logger = recordingLogger();
  const octokit = createOctokit({ token: "t0ken", baseUrl: fake.url, logger, retryAfterBaseMs: 1, throttle: options.throttle ?? false });
  const calls = countRequests(octokit);
  const scm = octokitScm({ octokit, owner: fake.owner, repo: fake.repo, author: options.author, logger });
  return { fake, logger, octokit, calls, scm, [Symbol.asyncDispose]: () => fake.close() };
}

import { describe, expect, it, vi } from "vitest";
import { createOctokit } from "../../../src/adapters/github/create-octokit.js";
import { rateLimitReply, startFakeGitHub, type FakeGitHub } from "../../support/fake-github-server.js";
import { githubUnderTest, recordingLogger } from "./github-test-setup.js";

describe("createOctokit: rate limits", () => {
  it("waits out a secondary rate limit, logs it and retries", async () => {
    await using gh = await githubUnderTest({ throttle: true });
    gh.fake.fail({ method: "GET", path: /\/pulls/ }, rateLimitReply("secondary", 1));
    expect(await gh.scm.findPullRequest("b")).toBeUndefined();
    expect(gh.fake.requests.map((r) => r.status)).toEqual([403, 200]);
    expect(gh.logger.lines).toEqual([expect.stringMatching(/^warn: GitHub secondary rate limit on GET .*; retrying in 1s \(retry 1\/2\)$/)]);
  });

  it("waits out a primary rate limit until its reset time", async () => {
    await using gh = await githubUnderTest({ throttle: true });
    gh.fake.fail({ method: "GET", path: /\/pulls/ }, rateLimitReply("primary", 0));
    expect(await gh.scm.findPullRequest("b")).toBeUndefined();
    expect(gh.fake.requests.map((r) => r.status)).toEqual([403, 200]);
    expect(gh.logger.lines[0]).toMatch(/^warn: GitHub primary rate limit on GET /);
  });

  it("gives up after two rate-limit retries with ExternalError 403", async () => {
    await using gh = await githubUnderTest({ throttle: true });
    gh.fake.fail({ method: "GET", path: /\/pulls/ }, rateLimitReply("secondary", 1), 5);
    const err = await gh.scm.findPullRequest("b").catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "ExternalError", status: 403 });
    expect((err as Error).message).toContain("secondary rate limit");
    expect(gh.fake.requests).toHaveLength(3);
    expect(gh.logger.lines.at(-1)).toMatch(/giving up/);
  });

  it("does not wait for a rate limit that resets too far ahead", async () => {
    await using gh = await githubUnderTest({ throttle: true });
    gh.fake.fail({ method: "GET", path: /\/pulls/ }, rateLimitReply("primary", 3600));
    await expect(gh.scm.findPullRequest("b")).rejects.toMatchObject({ status: 403 });
    expect(gh.fake.requests).toHaveLength(1);
  });

  it("sends the token and honours the base URL", async () => {
    await using gh = await githubUnderTest();
    await gh.scm.findPullRequest("b");
    expect(gh.fake.requests[0]?.path).toMatch(/^\/repos\/acme\/models\/pulls\?/);
    expect(gh.fake.requests[0]?.status).toBe(200); // the fake answers 401 without an Authorization header
  });
});

describe("createOctokit: write pacing", () => {
  // The limiter spaces the starts of writes; a request then reaches the server some milliseconds later. So the
  // bound that always holds is from before the first call to the arrival of the last: (n - 1) intervals at least.
  const sinceStart = async (fake: FakeGitHub, writes: Promise<unknown>[]): Promise<number> => {
    const t0 = performance.now();
    const from = fake.requests.length;
    await Promise.all(writes);
    expect(fake.requests.slice(from)).toHaveLength(writes.length);
    return fake.requests.at(-1)!.at - t0;
  };

  it("by default waits a second between writes, as GitHub asks", async () => {
    // The module itself, not the tests' setup (test/support/github-pacing-setup.ts), which shortens the pacing.
    const { createOctokit } = await vi.importActual<typeof import("../../../src/adapters/github/create-octokit.js")>("../../../src/adapters/github/create-octokit.js");
    await using fake = await startFakeGitHub();
    const octokit = createOctokit({ token: "t0ken", baseUrl: fake.url, logger: recordingLogger() });
    const blob = { owner: fake.owner, repo: fake.repo, content: "x", encoding: "utf-8" };
    expect(await sinceStart(fake, [octokit.rest.git.createBlob(blob), octokit.rest.git.createBlob(blob)])).toBeGreaterThanOrEqual(999);
  });

  it("writes one at a time, writeIntervalMs apart, and three times that between writes that notify", async () => {
    await using fake = await startFakeGitHub();
    const octokit = createOctokit({ token: "t0ken", baseUrl: fake.url, logger: recordingLogger(), writeIntervalMs: 40 });
    const { owner, repo } = fake;
    const blobs = await sinceStart(fake, [1, 2, 3].map((i) => octokit.rest.git.createBlob({ owner, repo, content: String(i), encoding: "utf-8" })));
    // Below GitHub's one second between writes, within a busy machine's margin: the interval given is the one used.
    expect(blobs).toSatisfy((ms: number) => ms >= 2 * 40 - 1 && ms < 1000);
    expect(await sinceStart(fake, [1, 2].map((i) => octokit.rest.issues.create({ owner, repo, title: `t${i}` })))).toBeGreaterThanOrEqual(3 * 40 - 1);
  });
});

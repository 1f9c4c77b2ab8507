import { describe, expect, it } from "vitest";
import { rateLimitReply } from "../../support/fake-github-server.js";
import { githubUnderTest } from "./github-test-setup.js";

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

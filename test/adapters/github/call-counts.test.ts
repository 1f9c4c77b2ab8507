/**
 * How many API calls each Scm operation makes, as counted by countRequests and by the fake's request log.
 * These are the figures the monitor benchmark relies on: GitHub calls grow with findings, not with models.
 */
import { describe, expect, it } from "vitest";
import { stewardMarker } from "../../../src/core/github-conventions.js";
import { githubUnderTest } from "./github-test-setup.js";

const change = (files: Record<string, string>, body = "evidence") => ({
  branch: "steward/rollback/churn", base: "main", title: "Roll back churn", body, labels: ["rollback"], commitMessage: "Roll back churn", files,
});

describe("API calls per operation", () => {
  it("findIssue lists the bot's issues once, 100 a page, whatever the number of markers looked up", async () => {
    await using gh = await githubUnderTest();
    for (let n = 1; n <= 250; n++) {
      gh.fake.state.issues.set(n, {
        number: n, title: `issue ${n}`, body: stewardMarker("issue", `model-${n}`, "accuracy"), state: n % 2 ? "open" : "closed",
        stateReason: null, labels: ["model-steward"], assignees: [], author: "github-actions[bot]",
        createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z", closedAt: n % 2 ? null : "2026-01-02T00:00:00Z",
      });
    }
    for (let n = 1; n <= 300; n++) await gh.scm.findIssue(stewardMarker("issue", `model-${n}`, "accuracy"));
    expect(gh.calls.total).toBe(3);
    expect(gh.fake.requests.map((r) => r.path)).toEqual([
      "/repos/acme/models/issues?labels=model-steward&state=all&sort=updated&direction=desc&per_page=100",
      expect.stringMatching(/&page=2$/),
      expect.stringMatching(/&page=3$/),
    ]);
    // Writes keep the listing current: a created issue is found without listing again.
    const created = await gh.scm.createIssue({ title: "new", body: stewardMarker("issue", "new", "latency"), labels: [], assignees: [] });
    expect((await gh.scm.findIssue(stewardMarker("issue", "new", "latency")))?.number).toBe(created.number);
    expect(gh.calls.total).toBe(4);
  });

  it("concurrent lookups share one listing; a failed listing is made again by the next lookup", async () => {
    await using gh = await githubUnderTest();
    gh.fake.fail({ method: "GET", path: /\/issues\?/ }, { status: 404 });
    await expect(gh.scm.findIssue("<!-- steward:a -->")).rejects.toMatchObject({ status: 404 });
    await Promise.all([gh.scm.findIssue("<!-- steward:a -->"), gh.scm.findIssue("<!-- steward:b -->"), gh.scm.listIssues()]);
    expect(gh.fake.requests.map((r) => r.status)).toEqual([404, 200]);
  });

  it("proposeChange: 9 + files for a new branch and pull request, 6 + files when nothing changed, 9 + files when it changed", async () => {
    await using gh = await githubUnderTest();
    const files = { "models/churn/model.yaml": "a: 1\n", "models/churn/CHANGELOG.md": "x\n" };
    await gh.scm.proposeChange(change(files));
    expect(gh.calls.total).toBe(9 + 2);
    gh.calls.reset();
    await gh.scm.proposeChange(change(files));
    expect(gh.calls.byRoute).toEqual({
      "GET /repos/{owner}/{repo}/git/ref/{ref}": 2,
      "GET /repos/{owner}/{repo}/git/commits/{commit_sha}": 2,
      "POST /repos/{owner}/{repo}/git/blobs": 2,
      "POST /repos/{owner}/{repo}/git/trees": 1,
      "GET /repos/{owner}/{repo}/pulls": 1,
    });
    gh.calls.reset();
    await gh.scm.proposeChange(change({ ...files, "models/churn/model.yaml": "a: 2\n" }, "new evidence"));
    expect(gh.calls.total).toBe(9 + 2);
    expect(gh.fake.requests).toHaveLength(11 + 8 + 11);
  });

  it("one call each for createIssue, updateIssue, comment, findPullRequest; upsertComment lists then writes", async () => {
    await using gh = await githubUnderTest();
    const issue = await gh.scm.createIssue({ title: "t", body: "b", labels: [], assignees: [] });
    await gh.scm.updateIssue(issue.number, { state: "closed" });
    await gh.scm.comment(issue.number, "recovered");
    await gh.scm.findPullRequest("steward/rollback/churn");
    expect(gh.calls.total).toBe(4);
    gh.calls.reset();
    await gh.scm.upsertComment(issue.number, stewardMarker("status"), "one");
    await gh.scm.upsertComment(issue.number, stewardMarker("status"), "one");
    expect(gh.calls.total).toBe(3); // list + create, then list only (unchanged text is not rewritten)
  });

  it("counts a retried call once; the fake's log shows every attempt", async () => {
    await using gh = await githubUnderTest();
    gh.fake.fail({ method: "GET" }, { status: 500 }, 2);
    await gh.scm.findPullRequest("b");
    expect(gh.calls.total).toBe(1);
    expect(gh.fake.requests).toHaveLength(3);
  });
});

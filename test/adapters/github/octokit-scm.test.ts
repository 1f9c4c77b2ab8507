import { describe, expect, it } from "vitest";
import { ExternalError } from "../../../src/core/errors.js";
import { stewardMarker } from "../../../src/core/github-conventions.js";
import { octokitScm, parseRepository } from "../../../src/adapters/github/octokit-scm.js";
import { githubUnderTest } from "./github-test-setup.js";

const marker = stewardMarker("issue", "churn", "accuracy");
const rollback = {
  branch: "steward/rollback/churn",
  base: "main",
  title: "Roll back churn to version 2",
  body: `Accuracy fell below 0.9.\n\n${stewardMarker("rollback", "churn")}`,
  labels: ["rollback"],
  commitMessage: "Roll back churn to version 2",
  files: { "models/churn/model.yaml": 'stages:\n  production: "2"\n' },
};

describe("octokitScm against the fake GitHub", () => {
  it("opens the issue and the pull request on the first run and finds them again on the second", async () => {
    await using gh = await githubUnderTest();
    const { scm, fake } = gh;

    expect(await scm.findIssue(marker)).toBeUndefined();
    const issue = await scm.createIssue({ title: "[critical] churn accuracy", body: `Accuracy 0.81\n\n${marker}`, labels: ["critical"], assignees: ["@octocat", "@acme/risk-ml"] });
    const pull = await scm.proposeChange(rollback);
    expect(issue).toMatchObject({ number: 1, state: "open", labels: ["model-steward", "critical"], assignees: ["octocat"] });
    expect(pull).toMatchObject({ number: 2, state: "open", merged: false, branch: rollback.branch, base: "main" });
    expect(pull.labels).toEqual(["model-steward", "rollback"]);
    expect(fake.fileAt(rollback.branch, "models/churn/model.yaml")).toBe(rollback.files["models/churn/model.yaml"]);

    // A second run is a new process: a new adapter (no cached listing) over the same GitHub.
    const rerun = octokitScm({ octokit: gh.octokit, owner: fake.owner, repo: fake.repo });
    const found = await rerun.findIssue(marker);
    expect(found?.number).toBe(1);
    await rerun.comment(1, "Still below threshold.");
    const foundPull = await rerun.findPullRequest(rollback.branch);
    expect(foundPull).toMatchObject({ number: 2, state: "open" });
    const updated = await rerun.proposeChange({ ...rollback, body: `${rollback.body}\nUpdated evidence.` });
    expect(updated.number).toBe(2);
    expect(updated.body).toContain("Updated evidence.");
    expect([...fake.state.issues.values()].filter((i) => !i.pull)).toHaveLength(1);
    expect([...fake.state.issues.values()].filter((i) => i.pull)).toHaveLength(1);
  });

  it("does not push a new commit when the branch already holds the change, and force-updates when it changed", async () => {
    await using gh = await githubUnderTest();
    await gh.scm.proposeChange(rollback);
    const head = gh.fake.state.refs.get(`refs/heads/${rollback.branch}`);
    gh.fake.requests.length = 0;
    await gh.scm.proposeChange(rollback);
    expect(gh.fake.state.refs.get(`refs/heads/${rollback.branch}`)).toBe(head);
    expect(gh.fake.requests.map((r) => `${r.method} ${r.path.split("?")[0]}`)).not.toContain(`POST /repos/acme/models/git/commits`);

    // Main moved on; the branch is rebuilt on the new base.
    gh.fake.commitFiles("main", { "README.md": "changed\n" });
    const changed = await gh.scm.proposeChange({ ...rollback, files: { "models/churn/model.yaml": 'stages:\n  production: "1"\n' } });
    const newHead = gh.fake.state.refs.get(`refs/heads/${rollback.branch}`) as string;
    expect(newHead).not.toBe(head);
    expect(gh.fake.state.commits.get(newHead)?.parents).toEqual([gh.fake.state.refs.get("refs/heads/main")]);
    expect(gh.fake.fileAt(rollback.branch, "README.md")).toBe("changed\n");
    expect(changed.number).toBe(1);
  });

  it("reports a pull request closed without merging as closed, and opens a new one when asked again", async () => {
    await using gh = await githubUnderTest();
    const first = await gh.scm.proposeChange(rollback);
    gh.fake.closePull(first.number);
    expect(await gh.scm.findPullRequest(rollback.branch)).toMatchObject({ number: first.number, state: "closed", merged: false });
    const second = await gh.scm.proposeChange(rollback);
    expect(second.number).not.toBe(first.number);
    gh.fake.closePull(second.number, { merge: true });
    expect(await gh.scm.findPullRequest(rollback.branch)).toMatchObject({ number: second.number, state: "closed", merged: true });
  });

  it("finds the open issue first, then the most recently closed one, and skips pull requests and other issues", async () => {
    await using gh = await githubUnderTest();
    const old = await gh.scm.createIssue({ title: "old", body: marker, labels: [], assignees: [] });
    await gh.scm.updateIssue(old.number, { state: "closed" });
    await gh.scm.createIssue({ title: "other", body: stewardMarker("issue", "churn", "latency"), labels: [], assignees: [] });
    await gh.scm.proposeChange({ ...rollback, body: marker });
    expect(await gh.scm.findIssue(marker)).toMatchObject({ number: old.number, state: "closed" });
    const open = await gh.scm.createIssue({ title: "new", body: marker, labels: [], assignees: [] });
    expect((await gh.scm.findIssue(marker))?.number).toBe(open.number);
    expect((await gh.scm.listIssues("open")).map((i) => i.title).sort()).toEqual(["new", "other"]);
  });

  it("keeps one comment per marker: creates it, then updates it", async () => {
    await using gh = await githubUnderTest();
    const issue = await gh.scm.createIssue({ title: "t", body: marker, labels: [], assignees: [] });
    const sticky = stewardMarker("plan");
    await gh.scm.upsertComment(issue.number, sticky, "Plan: 1 change");
    await gh.scm.comment(issue.number, "a person's comment");
    await gh.scm.upsertComment(issue.number, sticky, "Plan: 2 changes");
    const comments = await gh.scm.listComments(issue.number);
    expect(comments.map((c) => c.body)).toEqual([`Plan: 2 changes\n\n${sticky}\n`, "a person's comment"]);
  });

  it("reads a file at a ref and closes a pull request", async () => {
    await using gh = await githubUnderTest();
    expect(await gh.scm.readFile("models/churn/model.yaml", "main")).toContain('production: "3"');
    expect(await gh.scm.readFile("missing.yaml", "main")).toBeUndefined();
    const pull = await gh.scm.proposeChange(rollback);
    expect(await gh.scm.readFile("models/churn/model.yaml", rollback.branch)).toContain('production: "2"');
    await gh.scm.closePullRequest(pull.number);
    expect(await gh.scm.findPullRequest(rollback.branch)).toMatchObject({ state: "closed", merged: false });
  });
});

describe("octokitScm configuration", () => {
  it("lists only issues updated since the given time", async () => {
    await using gh = await githubUnderTest();
    const old = await gh.scm.createIssue({ title: "old", body: marker, labels: [], assignees: [] });
    const since = new Date(Date.parse(gh.fake.state.issues.get(old.number)?.updatedAt as string) + 1);
    const recent = await gh.scm.createIssue({ title: "recent", body: stewardMarker("issue", "x", "y"), labels: [], assignees: [] });
    const scm = octokitScm({ octokit: gh.octokit, owner: "acme", repo: "models", since });
    expect(await scm.findIssue(marker)).toBeUndefined();
    expect((await scm.listIssues("all")).map((i) => i.number)).toEqual([recent.number]);
    expect(gh.fake.requests.at(-1)?.path).toContain(`since=${encodeURIComponent(since.toISOString())}`);
  });

  it("uses its own label", async () => {
    await using gh = await githubUnderTest();
    const scm = octokitScm({ octokit: gh.octokit, owner: "acme", repo: "models", label: "ml-bot" });
    expect((await scm.createIssue({ title: "t", body: marker, labels: ["critical"], assignees: [] })).labels).toEqual(["ml-bot", "critical"]);
    expect(await gh.scm.findIssue(marker)).toBeUndefined(); // the default label's listing does not see it
    expect((await scm.findIssue(marker))?.title).toBe("t");
  });

  it("parses GITHUB_REPOSITORY", () => {
    expect(parseRepository("acme/models")).toEqual({ owner: "acme", repo: "models" });
    expect(() => parseRepository("acme")).toThrow(RangeError);
    expect(() => parseRepository("acme/models/x")).toThrow(RangeError);
  });
});

describe("octokitScm failures", () => {
  it("retries a 5xx and succeeds", async () => {
    await using gh = await githubUnderTest();
    gh.fake.fail({ method: "GET", path: /\/pulls/ }, { status: 502 }, 2);
    expect(await gh.scm.findPullRequest("nope")).toBeUndefined();
    expect(gh.fake.requests.filter((r) => r.path.includes("/pulls")).map((r) => r.status)).toEqual([502, 502, 200]);
  });

  it("gives up after the retries and maps the 5xx to ExternalError", async () => {
    await using gh = await githubUnderTest();
    gh.fake.fail({ method: "GET", path: /\/pulls/ }, { status: 503, body: { message: "Service Unavailable" } }, 10);
    const err = await gh.scm.findPullRequest("x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExternalError);
    expect(err).toMatchObject({ service: "github", status: 503 });
    expect(gh.fake.requests).toHaveLength(4);
  });

  it("maps a 404 to ExternalError with status 404", async () => {
    await using gh = await githubUnderTest();
    const err = await gh.scm.updateIssue(99, { state: "closed" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExternalError);
    expect(err).toMatchObject({ service: "github", status: 404, message: "update issue #99: Not Found" });
    expect(gh.fake.requests).toHaveLength(1);
  });

  it("maps a 422 to ExternalError with status and code, without retrying", async () => {
    await using gh = await githubUnderTest();
    const err = await gh.scm.createIssue({ title: "", body: "b", labels: [], assignees: [] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "ExternalError", status: 422, code: "missing_field" });
    expect((err as Error).message).toMatch(/^create issue "": Validation Failed/);
    expect(gh.fake.requests).toHaveLength(1);
  });

  it("opens the issue unassigned when GitHub refuses an assignee, and says so", async () => {
    await using gh = await githubUnderTest();
    const issue = await gh.scm.createIssue({ title: "t", body: marker, labels: [], assignees: ["@octocat", "@gone-user"] });
    expect(issue.assignees).toEqual([]);
    expect(gh.fake.requests.map((r) => r.status)).toEqual([422, 201]);
    expect(gh.logger.lines).toEqual(['warn: GitHub refused the assignees octocat, gone-user; opening "t" unassigned']);
  });

  it("ignores markers in issues and comments by anyone but the bot when the bot's login is known", async () => {
    await using gh = await githubUnderTest({ author: "github-actions[bot]" });
    const forged = await gh.scm.createIssue({ title: "forged", body: marker, labels: [], assignees: [] });
    (gh.fake.state.issues.get(forged.number) as { author: string }).author = "mallory";
    expect(await octokitScm({ octokit: gh.octokit, owner: "acme", repo: "models", author: "github-actions[bot]" }).findIssue(marker)).toBeUndefined();
    const sticky = stewardMarker("plan");
    await gh.scm.comment(forged.number, `fake ${sticky}`);
    (gh.fake.state.comments.values().next().value as { author: string }).author = "mallory";
    await gh.scm.upsertComment(forged.number, sticky, "real");
    expect((await gh.scm.listComments(forged.number)).map((c) => c.author)).toEqual(["mallory", "github-actions[bot]"]);
  });

  it("maps an unreachable server to ExternalError without status", async () => {
    await using gh = await githubUnderTest();
    await gh.fake.close();
    const err = await gh.scm.findIssue(marker).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "ExternalError", service: "github", status: undefined });
  }, 20_000);
});

/**
 * The bot's pull request is an ordinary, valid change. End to end: `steward monitor` (the CLI, through
 * the real Octokit adapter) against the local fake GitHub, on a scratch clone of the sample repository
 * whose history has fraud-detection serve 5, then 6, then 7. Main moves on after the checkout (someone
 * edits the same model.yaml); the rollback PR is then checked out from the fake GitHub and run through
 * `steward validate --base` and `steward card --check`, merged with a merge commit, and the next
 * incident's target is read from the merged history.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gitCliHistory } from "../../src/adapters/git/git-cli-history.js";
import { loadHistories } from "../../src/commands/monitor-read.js";
import { rollbackTarget } from "../../src/core/monitor/rollback-target.js";
import { runCli } from "../../src/entrypoints/cli.js";
import { aModelSpec, aVersionSpec } from "../support/builders.js";
import { captureIO } from "../support/cli-io.js";
import { startFakeGitHub } from "../support/fake-github-server.js";
import { checkoutTree } from "../support/checkout-tree.js";
import { sampleRepoWithHistory } from "../support/sample-history.js";

const MODEL = "models/fraud-detection/model.yaml";
const CARD = "models/fraud-detection/MODEL_CARD.md";
const BRANCH = "steward/rollback/fraud-detection";


describe("bot pull requests, checked out", () => {
  it("passes validate and card --check, keeps a change main got after the checkout, and a second incident after its merge targets 5", { timeout: 240_000 }, async () => {
    using repo = sampleRepoWithHistory(async (root) => {
      expect(await runCli(["card", "--root", root], captureIO({ cwd: root }))).toBe(0);
    });
    await repo.ready;
    const cli = async (args: string[], env: Record<string, string> = {}, now = "2026-11-26T00:05:00Z") => {
      const io = captureIO({ cwd: repo.root, env, now: () => new Date(now) });
      const code = await runCli([...args, "--root", repo.root], io);
      return { code, out: io.out(), err: io.err() };
    };
    expect((await cli(["card", "--check"])).code).toBe(0);

    // The remote holds what the clone holds; then main moves on: someone edits the same model.yaml.
    const tracked = repo.git("ls-files").split("\n").filter(Boolean);
    await using gh = await startFakeGitHub({ files: Object.fromEntries(tracked.map((p) => [p, readFileSync(join(repo.root, p), "utf8")])) });
    const moved = `# On call: #risk-ml-oncall (added on main after the monitor's checkout)\n${repo.read(MODEL)}`;
    gh.commitFiles("main", { [MODEL]: moved }, "Document the on-call channel");

    const env = { GITHUB_TOKEN: "t0ken", GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`, GITHUB_API_URL: gh.url };
    const monitor = await cli(["monitor", "--format", "json", "--source", "samples", "--now", "2026-11-26T00:05:00Z"], env);
    // 2: findings acted on, but the events the rules ask for could not be sent (no AWS region here)
    expect(monitor.code, monitor.err).toBe(2);
    const onBranch = gh.fileAt(BRANCH, MODEL)!;
    expect(onBranch).toBe(moved.replace('production: "7"', 'production: "6"'));
    const pr = [...gh.state.issues.values()].find((i) => i.pull?.head === BRANCH)!;
    expect(pr.body).toContain("**Promotion gates**: allowed by the rollback rule: version 6 served in production before");
    const prCommit = gh.state.commits.get(gh.state.refs.get(`refs/heads/${BRANCH}`)!)!;
    expect(prCommit.parents).toEqual([gh.state.refs.get("refs/heads/main")]);

    // Check out the PR as a reviewer would: main as it is now, then the PR branch's tree.
    repo.write(MODEL, moved);
    const base = repo.commit("Document the on-call channel", "2026-11-26T00:01:00Z");
    repo.git("checkout", "-q", "-b", BRANCH);
    expect(checkoutTree(gh, BRANCH, repo.root)).toEqual([CARD, MODEL]);
    repo.commit("steward: roll back fraud-detection from 7 to 6", "2026-11-26T00:06:00Z", {}, "github-actions");

    const validate = await cli(["validate", "--base", base, "--format", "json"], {}, "2026-11-26T00:10:00Z");
    expect(validate.code, validate.out).toBe(0);
    expect(JSON.parse(validate.out).gates).toMatchObject([{ model: "fraud-detection", version: "6", stage: "production", ok: true, checks: expect.arrayContaining([expect.objectContaining({ gate: "rollback", ok: true })]) }]);
    const cards = await cli(["card", "--check"]);
    expect(cards.code, cards.out + cards.err).toBe(0);

    // Merged with a merge commit; a second incident then goes back to 5, never to 7.
    repo.git("checkout", "-q", "main");
    repo.git("merge", "-q", "--no-ff", BRANCH, "-m", "Merge pull request #9 from acme/steward/rollback/fraud-detection");
    const histories = await loadHistories(gitCliHistory(repo.root), [aModelSpec({ name: "fraud-detection" })], ["fraud-detection"], []);
    const versions = ["5", "6", "7", "8"].map((v) => aVersionSpec({ version: v }));
    expect(rollbackTarget({ current: ["6"], history: histories.get("fraud-detection")!, versions })?.version).toBe("5");
  });

  it("promote --open-pr: the PR, checked out, passes validate and card --check, and keeps main's newer edit", { timeout: 120_000 }, async () => {
    using repo = sampleRepoWithHistory(async (root) => {
      expect(await runCli(["card", "--root", root], captureIO({ cwd: root }))).toBe(0);
    });
    await repo.ready;
    const now = "2026-12-01T00:00:00Z";
    const cli = async (args: string[], env: Record<string, string> = {}) => {
      const io = captureIO({ cwd: repo.root, env, now: () => new Date(now) });
      const code = await runCli([...args, "--root", repo.root], io);
      return { code, out: io.out(), err: io.err() };
    };
    const tracked = repo.git("ls-files").split("\n").filter(Boolean);
    await using gh = await startFakeGitHub({ files: Object.fromEntries(tracked.map((p) => [p, readFileSync(join(repo.root, p), "utf8")])) });
    const moved = repo.read(MODEL).replace("stages:", "# promotions go through steward promote --open-pr\nstages:");
    gh.commitFiles("main", { [MODEL]: moved }, "Say how promotions are made");

    const promote = await cli(["promote", "fraud-detection", "8", "production", "--open-pr"], { GITHUB_TOKEN: "t0ken", GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`, GITHUB_API_URL: gh.url });
    expect(promote.code, promote.out + promote.err).toBe(0);
    const branch = "steward/promote/fraud-detection-8-production";
    expect(gh.fileAt(branch, MODEL)).toBe(moved.replace('production: "7"', 'production: "8"'));

    repo.write(MODEL, moved);
    const base = repo.commit("Say how promotions are made", "2026-11-30T00:00:00Z");
    repo.git("checkout", "-q", "-b", branch);
    expect(checkoutTree(gh, branch, repo.root)).toEqual([CARD, MODEL]);
    repo.commit("steward: promote fraud-detection 8 to production", "2026-12-01T00:00:00Z", {}, "github-actions");
    const validate = await cli(["validate", "--base", base, "--format", "json"]);
    expect(validate.code, validate.out).toBe(0);
    expect(JSON.parse(validate.out).gates).toMatchObject([{ model: "fraud-detection", version: "8", stage: "production", ok: true }]);
    const cards = await cli(["card", "--check"]);
    expect(cards.code, cards.out + cards.err).toBe(0);
  });
});

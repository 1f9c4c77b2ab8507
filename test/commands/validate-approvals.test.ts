/**
 * The approvals gate end to end: `steward validate --base` in a pull request's workflow
 * (GITHUB_EVENT_PATH names the PR) counts the PR's reviews through the real Octokit adapter against
 * the local fake GitHub, with team owners resolved through the organization's team members.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import { captureIO } from "../support/cli-io.js";
import { startFakeGitHub, type FakeGitHub } from "../support/fake-github-server.js";
import { scratchGit } from "../support/scratch-git.js";

const MODEL = "models/scorer/model.yaml";
const POLICY = "policies/base.yaml";

async function openPull(gh: FakeGitHub, branch: string): Promise<number> {
  gh.commitFiles(branch, { [MODEL]: "changed\n" }, "promote 2");
  const res = await fetch(`${gh.url}/repos/${gh.owner}/${gh.repo}/pulls`, {
    method: "POST",
    headers: { authorization: "token t0ken", "content-type": "application/json" },
    body: JSON.stringify({ title: "Promote scorer 2 to production", head: branch, base: "main" }),
  });
  return ((await res.json()) as { number: number }).number;
}

describe("the approvals gate, counted through the GitHub API", () => {
  it("one owner approval of two fails naming who is missing; a dismissed approval does not count", async () => {
    await using gh = await startFakeGitHub({ dismissStaleReviews: true });
    gh.state.teams.set("acme/ml", ["alice", "bob"]);
    using repo = scratchGit();
    repo.write(POLICY, repo.read(POLICY).replace("production: { minTimeInPreviousStage: 24h,", "production: { approvals: 2, minTimeInPreviousStage: 24h,"));
    repo.write(MODEL, repo.read(MODEL).replace('owners: ["@acme/ml"]', 'owners: ["@acme/ml", "carol"]'));
    const base = repo.commit("initial", "2026-11-01T00:00:00Z");
    repo.write(MODEL, repo.read(MODEL).replace('production: "1"', 'production: "2"'));

    const number = await openPull(gh, "promote-2");
    const event = join(repo.root, ".event.json");
    writeFileSync(event, JSON.stringify({ pull_request: { number, base: { sha: base, repo: { full_name: "acme/models" } }, head: { repo: { full_name: "acme/models" } } } }));
    const env = { GITHUB_TOKEN: "t0ken", GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`, GITHUB_API_URL: gh.url, GITHUB_EVENT_PATH: event };
    const validate = async () => {
      const io = captureIO({ cwd: repo.root, env, now: () => new Date("2026-11-05T00:00:00Z") });
      const code = await runCli(["validate", "--base", base, "--format", "json"], io);
      const report = JSON.parse(io.out()) as { gates: { ok: boolean; checks: { gate: string; ok: boolean; message: string }[] }[] };
      return { code, approvals: report.gates[0]!.checks.find((c) => c.gate === "approvals")! };
    };
    {
      let r = await validate();
      expect(r.code).toBe(1);
      expect(r.approvals).toEqual({ gate: "approvals", ok: false, message: "gate approvals: 0 of 2 owner approval(s); still needed: 2 more from carol or a member of @acme/ml" });

      gh.submitReview(number, "alice", "APPROVE");
      gh.submitReview(number, "mallory", "APPROVE"); // not an owner
      r = await validate();
      expect(r.code).toBe(1);
      expect(r.approvals.message).toBe("gate approvals: 1 of 2 owner approval(s) (alice); still needed: 1 more from carol or a member of @acme/ml");

      gh.submitReview(number, "carol", "APPROVE");
      r = await validate();
      expect(r).toMatchObject({ code: 0, approvals: { ok: true, message: "gate approvals: 2 of 2 owner approval(s) (alice, carol)" } });

      // A new commit on the PR dismisses the stale approvals (branch protection); they no longer count.
      gh.commitFiles("promote-2", { [MODEL]: "changed again\n" }, "fix");
      r = await validate();
      expect(r.code).toBe(1);
      expect(r.approvals.message).toContain("0 of 2 owner approval(s)");
      expect(r.approvals.message).toContain("dismissed, not counted: alice, carol");
    }
  });

  it("a team whose members the token may not read fails the gate, saying so", async () => {
    await using gh = await startFakeGitHub();
    using repo = scratchGit();
    repo.write(POLICY, repo.read(POLICY).replace("production: { minTimeInPreviousStage: 24h,", "production: { approvals: 1, minTimeInPreviousStage: 24h,"));
    const base = repo.commit("initial", "2026-11-01T00:00:00Z");
    repo.write(MODEL, repo.read(MODEL).replace('production: "1"', 'production: "2"'));
    const number = await openPull(gh, "promote-2");
    gh.submitReview(number, "alice", "APPROVE");
    const event = join(repo.root, ".event.json");
    writeFileSync(event, JSON.stringify({ pull_request: { number } }));
    const io = captureIO({ cwd: repo.root, env: { GITHUB_TOKEN: "t0ken", GITHUB_REPOSITORY: "acme/models", GITHUB_API_URL: gh.url, GITHUB_EVENT_PATH: event }, now: () => new Date("2026-11-05T00:00:00Z") });
    expect(await runCli(["validate", "--base", base], io)).toBe(1);
    expect(io.out()).toMatch(/gate approvals: 0 of 1 owner approval\(s\); still needed: 1 more from a member of @acme\/ml; members of @acme\/ml could not be read \(.*404/);
  });
});

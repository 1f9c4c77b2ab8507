import { describe, expect, it } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import { captureIO } from "../support/cli-io.js";
import { startFakeGitHub } from "../support/fake-github-server.js";
import { scratchGit } from "../support/scratch-git.js";

const MODEL = "models/scorer/model.yaml";
const BRANCH = "steward/promote/scorer-2-production";

describe("steward promote --open-pr through the GitHub environment", () => {
  it("opens one pull request on GITHUB_BASE_REF via GITHUB_API_URL, and a re-run updates it without a new commit", async () => {
    using repo = scratchGit();
    repo.commit("initial", "2026-11-01T09:00:00Z");
    const before = repo.read(MODEL);
    await using gh = await startFakeGitHub({ defaultBranch: "trunk", files: { [MODEL]: before } });
    const env = { GITHUB_TOKEN: "t0ken", GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`, GITHUB_API_URL: gh.url, GITHUB_BASE_REF: "trunk" };
    const run = async () => {
      const io = captureIO({ cwd: repo.root, env });
      const code = await runCli(["promote", "scorer", "2", "production", "--open-pr"], io);
      return { code, out: io.out(), err: io.err() };
    };

    const first = await run();
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/proposed https?:\/\/\S+\/pull\/1\n$/);
    expect(gh.fileAt(BRANCH, MODEL)).toBe(before.replace('production: "1"', 'production: "2"'));
    expect(repo.read(MODEL)).toBe(before);
    const headAfterFirst = gh.state.refs.get(`refs/heads/${BRANCH}`);

    const second = await run();
    expect(second.code).toBe(0);
    expect(gh.requests.filter((r) => r.method === "POST" && /\/pulls$/.test(r.path))).toHaveLength(1);
    expect(gh.state.refs.get(`refs/heads/${BRANCH}`)).toBe(headAfterFirst);
    const pull = [...gh.state.issues.values()].filter((i) => (i as { pull?: unknown }).pull);
    expect(pull).toHaveLength(1);
  });
});

/**
 * The apply action's write-back pull request is an ordinary, valid change: built from main as it is on
 * the (fake) GitHub now, through the real Octokit adapter, with the model card re-rendered; checked
 * out, it passes `steward validate --base` and `steward card --check`, and keeps an edit main got
 * after the checkout. A second apply while the pull request is open carries the first numbers over.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { gitCliHistory } from "../../src/adapters/git/git-cli-history.js";
import { createOctokit } from "../../src/adapters/github/create-octokit.js";
import { octokitScm } from "../../src/adapters/github/octokit-scm.js";
import { proposeWriteBack } from "../../src/commands/write-back.js";
import { WRITE_BACK_BRANCH } from "../../src/core/github-conventions.js";
import { runCli } from "../../src/entrypoints/cli.js";
import { recordingLogger } from "../adapters/github/github-test-setup.js";
import { captureIO } from "../support/cli-io.js";
import { startFakeGitHub } from "../support/fake-github-server.js";
import { checkoutTree } from "../support/checkout-tree.js";
import { sampleRepoWithHistory } from "../support/sample-history.js";

const CHURN = "models/churn-prediction/versions/1.2.0.yaml";
const FRAUD = "models/fraud-detection/versions/8.yaml";


describe("the apply write-back pull request", () => {
  it("is built from main as it is now, carries open numbers over, and passes validate and card --check", { timeout: 180_000 }, async () => {
    using repo = sampleRepoWithHistory(async (root) => {
      // Version 8 of fraud-detection not registered yet: no number recorded.
      writeFileSync(join(root, FRAUD), readFileSync(join(root, FRAUD), "utf8").replace(', modelVersion: "12"', ""));
      expect(await runCli(["card", "--root", root], captureIO({ cwd: root }))).toBe(0);
    });
    await repo.ready;
    const cli = async (args: string[]) => {
      const io = captureIO({ cwd: repo.root, now: () => new Date("2026-12-01T00:00:00Z") });
      const code = await runCli([...args, "--root", repo.root], io);
      return { code, out: io.out(), err: io.err() };
    };
    expect((await cli(["card", "--check"])).code).toBe(0);
    const tracked = repo.git("ls-files").split("\n").filter(Boolean);
    await using gh = await startFakeGitHub({ files: Object.fromEntries(tracked.map((p) => [p, readFileSync(join(repo.root, p), "utf8")])) });
    // Main moves on after apply's checkout: someone edits the very version file the write-back edits.
    const moved = repo.read(CHURN).replace(/^notes: .*$/m, "notes: Retrained with the November data (edited on main after apply's checkout).");
    expect(moved).not.toBe(repo.read(CHURN));
    gh.commitFiles("main", { [CHURN]: moved }, "Say what 1.2.0 was trained on");

    const logger = recordingLogger();
    const octokit = createOctokit({ token: "t0ken", baseUrl: gh.url, logger, retryAfterBaseMs: 1, throttle: false });
    const scm = octokitScm({ octokit, owner: gh.owner, repo: gh.repo, logger });
    const deps = { scm, files: fsRepoFiles(repo.root), git: gitCliHistory(repo.root), logger };

    const first = await proposeWriteBack(deps, { assigned: [{ file: CHURN, version: "3", name: "churn-prediction", stewardVersion: "1.2.0" }], base: "main", commit: "a".repeat(40) });
    expect(first.skipped).toEqual([]);
    expect(gh.fileAt(WRITE_BACK_BRANCH, CHURN)).toBe(moved.replace('runId: 9f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c }', 'runId: 9f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c, modelVersion: "3" }'));
    expect(gh.fileAt(WRITE_BACK_BRANCH, CHURN)).toContain("edited on main after apply's checkout");
    expect(gh.fileAt(WRITE_BACK_BRANCH, "models/churn-prediction/MODEL_CARD.md")).not.toBe(gh.fileAt("main", "models/churn-prediction/MODEL_CARD.md"));

    // A second apply registers fraud-detection 8 while the first pull request is still open.
    const second = await proposeWriteBack(deps, { assigned: [{ file: FRAUD, version: "13", name: "fraud-detection", stewardVersion: "8" }], base: "main" });
    expect(second.recorded).toEqual([{ file: CHURN, version: "3", carried: true }, { file: FRAUD, version: "13", carried: false }]);
    const pulls = [...gh.state.issues.values()].filter((i) => i.pull?.head === WRITE_BACK_BRANCH);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]!.body).toContain("carried over");
    const head = gh.state.commits.get(gh.state.refs.get(`refs/heads/${WRITE_BACK_BRANCH}`)!)!;
    expect(head.parents).toEqual([gh.state.refs.get("refs/heads/main")]);

    // Checked out as a reviewer would: main as it is now, then the pull request's tree.
    repo.write(CHURN, moved);
    const base = repo.commit("Say what 1.2.0 was trained on", "2026-11-30T00:00:00Z");
    repo.git("checkout", "-q", "-b", WRITE_BACK_BRANCH);
    expect(checkoutTree(gh, WRITE_BACK_BRANCH, repo.root)).toEqual(["models/churn-prediction/MODEL_CARD.md", CHURN, "models/fraud-detection/MODEL_CARD.md", FRAUD]);
    repo.commit("Record MLflow model version numbers", "2026-12-01T00:00:00Z", {}, "github-actions");
    const validate = await cli(["validate", "--base", base, "--format", "json"]);
    expect(validate.code, validate.out).toBe(0);
    const cards = await cli(["card", "--check"]);
    expect(cards.code, cards.out + cards.err).toBe(0);

    // Once merged, a run with the same numbers proposes nothing.
    gh.commitFiles("main", { [CHURN]: gh.fileAt(WRITE_BACK_BRANCH, CHURN)!, [FRAUD]: gh.fileAt(WRITE_BACK_BRANCH, FRAUD)! }, "Merge the write-back");
    gh.closePull(pulls[0]!.number);
    const again = await proposeWriteBack(deps, { assigned: [{ file: FRAUD, version: "13", name: "fraud-detection", stewardVersion: "8" }], base: "main" });
    expect(again.pullRequest).toBeUndefined();
    expect(again.skipped).toEqual([]);
    // A number main already records differently is reported, never overwritten.
    const clash = await proposeWriteBack(deps, { assigned: [{ file: FRAUD, version: "14", name: "fraud-detection", stewardVersion: "8" }], base: "main" });
    expect(clash.pullRequest).toBeUndefined();
    expect(clash.skipped).toEqual([{ file: FRAUD, version: "14", reason: `${FRAUD} on main already records MLflow version 13` }]);
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { gitCliHistory } from "../../src/adapters/git/git-cli-history.js";
import { silentLogger } from "../../src/adapters/log/console-logger.js";
import { loadRepo } from "../../src/commands/load-repo.js";
import { promoteVersion, type PromoteOptions } from "../../src/commands/promote.js";
import { gitPromotionHistory } from "../../src/commands/promotion-history.js";
import { runCli } from "../../src/entrypoints/cli.js";
import { captureIO } from "../support/cli-io.js";
import { inMemoryScm } from "../support/in-memory-scm.js";
import { listFiles } from "../support/scratch-repo.js";
import { scratchGit, type ScratchGit } from "../support/scratch-git.js";

const MODEL = "models/scorer/model.yaml";
const VERSION_2 = "models/scorer/versions/2.yaml";
/** The fixture's model file with comments and unusual spacing, so edits must keep them. */
const COMMENTED = (text: string) =>
  `# Owned by the scoring team; stages change only through steward promote.\n${text
    .replace('owners: ["@acme/ml"]', 'owners: [ "@acme/ml" ]   # see CODEOWNERS')
    .replace('  production: "1"', '  production: "1"    # stable since October')
    .replace('  staging: "2"', '  # the next candidate:\n  staging: "2"')}`;

/** A repository whose first commit (at `date`) put version 1 in production and 2 in staging. */
function repoAt(date: string, edit: (r: ScratchGit) => Record<string, string> = () => ({})): ScratchGit {
  const repo = scratchGit();
  repo.commit("initial", date, { [MODEL]: COMMENTED(repo.read(MODEL)), ...edit(repo) });
  return repo;
}

async function cli(repo: ScratchGit, args: string[], env: Record<string, string> = {}) {
  const io = captureIO({ cwd: repo.root, env });
  const code = await runCli(["promote", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe("steward promote", () => {
  it("moves the version after its gates pass, changing only the stage's value, and prints the diff", async () => {
    using repo = repoAt("2026-11-01T09:00:00Z");
    const before = repo.read(MODEL);
    const r = await cli(repo, ["scorer", "2", "production"]);
    expect(r.code).toBe(0);
    expect(repo.read(MODEL)).toBe(before.replace('  production: "1"    # stable', '  production: "2"    # stable'));
    expect(r.out).toContain("  pass  gate order: served in staging since 2026-11-01T09:00:00.000Z\n");
    expect(r.out).toContain("  pass  gate minTimeInPreviousStage: 24d 15h in staging, needs 1d\n");
    expect(r.out).toContain("  pass  gate metrics.auc: 0.92 meets min 0.9\n");
    expect(r.out).toContain(`--- a/${MODEL}\n+++ b/${MODEL}\n@@ -7,7 +7,7 @@\n`);
    expect(r.out).toContain('-  production: "1"    # stable since October\n+  production: "2"    # stable since October\n');
    expect(r.out).toContain(`wrote ${MODEL}: production serves "2"\n`);
    // the card is now stale, and the pull request will check it: said on the last line
    expect(r.out).toMatch(/\nnext: run `steward card --model scorer` and commit models\/scorer\/MODEL_CARD\.md with this change \(pull requests check that the card is fresh\)\n$/);
    expect((await loadRepo({ files: fsRepoFiles(repo.root) })).findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("refuses a version that has not spent the policy's time in staging: exit 1, the gate's message, the file untouched", async () => {
    using repo = repoAt("2026-11-25T20:00:00Z");
    const before = readFileSync(join(repo.root, MODEL));
    const r = await cli(repo, ["scorer", "2", "production"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("  FAIL  gate minTimeInPreviousStage: 4h in staging, needs 1d\n");
    expect(r.out).toContain("the promotion gates of policy base failed; nothing was written");
    expect(r.out).not.toContain("+++");
    expect(readFileSync(join(repo.root, MODEL))).toEqual(before);
  });

  it("refuses a version whose metrics miss the gate, the file untouched", async () => {
    using repo = repoAt("2026-11-01T09:00:00Z", (r) => ({ [VERSION_2]: r.read(VERSION_2).replace("auc: 0.92", "auc: 0.85") }));
    const before = repo.read(MODEL);
    const r = await cli(repo, ["scorer", "2", "production", "--format", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ status: "gates-failed", diff: "", gates: { ok: false, policy: "base" } });
    expect(report.gates.checks.filter((c: { ok: boolean }) => !c.ok).map((c: { message: string }) => c.message)).toEqual(["gate metrics.auc: 0.85 fails min 0.9"]);
    expect(repo.read(MODEL)).toBe(before);
  });

  it("measures staging time from committed history only: a version staged in the working tree has not served", async () => {
    using repo = repoAt("2026-11-01T09:00:00Z", (r) => ({ [MODEL]: COMMENTED(r.read(MODEL)).replace('staging: "2"', 'staging: "1"') }));
    repo.write(MODEL, repo.read(MODEL).replace('staging: "1"', 'staging: "2"'));
    const r = await cli(repo, ["scorer", "2", "production"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("FAIL  gate order: version 2 never served in staging; policy base requires staging -> production");
  });

  it("--canary splits the stage (current 100-P, new P) and refuses a second canary on the split", async () => {
    using repo = repoAt("2026-11-01T09:00:00Z");
    const before = repo.read(MODEL);
    const r = await cli(repo, ["scorer", "2", "production", "--canary", "10"]);
    expect(r.code).toBe(0);
    expect(repo.read(MODEL)).toBe(
      before.replace('  production: "1"    # stable since October\n', '  production:    # stable since October\n    split:\n      - { version: "1", weight: 90 }\n      - { version: "2", weight: 10 }\n'),
    );
    expect(r.out).toContain('production serves "1" 90%, "2" 10%');
    expect((await loadRepo({ files: fsRepoFiles(repo.root) })).findings.filter((f) => f.severity === "error")).toEqual([]);

    const again = await cli(repo, ["scorer", "2", "production", "--canary", "20"]);
    expect(again.code).toBe(1);
    expect(again.out).toContain('production of scorer already holds a split ("1" 90%, "2" 10%): finish it before starting another canary');
  });

  it("refuses an archived version and a stage outside the policy's order with exit 1", async () => {
    using repo = repoAt("2026-11-01T09:00:00Z", (r) => ({ "models/scorer/versions/3.yaml": r.read(VERSION_2).replace('version: "2"', 'version: "3"\narchived: true') }));
    const archived = await cli(repo, ["scorer", "3", "staging"]);
    expect(archived.code).toBe(1);
    expect(archived.out).toContain("scorer version 3 is archived (models/scorer/versions/3.yaml): an archived version may not serve in any stage");
    const outside = await cli(repo, ["scorer", "2", "shadow"]);
    expect(outside.code).toBe(1);
    expect(outside.out).toContain('stage "shadow" is not in the promotion order of policy base (staging -> production)');
  });

  it("answers usage errors with exit 2: unknown model, bad --canary, missing arguments, --open-pr without GitHub", async () => {
    using repo = repoAt("2026-11-01T09:00:00Z");
    const before = repo.read(MODEL);
    expect((await cli(repo, ["nope", "2", "production"])).err).toContain('no model "nope"');
    expect((await cli(repo, ["scorer", "2", "production", "--canary", "150"])).code).toBe(2);
    expect((await cli(repo, ["scorer", "2"])).code).toBe(2);
    const pr = await cli(repo, ["scorer", "2", "production", "--open-pr"]);
    expect(pr.code).toBe(2);
    expect(pr.err).toContain("--open-pr needs GITHUB_TOKEN and GITHUB_REPOSITORY");
    expect(repo.read(MODEL)).toBe(before);
  });

  it("reports a version that already serves the whole stage as done, writing nothing", async () => {
    using repo = repoAt("2026-11-01T09:00:00Z");
    const r = await cli(repo, ["scorer", "1", "production"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("scorer version 1 already serves all of production\n");
  });
});

describe("steward promote --open-pr", () => {
  const options: PromoteOptions = { model: "scorer", version: "2", stage: "production", openPr: true, base: "main", now: new Date("2026-11-26T00:00:00Z") };

  it("proposes exactly one pull request with the gate table, leaves the working tree alone, and a re-run updates the same one", async () => {
    using repo = repoAt("2026-11-01T09:00:00Z");
    const before = repo.read(MODEL);
    const scm = inMemoryScm({ files: remoteCopy(repo) });
    const git = gitCliHistory(repo.root);
    const deps = { files: fsRepoFiles(repo.root), history: gitPromotionHistory(git, "HEAD"), git, scm, logger: silentLogger };

    const first = await promoteVersion(deps, options);
    expect(first).toMatchObject({ status: "proposed", pullRequest: { number: 1 }, warnings: [] });
    expect(repo.read(MODEL)).toBe(before);
    const pull = scm.pulls.get(1)!;
    expect(pull).toMatchObject({ branch: "steward/promote/scorer-2-production", base: "main", title: "Promote scorer 2 to production", state: "open" });
    expect(pull.labels).toEqual(expect.arrayContaining(["promotion"]));
    expect(pull.body).toContain("| production | metric | pass | gate metrics.auc: 0.92 meets min 0.9 |");
    expect(pull.body).toContain('+  production: "2"    # stable since October');
    expect(scm.branches.get(pull.branch)!.files[MODEL]).toBe(before.replace('production: "1"', 'production: "2"'));
    // The model card is re-rendered in the same commit, as `steward card` renders it.
    const card = scm.branches.get(pull.branch)!.files["models/scorer/MODEL_CARD.md"]!;
    expect(card).toContain("scorer");
    expect(card).not.toBe(scm.branches.get("main")!.files["models/scorer/MODEL_CARD.md"]);

    const second = await promoteVersion(deps, { ...options, now: new Date("2026-11-27T00:00:00Z") });
    expect(second.pullRequest).toEqual(first.pullRequest);
    expect(scm.pulls.size).toBe(1);
    expect(scm.calls.proposeChange).toBe(2);
    expect(scm.branches.get(pull.branch)!.commits).toBe(1);
  });

  it("proposes nothing when a gate fails", async () => {
    using repo = repoAt("2026-11-25T20:00:00Z");
    const scm = inMemoryScm({ files: { [MODEL]: repo.read(MODEL) } });
    const r = await promoteVersion({ files: fsRepoFiles(repo.root), history: gitPromotionHistory(gitCliHistory(repo.root), "HEAD"), scm, logger: silentLogger }, options);
    expect(r.status).toBe("gates-failed");
    expect(scm.calls.proposeChange ?? 0).toBe(0);
  });

  it("edits the base branch's model file as it is now, keeping a change made there since the checkout, and says so", async () => {
    using repo = repoAt("2026-11-01T09:00:00Z");
    const files = remoteCopy(repo);
    const moved = files[MODEL]!.replace("description: Scores things.", "description: Scores things, since main moved on.");
    const scm = inMemoryScm({ files: { ...files, [MODEL]: moved } });
    const git = gitCliHistory(repo.root);
    const r = await promoteVersion({ files: fsRepoFiles(repo.root), history: gitPromotionHistory(git, "HEAD"), git, scm, logger: silentLogger }, options);
    expect(r.status).toBe("proposed");
    expect(scm.branches.get("steward/promote/scorer-2-production")!.files[MODEL]).toBe(moved.replace('production: "1"', 'production: "2"'));
    expect(r.warnings).toEqual([
      // The base commit is not in this clone (the in-memory remote's shas are not git's) and its model.yaml differs from HEAD's.
      expect.stringMatching(/^commit main@\S+ of the base is not in the local clone and models\/scorer\/model.yaml changed there since HEAD/),
      `${MODEL} on main differs from the working tree: the pull request edits the base branch's version of the file`,
    ]);
  });
});

/** Every committed file of the scratch repository, as the remote's default branch holds it. */
function remoteCopy(repo: ScratchGit): Record<string, string> {
  const paths = repo.git("ls-files").split("\n").filter(Boolean);
  return Object.fromEntries(paths.map((p) => [p, readFileSync(join(repo.root, p), "utf8")]));
}

import { describe, expect, it } from "vitest";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { gitCliHistory } from "../../src/adapters/git/git-cli-history.js";
import { silentLogger } from "../../src/adapters/log/console-logger.js";
import { gitPromotionHistory } from "../../src/commands/promotion-history.js";
import { validateRepo } from "../../src/commands/validate.js";
import { scratchGit, type ScratchGit } from "../support/scratch-git.js";

const MODEL = "models/scorer/model.yaml";

async function gates(repo: ScratchGit, base: string, now: string) {
  const git = gitCliHistory(repo.root);
  const report = await validateRepo(
    { files: fsRepoFiles(repo.root), git, history: gitPromotionHistory(git, base), logger: silentLogger },
    { base, now: new Date(now) },
  );
  return report;
}

const setStages = (text: string, production: string, staging: string) =>
  text.replace(/production: "[^"]*"/, `production: "${production}"`).replace(/staging: "[^"]*"/, `staging: "${staging}"`);

describe("promotion gates against git history", () => {
  it("passes a promotion that soaked long enough in staging and meets the metrics", async () => {
    using repo = scratchGit();
    const base = repo.commit("initial: 1 in production, 2 in staging", "2026-11-01T09:00:00Z");
    repo.write(MODEL, setStages(repo.read(MODEL), "2", "2"));
    const r = await gates(repo, base, "2026-11-03T09:00:00Z");
    expect(r.gates).toHaveLength(1);
    expect(r.gates[0]).toMatchObject({ ok: true, policy: "base", promotion: { model: "scorer", version: "2", stage: "production", replacing: ["1"] } });
    expect(r.gates[0]!.checks.map((c) => c.message)).toEqual([
      "gate order: served in staging since 2026-11-01T09:00:00.000Z",
      "gate minTimeInPreviousStage: 2d in staging, needs 1d",
      "gate metrics.auc: 0.92 meets min 0.9",
    ]);
    expect(r.errorCount).toBe(0);
  });

  it("fails a promotion that has not spent the minimum time in staging, naming value and limit", async () => {
    using repo = scratchGit();
    const base = repo.commit("initial", "2026-11-01T09:00:00Z");
    repo.write(MODEL, setStages(repo.read(MODEL), "2", "2"));
    const r = await gates(repo, base, "2026-11-01T21:00:00Z");
    expect(r.gates[0]!.ok).toBe(false);
    const finding = r.findings.find((f) => f.code === "gate")!;
    expect(finding).toMatchObject({ file: MODEL, line: 9, column: 15 });
    expect(finding.message).toBe("promotion of scorer version 2 to production (policy base): gate minTimeInPreviousStage: 12h in staging, needs 1d");
  });

  it("measures staging time from the commit that put the version there, not from the repository's start", async () => {
    using repo = scratchGit();
    repo.commit("initial: staging 1", "2026-10-01T00:00:00Z", { [MODEL]: setStages(repo.read(MODEL), "1", "1") });
    const base = repo.commit("stage 2", "2026-11-02T00:00:00Z", { [MODEL]: setStages(repo.read(MODEL), "1", "2") }, "bob");
    repo.write(MODEL, setStages(repo.read(MODEL), "2", "2"));
    const r = await gates(repo, base, "2026-11-02T20:00:00Z");
    expect(r.gates[0]!.checks.find((c) => c.gate === "minTimeInPreviousStage")).toEqual({
      gate: "minTimeInPreviousStage",
      ok: false,
      message: "gate minTimeInPreviousStage: 20h in staging, needs 1d",
    });
  });

  it("fails a version that skips staging, and a metric below the gate", async () => {
    using repo = scratchGit();
    const base = repo.commit("initial", "2026-11-01T09:00:00Z");
    repo.write("models/scorer/versions/3.yaml", repo.read("models/scorer/versions/2.yaml").replace('version: "2"', 'version: "3"').replace("auc: 0.92", "auc: 0.85"));
    repo.write(MODEL, setStages(repo.read(MODEL), "3", "2"));
    const r = await gates(repo, base, "2026-11-09T09:00:00Z");
    const messages = r.gates[0]!.checks.filter((c) => !c.ok).map((c) => c.message);
    expect(messages).toEqual([
      "gate order: version 3 never served in staging; policy base requires staging -> production",
      "gate minTimeInPreviousStage: 0s in staging, needs 1d",
      "gate metrics.auc: 0.85 fails min 0.9",
    ]);
    expect(r.errorCount).toBe(1);
  });

  it("lets a rollback to a version that served in production before through", async () => {
    using repo = scratchGit();
    repo.commit("initial", "2026-10-01T09:00:00Z");
    const base = repo.commit("promote 2", "2026-10-05T09:00:00Z", { [MODEL]: setStages(repo.read(MODEL), "2", "2") });
    repo.write(MODEL, setStages(repo.read(MODEL), "1", "2"));
    const r = await gates(repo, base, "2026-10-05T10:00:00Z");
    expect(r.gates[0]).toMatchObject({ ok: true, checks: [{ gate: "rollback", ok: true }] });
  });

  it("does not count the change under review as history", async () => {
    using repo = scratchGit();
    const base = repo.commit("initial", "2026-11-01T09:00:00Z");
    repo.commit("promote 2 (the PR's own commit)", "2026-11-01T10:00:00Z", { [MODEL]: setStages(repo.read(MODEL), "2", "2") });
    const r = await gates(repo, base, "2026-11-01T11:00:00Z");
    expect(r.gates[0]!.checks.some((c) => c.gate === "rollback")).toBe(false);
    expect(r.gates[0]!.ok).toBe(false);
  });
});

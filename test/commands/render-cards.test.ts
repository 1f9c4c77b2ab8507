import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { gitCliHistory } from "../../src/adapters/git/git-cli-history.js";
import { renderCards } from "../../src/commands/render-cards.js";
import { loadStageHistory } from "../../src/commands/stage-history.js";
import { firstEntered } from "../../src/core/history/first-entered.js";
import { timeInStage } from "../../src/core/history/time-in-stage.js";
import { PROJECT_ROOT, sampleHistory } from "../core/card/scratch-repo.js";

const GOLDEN = join(PROJECT_ROOT, "test/fixtures/cards");
const MODELS = ["churn-prediction", "demand-forecasting", "fraud-detection"];

const history = sampleHistory();
const sampleRepo = () => history.repo();

describe("steward card on a scratch repository with a fixed history", () => {
  it("renders each sample model's card exactly as the golden file", async () => {
    await using repo = sampleRepo();
    const report = await renderCards({ files: fsRepoFiles(repo.root), git: gitCliHistory(repo.root) });
    expect(report.warnings).toEqual([]);
    expect(report.cards.map((c) => [c.model, c.status])).toEqual(MODELS.map((m) => [m, "written"]));
    for (const model of MODELS) {
      const card = readFileSync(join(repo.root, "models", model, "MODEL_CARD.md"), "utf8");
      const golden = join(GOLDEN, `${model}.md`);
      if (process.env.UPDATE_GOLDEN || !existsSync(golden)) writeFileSync(golden, card);
      expect(card, `${model} (UPDATE_GOLDEN=1 rewrites test/fixtures/cards)`).toBe(readFileSync(golden, "utf8"));
    }
  });

  it("reads stage history and soak times from git", async () => {
    await using repo = sampleRepo();
    const git = gitCliHistory(repo.root);
    const fraud = await loadStageHistory(git, "fraud-detection");
    expect(fraud.changes.map((c) => `${c.commit.author}: ${c.stage} ${c.from.map((v) => v.version).join("+") || "-"} -> ${c.to.map((v) => v.version).join("+") || "-"}`)).toEqual([
      "Mei Chen: staging - -> 5",
      "Ravi Patel: production - -> 5",
      "Mei Chen: staging 5 -> 6",
      "Mei Chen: staging 6 -> 7",
      "Ravi Patel: production 5 -> 7",
      "Mei Chen: staging 7 -> 8",
    ]);
    const promoted = firstEntered(fraud, "7", "production")!;
    expect(promoted.commit.date.toISOString()).toBe("2026-09-08T14:30:00.000Z");
    expect(promoted.commit.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(timeInStage(fraud, "7", "staging", promoted.commit.date)).toBe(4 * 86400 + 6.5 * 3600);

    const demand = await loadStageHistory(git, "demand-forecasting");
    const canary = firstEntered(demand, "2026.11", "production")!;
    expect(canary.to).toEqual([
      { version: "2026.10", weight: 80 },
      { version: "2026.11", weight: 20 },
    ]);
    expect(timeInStage(demand, "2026.11", "staging", canary.commit.date)).toBe(86400 + 21 * 3600);

    await using cards = sampleRepo();
    await renderCards({ files: fsRepoFiles(cards.root), git: gitCliHistory(cards.root) });
    const text = readFileSync(join(cards.root, "models/fraud-detection/MODEL_CARD.md"), "utf8");
    expect(text).toContain("- Version `7` spent 4d 6h in staging before it entered production on 2026-09-08 14:30 UTC");
    expect(text).toMatch(/\| 2026-09-08 14:30 UTC \| Ravi Patel \| `[0-9a-f]{7}` \| production \| 5 \| 7 \|/);
    const churn = readFileSync(join(cards.root, "models/churn-prediction/MODEL_CARD.md"), "utf8");
    expect(churn).toContain("- Version `1.1.0` spent 2d 3h in staging before it entered production on 2026-08-03 12:00 UTC");
  });

  it("passes --check after rendering, also after commits that do not touch model.yaml", async () => {
    await using repo = sampleRepo();
    const deps = { files: fsRepoFiles(repo.root), git: gitCliHistory(repo.root) };
    await renderCards(deps);
    repo.commit({ date: "2026-12-01T00:00:00Z", author: "Someone Else", message: "cards", files: {} });
    repo.commit({ date: "2026-12-02T00:00:00Z", author: "Someone Else", message: "unrelated", files: { "NOTES.md": "hello\n" } });
    const check = await renderCards(deps, { check: true });
    expect(check.cards.map((c) => c.status)).toEqual(["fresh", "fresh", "fresh"]);
    expect(check.staleCount).toBe(0);
  });

  it("reports a stale card with a unified diff, and a missing one", async () => {
    await using repo = sampleRepo();
    const deps = { files: fsRepoFiles(repo.root), git: gitCliHistory(repo.root) };
    await renderCards(deps);
    const file = join(repo.root, "models/churn-prediction/MODEL_CARD.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("Ranking active subscribers", "Ranking all subscribers"));
    repo.commit({ date: "2026-12-01T00:00:00Z", author: "Ana Lima", message: "retarget churn", stages: { "churn-prediction": '  production: "1.2.0"' } });
    const check = await renderCards(deps, { check: true });
    const churn = check.cards.find((c) => c.model === "churn-prediction")!;
    expect(churn.status).toBe("stale");
    expect(churn.diff).toContain("--- a/models/churn-prediction/MODEL_CARD.md\n+++ b/models/churn-prediction/MODEL_CARD.md\n@@ ");
    expect(churn.diff).toContain("\n-Ranking all subscribers");
    expect(churn.diff).toContain("\n+Ranking active subscribers");
    expect(churn.diff).toContain("\n+| _latest change_ | — | — | staging | 1.2.0 | — | stage emptied |");
    expect(churn.diff).toMatch(/\n\+\| 2026-11-03 10:00 UTC \| Ana Lima \| `[0-9a-f]{7}` \| staging \| 1\.1\.0 \| 1\.2\.0 \|/);
    expect(check.cards.find((c) => c.model === "fraud-detection")!.status).toBe("fresh");
    expect(check.staleCount).toBe(1);

    const only = await renderCards({ ...deps, out: fsRepoFiles(join(repo.root, "elsewhere")) }, { check: true, model: "fraud-detection" });
    expect(only.cards).toMatchObject([{ model: "fraud-detection", status: "missing" }]);
    expect(only.cards[0]!.diff).toMatch(/^--- \/dev\/null\n\+\+\+ b\/models\/fraud-detection\/MODEL_CARD.md\n@@ -0,0 \+1,\d+ @@\n/);
  });

  it("renders the same card before the latest change is committed, after, and after a squash merge", async () => {
    await using repo = sampleRepo();
    const deps = { files: fsRepoFiles(repo.root), git: gitCliHistory(repo.root) };
    const cardFile = join(repo.root, "models/fraud-detection/MODEL_CARD.md");
    const modelFile = join(repo.root, "models/fraud-detection/model.yaml");
    repo.git("checkout", "-q", "-b", "promote-8");
    writeFileSync(modelFile, readFileSync(modelFile, "utf8").replace('production: "7"', 'production: "8"'));
    const before = await renderCards(deps, { model: "fraud-detection" });
    expect(before.warnings).toEqual([]);
    const card = readFileSync(cardFile, "utf8");
    expect(card).toContain("| _latest change_ | — | — | production | 7 | 8 | through staging |\n| 2026-10-15 16:00 UTC | Mei Chen |");
    expect(card).toContain("- Version `8` enters production in the latest change; it has been in staging since 2026-10-15 16:00 UTC (`");
    expect(card).toContain("The gate asks for at least 3d.");

    repo.commit({ date: "2026-10-20T09:00:00Z", author: "Ravi Patel", message: "fraud-detection: 8 to production" });
    expect((await renderCards(deps, { check: true, model: "fraud-detection" })).cards[0]!.status).toBe("fresh");
    repo.commit({ date: "2026-10-20T10:00:00Z", author: "Ravi Patel", message: "unrelated follow-up", files: { "NOTES.md": "x\n" } });
    expect((await renderCards(deps, { check: true, model: "fraud-detection" })).cards[0]!.status).toBe("fresh");

    repo.git("checkout", "-q", "main");
    repo.git("merge", "-q", "--squash", "promote-8");
    repo.commit({ date: "2026-10-21T12:00:00Z", author: "Merge Bot", message: "Promote 8 (#12)" });
    expect(readFileSync(cardFile, "utf8")).toBe(card);
    expect((await renderCards(deps, { check: true, model: "fraud-detection" })).cards[0]!.status).toBe("fresh");
  });
});

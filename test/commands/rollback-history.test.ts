import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gitCliHistory } from "../../src/adapters/git/git-cli-history.js";
import { loadHistories } from "../../src/commands/monitor-read.js";
import { rollbackTarget } from "../../src/core/monitor/rollback-target.js";
import { aModelSpec, aVersionSpec } from "../support/builders.js";
import { scratchGit, type ScratchGit } from "../support/scratch-git.js";

type Strategy = "merge" | "squash" | "rebase";
const FILE = "models/scorer/model.yaml";

/** Lands a one-commit pull request on main with GitHub's merge strategies, as a person would. */
function land(repo: ScratchGit, strategy: Strategy, n: number, production: string, day: number): void {
  const date = `2026-10-${String(day).padStart(2, "0")}T12:00:00Z`;
  const text = readFileSync(join(repo.root, FILE), "utf8").replace(/production: "\d+"/, `production: "${production}"`);
  const branch = `pr-${n}`;
  repo.git("checkout", "-q", "-b", branch);
  // The branch commit is a day older than the merge, and its subject names no version.
  const before = `2026-10-${String(day - 1).padStart(2, "0")}T12:00:00Z`;
  repo.commit(`edit (#${n})`, before, { [FILE]: text }, "bob");
  repo.git("checkout", "-q", "main");
  if (strategy === "merge") {
    repo.git("merge", "-q", "--no-ff", branch, "-m", `Merge pull request #${n} from acme/${branch}`);
  } else if (strategy === "squash") {
    repo.git("merge", "-q", "--squash", branch);
    repo.commit(`Update scorer (#${n})`, date);
  } else {
    repo.git("checkout", "-q", branch);
    repo.git("rebase", "-q", "main");
    repo.git("checkout", "-q", "main");
    repo.git("merge", "-q", "--ff-only", branch);
  }
}

describe.each<Strategy>(["merge", "squash", "rebase"])("rollback target from git history (%s merges)", (strategy) => {
  it("after 1 -> 2 -> 3 and a merged rollback to 2, a second incident targets 1, never 3", async () => {
    using repo = scratchGit();
    repo.commit("initial", "2026-10-01T00:00:00Z");
    land(repo, strategy, 1, "2", 5);
    land(repo, strategy, 2, "3", 10);
    land(repo, strategy, 3, "2", 15); // the rollback from 3

    const model = aModelSpec({ name: "scorer", file: FILE, dir: "models/scorer" });
    const warnings: string[] = [];
    const histories = await loadHistories(gitCliHistory(repo.root), [model], ["scorer"], warnings);
    expect(warnings).toEqual([]);
    const history = histories.get("scorer")!;
    expect(history.map((r) => r.versions.join("+"))).toEqual(["2", "3", "2", "1"]);
    const versions = ["1", "2", "3"].map((v) => aVersionSpec({ model: "scorer", version: v }));
    expect(rollbackTarget({ current: ["2"], history, versions })?.version).toBe("1");
    // Before the rollback merged, the target for 3 was 2.
    expect(rollbackTarget({ current: ["3"], history: history.slice(1), versions })?.version).toBe("2");
  });
});

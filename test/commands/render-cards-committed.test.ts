import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { gitCliHistory } from "../../src/adapters/git/git-cli-history.js";
import { renderCards } from "../../src/commands/render-cards.js";
import { PROJECT_ROOT } from "../core/card/scratch-repo.js";

const shallow = (() => {
  try {
    return execFileSync("git", ["rev-parse", "--is-shallow-repository"], { cwd: PROJECT_ROOT, encoding: "utf8" }).trim() !== "false";
  } catch {
    return true;
  }
})();

describe("the sample repository's committed model cards", () => {
  // Stage history needs the full history of model.yaml; a shallow clone sees less of it.
  it.skipIf(shallow)("are what `steward card` renders (run it and commit the cards when this fails)", async () => {
    const report = await renderCards({ files: fsRepoFiles(PROJECT_ROOT), git: gitCliHistory(PROJECT_ROOT) }, { check: true });
    expect(report.cards.map((c) => c.diff ?? "").join("")).toBe("");
    expect(report.cards.length).toBeGreaterThan(0);
  });
});

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scratchGit, type ScratchGit } from "./scratch-git.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const MODEL = "models/fraud-detection/model.yaml";

/**
 * A scratch git repository holding the sample governed repository (models, policies, data pointers,
 * sample metrics) with a history in which fraud-detection's production was version 5, then 6, then 7:
 * the facts a rollback target is read from (the project's own history has one commit of it).
 * `render` (e.g. running `steward card`) is called last, and what it changed is committed, so that
 * the model cards are fresh for that history.
 */
export function sampleRepoWithHistory(render?: (root: string) => void | Promise<void>): ScratchGit & { ready: Promise<void> } {
  const empty = mkdtempSync(join(tmpdir(), "steward-empty-"));
  const repo = scratchGit(empty);
  rmSync(empty, { recursive: true, force: true });
  for (const dir of ["models", "policies", "data", "samples", ".dvc"]) cpSync(join(ROOT, dir), join(repo.root, dir), { recursive: true });
  const text = readFileSync(join(ROOT, MODEL), "utf8");
  writeFileSync(join(repo.root, MODEL), text.replace(/production: "7"/, 'production: "5"'));
  repo.commit("fraud-detection: 5 in production", "2026-11-25T18:00:00Z");
  writeFileSync(join(repo.root, MODEL), text.replace(/production: "7"/, 'production: "6"'));
  repo.commit("Merge pull request #1 from acme/promote-6", "2026-11-25T20:00:00Z");
  writeFileSync(join(repo.root, MODEL), text);
  repo.commit("Merge pull request #2 from acme/promote-7", "2026-11-25T21:00:00Z");
  const ready = (async () => {
    if (!render) return;
    await render(repo.root);
    repo.commit("model cards re-rendered", "2026-11-25T21:30:00Z");
  })();
  return Object.assign(repo, { ready });
}

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scratchGit, type ScratchGit } from "./scratch-git.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const MODEL = "models/fraud-detection/model.yaml";

/**
 * A scratch git repository holding the sample governed repository (models, policies, data pointers,
 * sample metrics) with a history in which fraud-detection's production was version 6 before 7:
 * the fact a rollback target is read from. The project's own history has only one commit of it.
 */
export function sampleRepoWithHistory(): ScratchGit {
  const empty = mkdtempSync(join(tmpdir(), "steward-empty-"));
  const repo = scratchGit(empty);
  rmSync(empty, { recursive: true, force: true });
  for (const dir of ["models", "policies", "data", "samples", ".dvc"]) cpSync(join(ROOT, dir), join(repo.root, dir), { recursive: true });
  const text = readFileSync(join(ROOT, MODEL), "utf8");
  writeFileSync(join(repo.root, MODEL), text.replace(/production: "7"/, 'production: "6"'));
  repo.commit("fraud-detection: 6 in production", "2026-11-25T20:00:00Z");
  writeFileSync(join(repo.root, MODEL), text);
  repo.commit("Merge pull request #2 from acme/promote-7", "2026-11-25T21:00:00Z");
  return repo;
}

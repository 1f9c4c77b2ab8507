import { rolledBackFrom } from "../github-conventions.js";
import type { ModelVersionSpec } from "../types.js";

/** What a model's served stage was at one commit of model.yaml (from git history). */
export interface StageRecord {
  sha: string;
  /** Committer date, epoch ms. */
  date: number;
  subject: string;
  /** The versions the stage served at that commit (one, or the variants of a split). */
  versions: string[];
}

/**
 * The version to roll back to: the newest version that served alone in production before, that was
 * not itself rolled back from, and that still has a version file that is not archived.
 * `history` is newest first (git log of model.yaml). A version counts as rolled back from when a
 * commit subject says "roll back <model> from <version>" (the subject of the monitor's own commits
 * and of their squash merges). Falls back to the lineage parent of the current version when git
 * history names no candidate (a shallow clone, or a model that has only ever served one version).
 */
export function rollbackTarget(input: {
  current: string[];
  history: StageRecord[];
  versions: ModelVersionSpec[];
}): { version: string; reason: string } | undefined {
  const usable = (v: string) => {
    const spec = input.versions.find((s) => s.version === v);
    return spec !== undefined && !spec.archived;
  };
  const excluded = new Set(input.current);
  for (const r of input.history) {
    const from = rolledBackFrom(r.subject);
    if (from !== undefined) excluded.add(from);
  }
  for (const r of input.history) {
    if (r.versions.length !== 1) continue;
    const v = r.versions[0]!;
    if (excluded.has(v) || !usable(v)) continue;
    return { version: v, reason: `served alone in production at ${r.sha.slice(0, 7)} (${new Date(r.date).toISOString().slice(0, 10)})` };
  }
  if (input.current.length === 1) {
    const parent = input.versions.find((s) => s.version === input.current[0])?.lineage.parent;
    if (parent !== undefined && !excluded.has(parent) && usable(parent)) {
      return { version: parent, reason: `lineage parent of ${input.current[0]} (git history names no earlier production version)` };
    }
  }
  return undefined;
}

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
 * Versions that were rolled back from, read from the stage's states alone (never from commit
 * messages): a change is a return when every version it leaves serving had served the stage in an
 * earlier state that was not the one just before (production went back to a version it had
 * left); each version the return took out of service is "rolled back from". `history` is newest
 * first. A split that ends on one of its own variants is not a return (both variants were serving).
 */
export function rolledBackFrom(history: StageRecord[]): Set<string> {
  const out = new Set<string>();
  const states = [...history].reverse();
  const seen = new Set<string>();
  for (let i = 1; i < states.length; i++) {
    const prev = states[i - 1]!.versions;
    for (const v of prev) seen.add(v);
    const now = states[i]!.versions;
    const isReturn = now.length > 0 && now.every((v) => seen.has(v) && !prev.includes(v));
    if (isReturn) for (const v of prev) if (!now.includes(v)) out.add(v);
  }
  return out;
}

/**
 * The version to roll back to: the last version that served the stage alone, healthily, before the
 * current one. "Healthily" is a fact of the history: the version was never rolled back from (see
 * rolledBackFrom). The version must still have a version file that is not archived. `history` is
 * newest first (the stage's states at each commit that changed model.yaml, merges included); the
 * current state's records are skipped. Returns undefined when the history names no such version
 * (a shallow clone, or a model that has only ever served one version): a version that never served
 * the stage would not pass the promotion gates, so none is guessed from lineage.
 */
export function rollbackTarget(input: {
  current: string[];
  history: StageRecord[];
  versions: ModelVersionSpec[];
}): { version: string; reason: string; servedAt: StageRecord } | undefined {
  const usable = (v: string) => {
    const spec = input.versions.find((s) => s.version === v);
    return spec !== undefined && !spec.archived;
  };
  const excluded = rolledBackFrom(input.history);
  for (const v of input.current) excluded.add(v);
  for (const r of input.history) {
    if (r.versions.length !== 1) continue;
    const v = r.versions[0]!;
    if (excluded.has(v) || !usable(v)) continue;
    const day = new Date(r.date).toISOString().slice(0, 10);
    return { version: v, reason: `served alone from ${r.sha.slice(0, 7)} (${day}) and was never rolled back from`, servedAt: r };
  }
  return undefined;
}

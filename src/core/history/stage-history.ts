import type { CommitInfo } from "../../ports.js";
import type { StageVariant } from "../types.js";
import { parseStages, type StageMap } from "./parse-stages.js";

/** One model.yaml as it was after a commit; `text` is undefined when the file did not exist there. */
export interface StageSnapshot {
  commit: CommitInfo;
  text: string | undefined;
}

/** One stage of one model changed in one commit. `from`/`to` are empty when the stage was unset. */
export interface StageChange {
  stage: string;
  from: StageVariant[];
  to: StageVariant[];
  commit: CommitInfo;
}

export interface StageHistory {
  model: string;
  /** Oldest first; within a commit, by stage name. */
  changes: StageChange[];
  /** Commits whose model.yaml could not be parsed; their stages are taken as unchanged. */
  unreadable: CommitInfo[];
}

/**
 * The stage history of `model` from the successive contents of its model.yaml. `snapshots` must be
 * oldest first (as loadStageSnapshots returns them); the state before the first snapshot is "no
 * stages". Each stage whose variants differ from the previous snapshot gives one change. A snapshot
 * whose text does not parse is recorded in `unreadable` and changes nothing.
 */
export function stageHistory(snapshots: StageSnapshot[], model: string): StageHistory {
  const changes: StageChange[] = [];
  const unreadable: CommitInfo[] = [];
  let previous: StageMap = {};
  for (const { commit, text } of snapshots) {
    const current = text === undefined ? {} : parseStages(text);
    if (current === undefined) {
      unreadable.push(commit);
      continue;
    }
    const names = [...new Set([...Object.keys(previous), ...Object.keys(current)])].sort();
    for (const stage of names) {
      const from = previous[stage] ?? [];
      const to = current[stage] ?? [];
      if (!sameVariants(from, to)) changes.push({ stage, from, to, commit });
    }
    previous = current;
  }
  return { model, changes, unreadable };
}

function sameVariants(a: StageVariant[], b: StageVariant[]): boolean {
  return a.length === b.length && a.every((v, i) => v.version === b[i]!.version && v.weight === b[i]!.weight);
}

/** True when `version` serves traffic in these variants (a weight of 0 does not count). */
export function servesIn(variants: StageVariant[], version: string): boolean {
  return variants.some((v) => v.version === version && v.weight > 0);
}

import { servesIn, type StageChange, type StageHistory } from "./stage-history.js";

/**
 * The change in which `version` first entered `stage` (alone or as a variant of a split with a
 * weight above 0), or undefined when the history never shows it there. Its `commit.date` is when.
 */
export function firstEntered(history: StageHistory, version: string, stage: string): StageChange | undefined {
  return history.changes.find((c) => c.stage === stage && servesIn(c.to, version) && !servesIn(c.from, version));
}

/** The changes in which `version` entered `stage` (possibly several times), oldest first. */
export function entries(history: StageHistory, version: string, stage: string): StageChange[] {
  return history.changes.filter((c) => c.stage === stage && servesIn(c.to, version) && !servesIn(c.from, version));
}

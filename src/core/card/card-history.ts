import type { CommitInfo } from "../../ports.js";
import { stageHistory, type StageChange, type StageHistory, type StageSnapshot } from "../history/stage-history.js";

/** A change of one stage without commit facts: the latest change to model.yaml, committed or not. */
export type LatestChange = Omit<StageChange, "commit">;

/**
 * The history a card shows: `dated` changes with their commit, date and author, and the `latest`
 * change to model.yaml without them. `unreadable` lists dated commits whose model.yaml did not parse.
 */
export interface CardHistory {
  dated: StageHistory;
  latest: LatestChange[];
}

/**
 * Splits the committed history of a model.yaml so that a card reads the same before the latest change
 * is committed, after it is committed and after it is merged (merge, squash or rebase: only the commit
 * facts of the latest change differ between those, and the card leaves them out). `snapshots` are
 * the committed versions, oldest first; `workingText` is the file in the working tree. When the
 * working tree equals the last commit, that commit's change is the latest change; otherwise the
 * uncommitted edit is, and every commit is dated.
 */
export function cardHistory(snapshots: StageSnapshot[], workingText: string | undefined, model: string): CardHistory {
  const last = snapshots.at(-1);
  const clean = last !== undefined && (workingText === undefined || workingText === last.text);
  const dated = clean ? snapshots.slice(0, -1) : snapshots;
  const pending: CommitInfo = { sha: "", author: "", email: "", date: new Date(0), subject: "" };
  const text = clean ? last.text : workingText;
  const all = stageHistory([...dated, { commit: pending, text }], model);
  return {
    dated: { model, changes: all.changes.filter((c) => c.commit !== pending), unreadable: all.unreadable.filter((c) => c !== pending) },
    latest: all.changes.filter((c) => c.commit === pending).map(({ stage, from, to }) => ({ stage, from, to })),
  };
}

import { servesIn, type StageHistory } from "./stage-history.js";

/**
 * Seconds `version` served in `stage` before `until` (epoch ms), summed over every stay; a stay still
 * open at `until` counts up to `until`. Undefined when the history never shows the version in that
 * stage before `until`.
 */
export function timeInStage(history: StageHistory, version: string, stage: string, until: Date): number | undefined {
  let total = 0;
  let since: number | undefined;
  let seen = false;
  for (const c of history.changes) {
    if (c.stage !== stage) continue;
    const t = c.commit.date.getTime();
    if (t > until.getTime()) break;
    const was = servesIn(c.from, version);
    const is = servesIn(c.to, version);
    if (!was && is) {
      since = t;
      seen = true;
    } else if (was && !is && since !== undefined) {
      total += t - since;
      since = undefined;
    }
  }
  if (!seen) return undefined;
  if (since !== undefined) total += until.getTime() - since;
  return total / 1000;
}

import { firstEntered, type StageHistory } from "../core/history/index.js";
import type { ModelSpec } from "../core/types.js";
import type { GitHistory } from "../ports.js";
import { loadStageHistory } from "./stage-history.js";

/**
 * When each version first served in each stage, from the commits of the model's file reachable
 * from `ref` (the base of a pull request, so the change under review does not count). Each
 * model's history is read once.
 */
export function gitPromotionHistory(git: GitHistory, ref: string): (model: ModelSpec, version: string, stage: string) => Promise<Date | undefined> {
  const cache = new Map<string, Promise<StageHistory>>();
  return async (model, version, stage) => {
    if (!cache.has(model.file)) cache.set(model.file, loadStageHistory(git, model.name, model.file, ref));
    return firstEntered(await cache.get(model.file)!, version, stage)?.commit.date;
  };
}

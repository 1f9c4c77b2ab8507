import { load } from "js-yaml";
import { normalizeStage } from "../core/repo/normalize.js";
import type { ModelSpec } from "../core/types.js";
import type { GitHistory } from "../ports.js";

/**
 * When each version first served in each stage, read from the commits of the model's file that
 * are reachable from `ref` (the base of a pull request, so the change under review does not count).
 * Returns a lookup; each model's history is read once.
 */
export function gitPromotionHistory(git: GitHistory, ref: string): (model: ModelSpec, version: string, stage: string) => Promise<Date | undefined> {
  const cache = new Map<string, Promise<Map<string, Date>>>();
  const read = async (file: string) => {
    const first = new Map<string, Date>();
    for (const c of await git.log(file, ref)) {
      const text = await git.show(c.sha, file);
      let stages: Record<string, unknown> | undefined;
      try {
        stages = (load(text ?? "") as { stages?: Record<string, unknown> } | undefined)?.stages;
      } catch {
        continue; // a commit whose file did not parse says nothing about stages
      }
      for (const [stage, value] of Object.entries(stages ?? {})) {
        let variants;
        try {
          variants = normalizeStage(value).variants;
        } catch {
          continue;
        }
        for (const v of variants) first.set(`${v.version}\u0000${stage}`, c.date); // newest first: the last write is the oldest commit
      }
    }
    return first;
  };
  return async (model, version, stage) => {
    if (!cache.has(model.file)) cache.set(model.file, read(model.file));
    return (await cache.get(model.file)!).get(`${version}\u0000${stage}`);
  };
}

import type { ModelSpec } from "../types.js";

/** A version that enters a stage in this change (it did not serve in that stage at the base). */
export interface Promotion {
  model: string;
  version: string;
  stage: string;
  /** Versions that served in the stage at the base. */
  replacing: string[];
}

const versionsIn = (m: ModelSpec | undefined, stage: string) => new Set((m?.stages[stage]?.variants ?? []).map((v) => v.version));

/** Every (version, stage) pair that serves after the change and did not before. Pure. */
export function stageChanges(before: ModelSpec | undefined, after: ModelSpec): Promotion[] {
  const out: Promotion[] = [];
  for (const [stage, a] of Object.entries(after.stages)) {
    const was = versionsIn(before, stage);
    for (const v of a.variants) {
      if (!was.has(v.version)) out.push({ model: after.name, version: v.version, stage, replacing: [...was] });
    }
  }
  return out;
}

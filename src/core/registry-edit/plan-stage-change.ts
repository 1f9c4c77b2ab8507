import type { Promotion } from "../policy/stage-changes.js";
import type { ModelSpec, ModelVersionSpec, PolicySpec, StageVariant } from "../types.js";

export interface StageRequest {
  model: ModelSpec;
  /** The version spec, or undefined when models/<model>/versions/<version>.yaml does not exist. */
  version: ModelVersionSpec | undefined;
  versionLabel: string;
  stage: string;
  policy: PolicySpec | undefined;
  /** Percent of traffic for the new version in a canary split, 1..99. */
  canary?: number;
}

/** What promote will do: set the stage to `variants`, nothing (already so), or refuse with a reason. */
export type StagePlan =
  | { kind: "change"; variants: StageVariant[]; before: StageVariant[]; promotion: Promotion }
  | { kind: "unchanged"; variants: StageVariant[]; message: string }
  | { kind: "refused"; message: string };

/**
 * Works out the new assignment of `stage`. Pure. Refuses: a missing or archived version, a policy
 * that is missing or does not list the stage in its promotion order, and a canary when the stage is
 * empty, already holds a split, or already serves the version. Without --canary the version takes
 * the whole stage (which also completes a split it is part of).
 */
export function planStageChange(r: StageRequest): StagePlan {
  const { model, stage, versionLabel: v } = r;
  const refuse = (message: string): StagePlan => ({ kind: "refused", message });
  if (!r.version) return refuse(`${model.name} has no version ${v} (models/${model.name}/versions/${v}.yaml)`);
  if (r.version.archived) return refuse(`${model.name} version ${v} is archived (${r.version.file}): an archived version may not serve in any stage`);
  if (!r.policy) return refuse(`${model.name} follows policy ${model.policy}, which is not in policies/`);
  const order = r.policy.promotion.order;
  if (!order.includes(stage)) return refuse(`stage "${stage}" is not in the promotion order of policy ${r.policy.name} (${order.join(" -> ")})`);

  const before = model.stages[stage]?.variants ?? [];
  const promotion: Promotion = { model: model.name, version: v, stage, replacing: before.map((x) => x.version) };
  if (r.canary !== undefined) {
    if (!Number.isInteger(r.canary) || r.canary < 1 || r.canary > 99) return refuse(`--canary must be a whole percent from 1 to 99, not ${r.canary}`);
    if (before.length === 0) return refuse(`${stage} of ${model.name} serves nothing yet: a canary needs a current version to split with`);
    if (before.length > 1) return refuse(`${stage} of ${model.name} already holds a split (${describeVariants(before)}): finish it before starting another canary`);
    if (before[0]!.version === v) return refuse(`${model.name} version ${v} already serves ${stage}`);
    return { kind: "change", variants: [{ version: before[0]!.version, weight: 100 - r.canary }, { version: v, weight: r.canary }], before, promotion };
  }
  if (before.length === 1 && before[0]!.version === v) return { kind: "unchanged", variants: before, message: `${model.name} version ${v} already serves all of ${stage}` };
  return { kind: "change", variants: [{ version: v, weight: 100 }], before, promotion };
}

/** `"7" 90%, "8" 10%` or `"7"`. */
export function describeVariants(variants: readonly StageVariant[]): string {
  if (variants.length === 0) return "nothing";
  if (variants.length === 1) return `"${variants[0]!.version}"`;
  return variants.map((x) => `"${x.version}" ${x.weight}%`).join(", ");
}

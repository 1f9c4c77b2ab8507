import type { PendingFinding } from "../check-file.js";
import type { Rule, RuleContext } from "./context.js";
import { checksReachModels, deploymentConsistent, monitoringDimensionsPublished } from "./deployment-rules.js";
import { environmentsDistinct } from "./environment-rules.js";
import { modelNameMatchesFolder, policyNameMatchesFile, uniqueTargets, versionMatchesFile, versionsHaveModel } from "./naming-rules.js";
import { pointersResolve } from "./pointer-rules.js";
import { gatesInOrder, lineageParents, policyReferences, stagesPointAtVersions } from "./stage-rules.js";
import { starterValuesReplaced } from "./starter-rules.js";

/** Every cross-file rule, in the order their findings are most useful to read. */
export const RULES: Record<string, Rule> = {
  modelNameMatchesFolder,
  versionMatchesFile,
  versionsHaveModel,
  policyNameMatchesFile,
  policyReferences,
  gatesInOrder,
  stagesPointAtVersions,
  pointersResolve,
  deploymentConsistent,
  environmentsDistinct,
  monitoringDimensionsPublished,
  checksReachModels,
  uniqueTargets,
  lineageParents,
  starterValuesReplaced,
};

export function runRules(ctx: RuleContext): PendingFinding[] {
  return Object.values(RULES).flatMap((rule) => rule(ctx));
}

export type { RuleContext, PointerStatus } from "./context.js";
export { pointerReferences } from "./pointer-rules.js";

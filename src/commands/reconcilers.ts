/**
 * Which reconcilers `steward plan` and `steward apply` run, by target. Each target reads its live
 * state through a port, diffs it with a pure function from src/core/plan, and applies the steps.
 */
import type { StepOutcome, Target, TargetPlan } from "../core/plan/types.js";
import type { RepoState } from "../core/types.js";
import type { Logger } from "../ports.js";

export interface PlanContext {
  /** The commit being applied (for tags such as steward.git_commit). */
  commit?: string;
  /** Base URL of the repository on GitHub, for links (model card, run). */
  repoUrl?: string;
  logger: Logger;
  now: Date;
}

export interface TargetReconciler {
  readonly target: Target;
  /** Reads live state and returns the steps that would bring it to `state`. Changes nothing. */
  plan(state: RepoState, ctx: PlanContext): Promise<TargetPlan>;
  /** Executes the steps in order; stops at the first failure and reports the rest as skipped. */
  apply(plan: TargetPlan, ctx: PlanContext): Promise<StepOutcome[]>;
}

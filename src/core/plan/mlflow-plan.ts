import type { RepoState } from "../types.js";
import { desiredMlflowModels, type MlflowPlanOptions } from "./mlflow-desired.js";
import { diffMlflow } from "./mlflow-diff.js";
import type { LiveRegistry } from "./registry-state.js";
import type { TargetPlan } from "./types.js";

export type { MlflowPlanOptions } from "./mlflow-desired.js";

/** The registered-model names the repository manages in MLflow, in model order (what to read live). */
export function mlflowModelNames(state: RepoState): string[] {
  return [...new Set(state.models.flatMap((m) => (m.registry?.mlflow ? [m.registry.mlflow.name] : [])))];
}

/**
 * The MLflow plan for the whole repository against a live snapshot. Pure. Models without
 * `registry.mlflow` are named in a note and otherwise ignored.
 */
export function planMlflow(state: RepoState, live: LiveRegistry, opts: MlflowPlanOptions = {}): TargetPlan {
  const plan = diffMlflow(desiredMlflowModels(state, opts), live);
  const unregistered = state.models.filter((m) => !m.registry?.mlflow).map((m) => m.name);
  if (unregistered.length) plan.notes.push(`not in MLflow (no registry.mlflow): ${unregistered.join(", ")}`);
  return plan;
}

/**
 * Which models ask for each target, from the repository alone: a target that is not configured is
 * only harmless when no model needs it. Skipping one that a model needs would make plan and apply
 * green while they saw or did nothing for that model. Pure.
 */
import type { RepoState } from "../types.js";
import { desiredDashboard } from "./cloudwatch-dashboard.js";
import type { Target } from "./types.js";

/** The names of the models whose files ask for `target`, in repository order. */
export function modelsNeeding(target: Target, state: RepoState): string[] {
  const policyOf = (name: string) => state.policies.find((p) => p.name === name);
  return state.models
    .filter((m) => {
      switch (target) {
        case "mlflow":
          return m.registry?.mlflow !== undefined;
        case "sagemaker":
          return m.deployment?.sagemaker !== undefined;
        case "cloudwatch":
          return desiredDashboard(m, policyOf(m.policy), { region: "" }) !== undefined;
      }
    })
    .map((m) => m.name);
}

/** Why a needed target that is not configured fails: its own reason, then who needs it and why. */
export function neededButSkipped(target: Target, reason: string, models: string[]): string {
  const field = { mlflow: "registry.mlflow in model.yaml", sagemaker: "deployment.sagemaker in model.yaml", cloudwatch: "monitoring in model.yaml, which apply keeps a dashboard of" }[target];
  const shown = models.slice(0, 5).join(", ") + (models.length > 5 ? ` and ${models.length - 5} more` : "");
  return `${reason}, and ${models.length} model${models.length === 1 ? "" : "s"} need${models.length === 1 ? "s" : ""} ${target} (${shown}: ${field}); configure it, or choose the targets to run (--target; the actions' target input)`;
}

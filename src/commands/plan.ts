/**
 * `steward plan`: what apply would change, per target, read from live state. Generic over the
 * TargetReconciler list; a target without a configured reconciler is reported as skipped.
 */
import { describeError, UserError } from "../core/errors.js";
import type { TargetReport } from "../core/plan/render-plan.js";
import { modelsNeeding, neededButSkipped } from "../core/plan/target-needs.js";
import { TARGETS, type Target } from "../core/plan/types.js";
import type { Finding } from "../core/result.js";
import type { RepoState } from "../core/types.js";
import type { Logger, RepoFiles } from "../ports.js";
import { loadRepo } from "./load-repo.js";
import type { PlanContext, TargetReconciler } from "./reconcilers.js";

/** A target and its reconciler, or why it has none (e.g. "MLFLOW_TRACKING_URI is not set"). */
export type TargetSlot = { target: Target; reconciler: TargetReconciler } | { target: Target; reconciler?: undefined; reason: string };

/** Parses `--target mlflow,sagemaker`; undefined means every target. Throws UserError for an unknown name. */
export function parseTargets(value: string | undefined): Target[] | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const names = value.split(",").map((s) => s.trim()).filter(Boolean);
  for (const n of names) if (!TARGETS.includes(n as Target)) throw new UserError(`usage: --target takes ${TARGETS.join(", ")} (comma-separated), not "${n}"`);
  return [...new Set(names as Target[])];
}

/** The slots to run, in TARGETS order: the selected targets, or all. */
export function selectSlots(slots: TargetSlot[], targets: Target[] | undefined): TargetSlot[] {
  return TARGETS.filter((t) => !targets || targets.includes(t)).map(
    (t) => slots.find((s) => s.target === t) ?? { target: t, reason: `no ${t} reconciler in this build` },
  );
}

/**
 * Plans one target; a failure to read live state becomes a failed report, not an exception. A target
 * that is not configured is skipped, unless models need it and it was not named with --target
 * (`named`: a named one that is not configured is a usage error): then it failed, since plan and
 * apply would otherwise be green having seen nothing of those models.
 */
export async function planTarget(slot: TargetSlot, state: RepoState, ctx: PlanContext, named = false): Promise<TargetReport> {
  if (!slot.reconciler) {
    const needed = named ? [] : modelsNeeding(slot.target, state);
    if (needed.length) return { target: slot.target, steps: [], notes: [], status: "failed", reason: neededButSkipped(slot.target, slot.reason, needed) };
    return { target: slot.target, steps: [], notes: [], status: "skipped", reason: slot.reason };
  }
  try {
    const plan = await ctx.logger.group(`${slot.target}: reading live state`, () => slot.reconciler!.plan(state, ctx));
    // A plan with errors is not applied at all (never half of it): the target fails, exit 1.
    if (plan.errors?.length) return { ...plan, status: "failed", reason: `${plan.errors.length} plan error${plan.errors.length === 1 ? "" : "s"}: ${plan.errors[0]}${plan.errors.length > 1 ? " (and more below)" : ""}` };
    return { ...plan, status: "planned" };
  } catch (err) {
    return { target: slot.target, steps: [], notes: [], status: "failed", reason: describeError(err) };
  }
}

export interface RunPlanDeps {
  files: RepoFiles;
  reconcilers: TargetSlot[];
  logger: Logger;
}

export interface RunPlanOptions {
  targets?: Target[];
  commit?: string;
  repoUrl?: string;
  now: Date;
}

export interface PlanRun {
  /** Problems in the repository; with any error, nothing is planned (`reports` is empty). */
  findings: Finding[];
  reports: TargetReport[];
}

/**
 * For the actions: a target named in the `target` input that is not configured is a failed report
 * (the CLI exits 2 for it), so the step fails and the summary, comment and failure issue say why.
 */
export function failNamedSkipped(reports: TargetReport[], targets: Target[] | undefined): TargetReport[] {
  return reports.map((r) => (targets && r.status === "skipped" ? { ...r, status: "failed", reason: `${r.reason ?? "not configured"} (named in the target input)` } : r));
}

/** Loads the repository and plans every selected target against its live state. Changes nothing. */
export async function runPlan(deps: RunPlanDeps, opts: RunPlanOptions): Promise<PlanRun> {
  const { state, findings } = await loadRepo({ files: deps.files });
  if (findings.some((f) => f.severity === "error")) return { findings, reports: [] };
  const ctx: PlanContext = { logger: deps.logger, now: opts.now, ...(opts.commit ? { commit: opts.commit } : {}), ...(opts.repoUrl ? { repoUrl: opts.repoUrl } : {}) };
  const reports: TargetReport[] = [];
  for (const slot of selectSlots(deps.reconcilers, opts.targets)) reports.push(await planTarget(slot, state, ctx, opts.targets !== undefined));
  return { findings, reports };
}

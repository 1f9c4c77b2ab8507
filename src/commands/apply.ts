/**
 * `steward apply`: plan every selected target, then run its steps. Refuses to touch anything when the
 * repository has errors. Each target stops at its first failed step (the rest are reported skipped);
 * a re-run re-plans from live state and so resumes where the last run stopped.
 */
import { describeError } from "../core/errors.js";
import type { TargetReport } from "../core/plan/render-plan.js";
import { recordModelVersion } from "../core/plan/mlflow-write-back.js";
import type { StepOutcome } from "../core/plan/types.js";
import type { RepoFiles } from "../ports.js";
import type { ApplyLease } from "./apply-lock.js";
import { loadRepo } from "./load-repo.js";
import { planTarget, selectSlots, type PlanRun, type RunPlanDeps, type RunPlanOptions } from "./plan.js";
import type { PlanContext } from "./reconcilers.js";

export interface RunApplyOptions extends RunPlanOptions {
  /** Plan only; report what would run. */
  dryRun?: boolean;
}

export interface RunApplyDeps extends RunPlanDeps {
  /**
   * Takes the apply lock of these targets (src/commands/apply-lock.ts) before anything is planned;
   * throws when it cannot. Absent: apply runs unlocked (the entrypoints require --no-lock for that).
   */
  lock?: (targets: string[]) => Promise<ApplyLease>;
}

/** Applies the plan of every selected target; see PlanRun for the result (reports carry outcomes). */
export async function runApply(deps: RunApplyDeps, opts: RunApplyOptions): Promise<PlanRun> {
  const { state, findings } = await loadRepo({ files: deps.files });
  if (findings.some((f) => f.severity === "error")) return { findings, reports: [] };
  const slots = selectSlots(deps.reconcilers, opts.targets);
  const locked = opts.dryRun || !deps.lock ? [] : slots.filter((s) => s.reconciler).map((s) => s.target);
  // Locked before planning: a second apply plans from what the first one left.
  const lease = locked.length ? await deps.lock!(locked) : undefined;
  let reports: TargetReport[] = [];
  try {
    reports = await applySlots(deps, opts, state, slots);
    // Taken over while applying (a heartbeat found this apply's ticket closed): never reported as applied.
    const lost = lease?.lost() ?? [];
    reports = reports.map((r) => (lost.includes(r.target) ? { ...r, status: "failed", reason: "another apply took over the apply lock while this one was applying; the two may have interleaved: re-run apply" } : r));
  } finally {
    if (lease) {
      const failed = reports.filter((r) => r.status === "failed").map((r) => r.target);
      const steps = reports.reduce((n, r) => n + (r.outcomes?.length ?? 0), 0);
      await lease.release(failed.length || reports.length === 0 ? "failed" : "released", failed.length || reports.length === 0 ? `apply failed${failed.length ? ` (${failed.join(", ")})` : ""}` : `applied: ${steps} step(s)`);
    }
  }
  return { findings, reports };
}

async function applySlots(deps: RunPlanDeps, opts: RunApplyOptions, state: Parameters<typeof planTarget>[1], slots: ReturnType<typeof selectSlots>): Promise<TargetReport[]> {
  const ctx: PlanContext = { logger: deps.logger, now: opts.now, ...(opts.commit ? { commit: opts.commit } : {}), ...(opts.repoUrl ? { repoUrl: opts.repoUrl } : {}) };
  const reports: TargetReport[] = [];
  for (const slot of slots) {
    const report = await planTarget(slot, state, ctx, opts.targets !== undefined);
    if (report.status !== "planned" || opts.dryRun || !slot.reconciler) {
      reports.push(report);
      continue;
    }
    if (report.steps.length === 0) {
      reports.push({ ...report, status: "applied", outcomes: [] });
      continue;
    }
    let outcomes: StepOutcome[];
    try {
      outcomes = await deps.logger.group(`${slot.target}: applying ${report.steps.length} step(s)`, () => slot.reconciler!.apply(report, ctx));
    } catch (err) {
      // A reconciler should report failures as outcomes; if it throws, nothing after the throw is known.
      reports.push({ ...report, status: "failed", reason: describeError(err) });
      continue;
    }
    const failed = outcomes.some((o) => o.status === "failed");
    reports.push({ ...report, status: failed ? "failed" : "applied", outcomes, ...(failed ? { reason: outcomes.find((o) => o.error)?.error } : {}) });
  }
  return reports;
}

export interface WriteBackResult {
  file: string;
  version: string;
  status: "written" | "unchanged" | "failed";
  reason?: string;
}

/**
 * Records each MLflow version number apply assigned as `mlflow.modelVersion` in its version file
 * (comments and layout kept), for a follow-up pull request. Never throws for one bad file.
 */
export async function writeBackModelVersions(files: RepoFiles, assigned: { file: string; version: string }[]): Promise<WriteBackResult[]> {
  const results: WriteBackResult[] = [];
  for (const a of assigned) {
    const bytes = await files.read(a.file);
    if (!bytes) {
      results.push({ ...a, status: "failed", reason: "the file does not exist" });
      continue;
    }
    const r = recordModelVersion(new TextDecoder().decode(bytes), a.version);
    if (!r.ok) results.push({ ...a, status: "failed", reason: r.reason });
    else if (!r.changed) results.push({ ...a, status: "unchanged" });
    else {
      await files.write(a.file, r.text);
      results.push({ ...a, status: "written" });
    }
  }
  return results;
}

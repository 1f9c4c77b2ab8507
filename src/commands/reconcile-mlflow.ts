/**
 * The MLflow target of `steward plan` / `steward apply`: reads the live registry through the
 * ModelRegistry port, diffs it with the pure planMlflow, and runs the steps in order.
 */
import type { LegacyStageName, ModelRegistry } from "../ports.js";
import { describeError, InternalError } from "../core/errors.js";
import { mlflowModelNames, planMlflow } from "../core/plan/mlflow-plan.js";
import type { DvcRemotes } from "../core/plan/sagemaker-model-data.js";
import type { PlanStep, StepOutcome, TargetPlan } from "../core/plan/types.js";
import type { PlanContext, TargetReconciler } from "./reconcilers.js";

type Params = Record<string, any>;
/** Runs one step; returns facts to report (e.g. the version number MLflow assigned). */
type StepRunner = (registry: ModelRegistry, p: Params, version: () => string) => Promise<Record<string, unknown> | void>;

/** One runner per plan action (a registry, not a switch): adding an action is one line. */
const RUNNERS: Record<string, StepRunner> = {
  "create-registered-model": (r, p) => r.createRegisteredModel({ name: p.name, description: p.description, tags: {} }).then(() => setTags(r, p.name, p.tags)),
  "update-registered-model": (r, p) => r.updateRegisteredModel({ name: p.name, description: p.description }),
  "set-registered-model-tags": (r, p) => setTags(r, p.name, p.tags),
  "create-model-version": async (r, p) => {
    const v = await r.createModelVersion({ name: p.name, source: p.source, runId: p.runId, description: p.description, tags: p.tags });
    return { version: v.version, stewardVersion: p.stewardVersion, file: p.file };
  },
  "set-model-version-tags": async (r, p, version) => {
    for (const [key, value] of Object.entries(p.tags as Record<string, string>)) await r.setModelVersionTag({ name: p.name, version: version(), key, value });
  },
  "delete-model-version-tags": async (r, p, version) => {
    for (const key of p.keys as string[]) await r.deleteModelVersionTag({ name: p.name, version: version(), key });
  },
  "update-model-version": (r, p, version) => r.updateModelVersion({ name: p.name, version: version(), description: p.description }),
  "set-alias": (r, p, version) => r.setAlias({ name: p.name, alias: p.alias, version: version() }),
  "delete-alias": (r, p) => r.deleteAlias({ name: p.name, alias: p.alias }),
  "transition-stage": (r, p, version) => r.transitionStage({ name: p.name, version: version(), stage: p.stage as LegacyStageName }),
};

/** Tags of a new registered model are set one by one: create-with-tags would not converge after a partial failure. */
async function setTags(r: ModelRegistry, name: string, tags: Record<string, string>): Promise<void> {
  for (const [key, value] of Object.entries(tags)) await r.setRegisteredModelTag({ name, key, value });
}

export interface MlflowReconcilerDeps {
  registry: ModelRegistry;
  /** DVC remotes of the repository, to register versions that have no run id; read once per plan. */
  remotes?: () => Promise<DvcRemotes>;
}

/** The MLflow TargetReconciler. */
export function mlflowReconciler(deps: MlflowReconcilerDeps): TargetReconciler {
  const { registry } = deps;
  return {
    target: "mlflow",

    async plan(state, ctx) {
      const names = mlflowModelNames(state);
      ctx.logger.debug(`mlflow: reading ${names.length} registered model(s) from ${registry.location}`);
      const live = await registry.snapshot(names);
      const remotes = deps.remotes ? await deps.remotes() : undefined;
      const opts = { commit: ctx.commit, repoUrl: ctx.repoUrl, remotes };
      const first = planMlflow(state, live, opts);
      // MLflow registers a version of a run that is missing, failed or deleted: read each run a new
      // version names (once), then plan again with what MLflow says about them.
      const wanted = new Map<string, Set<string>>();
      for (const s of first.steps) {
        if (s.action !== "create-model-version" || !s.params.runId) continue;
        const paths = wanted.get(String(s.params.runId)) ?? new Set<string>();
        if (s.params.artifactPath) paths.add(String(s.params.artifactPath));
        wanted.set(String(s.params.runId), paths);
      }
      const plan = wanted.size === 0 ? first : planMlflow(state, { ...live, runs: await registry.readRuns([...wanted].map(([runId, paths]) => ({ runId, artifactPaths: [...paths] }))) }, opts);
      return registry.cannotRegister ? refuseRegistrations(plan, registry.cannotRegister) : plan;
    },

    async apply(plan: TargetPlan, ctx: PlanContext): Promise<StepOutcome[]> {
      const assigned = new Map<string, string>();
      const outcomes: StepOutcome[] = [];
      let failed = false;
      for (const step of plan.steps) {
        if (failed) {
          outcomes.push({ step, status: "skipped" });
          continue;
        }
        try {
          const result = await runStep(registry, step, assigned);
          if (step.action === "create-model-version" && result?.version) {
            assigned.set(`${step.params.name}/${step.params.stewardVersion}`, String(result.version));
            ctx.logger.info(`mlflow: ${step.params.name} ${step.params.stewardVersion} registered as version ${result.version}`);
          } else ctx.logger.info(`mlflow: ${step.summary}`);
          outcomes.push({ step, status: "done", ...(result ? { result } : {}) });
        } catch (err) {
          failed = true;
          ctx.logger.error(`mlflow: ${step.summary}: ${describeError(err)}`);
          outcomes.push({ step, status: "failed", error: describeError(err) });
        }
      }
      return outcomes;
    },
  };
}

async function runStep(registry: ModelRegistry, step: PlanStep, assigned: Map<string, string>): Promise<Record<string, unknown> | undefined> {
  const runner = RUNNERS[step.action];
  if (!runner) throw new InternalError(`mlflow: no runner for plan action "${step.action}"`);
  const p = step.params as Params;
  const version = () => {
    const v = p.version ?? assigned.get(`${p.name}/${p.stewardVersion}`);
    if (v === undefined) throw new InternalError(`mlflow: ${step.resource}: version ${p.stewardVersion} was not registered earlier in this apply`);
    return String(v);
  };
  return (await runner(registry, p, version)) ?? undefined;
}

/** Each planned registration becomes a plan error (the registry cannot make versions): nothing is half-applied. */
function refuseRegistrations(plan: TargetPlan, why: string): TargetPlan {
  const creates = plan.steps.filter((s) => s.action === "create-model-version");
  if (creates.length === 0) return plan;
  const errors = creates.map((s) => `${String(s.params.file)}: cannot register ${String(s.params.name)} ${String(s.params.stewardVersion)} from ${String(s.params.source)}: ${why}`);
  return { ...plan, errors: [...(plan.errors ?? []), ...errors] };
}

/** Versions registered by an apply: what to write back as `mlflow.modelVersion` in each version file. */
export function assignedVersions(outcomes: StepOutcome[]): { name: string; stewardVersion: string; version: string; file: string }[] {
  return outcomes.flatMap((o) =>
    o.status === "done" && o.step.action === "create-model-version" && o.result
      ? [{ name: String(o.step.params.name), stewardVersion: String(o.result.stewardVersion), version: String(o.result.version), file: String(o.result.file) }]
      : [],
  );
}

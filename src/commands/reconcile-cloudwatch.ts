/**
 * The `cloudwatch` target of `steward plan` / `steward apply`: one CloudWatch dashboard per
 * monitored model (src/core/plan/cloudwatch-dashboard.ts), created, kept in step and deleted when
 * the model is removed. It runs after the sagemaker target, whose alarms the dashboards list.
 * A model deployed to several environments (deployment.environments) gets one dashboard in each,
 * written through that environment's clients (its role, its region), steps grouped per environment
 * as the sagemaker target groups them.
 */
import { describeError, UserError } from "../core/errors.js";
import { DASHBOARD_PREFIX, type DesiredDashboard } from "../core/plan/cloudwatch-dashboard.js";
import { diffDashboards, type DiffScope, type LiveDashboards } from "../core/plan/cloudwatch-dashboard-diff.js";
import { dashboardPlaces, nameClashes, namesToKeep, placeKey, plansDeletions } from "../core/plan/cloudwatch-dashboard-places.js";
import { describeLocation } from "../core/plan/aws-location.js";
import { environmentMismatches, hasEnvironments } from "../core/plan/aws-environments.js";
import type { PlanEnvironment, PlanStep, StepOutcome, TargetPlan } from "../core/plan/types.js";
import type { DeploymentEnvironment } from "../core/types.js";
import type { AwsEnvironmentRef, AwsIdentity, DashboardStore, Logger } from "../ports.js";
import type { TargetReconciler } from "./reconcilers.js";

export interface CloudWatchReconcilerDeps {
  /** The dashboards where the credentials point (models without deployment.environments). */
  store: DashboardStore;
  /**
   * Where `store` lands (STS GetCallerIdentity + region). Used only when models name environments:
   * a place that is also an environment's then plans its deletions once, there.
   */
  identity?: AwsIdentity;
  /**
   * The clients of a deployment environment (its region, its role assumed); the same connection the
   * sagemaker target uses. Without it, a model with environments is a plan error (nothing is written).
   */
  connect?: (env: AwsEnvironmentRef) => { dashboards: DashboardStore; identity?: AwsIdentity };
}

/** The CloudWatch dashboards TargetReconciler. */
export function cloudwatchReconciler(deps: CloudWatchReconcilerDeps): TargetReconciler {
  const { store } = deps;
  return {
    target: "cloudwatch",

    async plan(state, ctx) {
      const region = await store.region();
      const places = dashboardPlaces(state.models, state.policies, { region, ...(ctx.repoUrl ? { repoUrl: ctx.repoUrl } : {}) });
      if (!hasEnvironments(state.models)) {
        const plan = diffDashboards(places[0]!.desired, await readPlace(store, places[0]!.desired), ctx.repoUrl);
        return { target: "cloudwatch", ...plan };
      }

      // Several environments: each place is checked (identity) and read with its own clients. A place
      // that cannot be checked or read is a plan error naming it: the target fails and nothing is written.
      const errors: string[] = [];
      let where: string | undefined;
      const keys: (string | undefined)[] = places.map((p) => (p.env ? placeKey(p.env) : undefined));
      if (deps.identity) {
        const location = await deps.identity.whoAmI();
        where = describeLocation(location);
        keys[0] = placeKey(location);
        ctx.logger.info(`cloudwatch: ${where}`);
      }
      const connected = [{ store, where } as Connected];
      for (const p of places.slice(1)) connected.push(await connectPlace(p.env!, p.models, ctx.logger));
      for (const c of connected) errors.push(...(c.errors ?? []));
      const stores = connected.map((c) => c.store);
      const wheres = connected.map((c) => c.where);
      errors.push(...nameClashes(places, keys));
      const keep = namesToKeep(places, keys);
      // one listing and one GetDashboard per dashboard per account, however many environments share it
      const readers = new Map<string, AccountDashboards>();
      const readerFor = (i: number): AccountDashboards => {
        const key = keys[i];
        if (key === undefined) return accountDashboards(stores[i]!);
        if (!readers.has(key)) readers.set(key, accountDashboards(stores[i]!));
        return readers.get(key)!;
      };

      const steps: PlanStep[] = [];
      const notes: string[] = [];
      const environments: PlanEnvironment[] = [];
      for (const [i, p] of places.entries()) {
        const at = stores[i];
        if (!at) continue;
        const env = p.env;
        // dashboards are global in an account: places in one account plan its deletions once
        const scope: DiffScope = { keep: keep[i]!, deletions: plansDeletions(places, keys, i), deleteReason: `no model of the repository keeps it in ${keys[i] ? `account ${keys[i]}` : "this account"} any more` };
        let live: LiveDashboards;
        try {
          live = await readShared(readerFor(i), at, p.desired, scope.deletions !== false);
        } catch (err) {
          if (!env) throw err;
          errors.push(`environment ${env.name}: ${describeError(err)}; nothing was changed there`);
          continue;
        }
        const plan = diffDashboards(p.desired, live, ctx.repoUrl, scope);
        if (!env) {
          steps.push(...plan.steps);
          notes.push(...plan.notes);
          continue;
        }
        steps.push(...plan.steps.map((st) => ({ ...st, environment: env.name })));
        notes.push(...plan.notes.map((n) => `[${env.name}] ${n}`));
        environments.push({ name: env.name, account: env.account, region: env.region, ...(env.roleArn ? { roleArn: env.roleArn } : {}), ...(wheres[i] ? { where: wheres[i] } : {}) });
      }
      const plan: TargetPlan = { target: "cloudwatch", steps, notes, ...(where ? { where } : {}), environments };
      return errors.length ? { ...plan, errors } : plan;
    },

    async apply(plan, ctx) {
      const outcomes: StepOutcome[] = [];
      let failed = false;
      for (const step of plan.steps) {
        if (failed) { outcomes.push({ step, status: "skipped" }); continue; }
        const label = `cloudwatch: ${step.environment ? `[${step.environment}] ` : ""}`;
        ctx.logger.info(`${label}${step.summary}`);
        try {
          const on = storeFor(step, plan);
          const name = step.params.name as string;
          if (step.action === "put-dashboard") await on.put(name, step.params.body as string);
          else if (step.action === "delete-dashboard") await on.delete([name]);
          else throw new UserError(`cloudwatch: unknown plan step "${step.action}" (was the plan made by another version of steward?)`);
          outcomes.push({ step, status: "done" });
        } catch (err) {
          failed = true;
          const error = describeError(err);
          ctx.logger.error(`${label}${step.action} ${step.resource} failed: ${error}`);
          outcomes.push({ step, status: "failed", error });
        }
      }
      return outcomes;
    },
  };

  /**
   * An environment's dashboards, once its identity is checked (as the sagemaker target checks it);
   * `errors` instead when it cannot be connected to, or resolves to another account or region.
   */
  async function connectPlace(env: DeploymentEnvironment, models: string[], logger: Logger): Promise<Connected> {
    if (!deps.connect) return { errors: [`environment ${env.name}: ${models.join(", ")} deploy there, but this run cannot connect to environments; nothing was read or changed there`] };
    try {
      const clients = deps.connect(env);
      if (!clients.identity) return { store: clients.dashboards };
      const location = await clients.identity.whoAmI();
      const where = describeLocation(location);
      logger.info(`cloudwatch [${env.name}]: ${where}`);
      const wrong = environmentMismatches(env, location);
      return wrong.length ? { errors: wrong } : { store: clients.dashboards, where };
    } catch (err) {
      return { errors: [`environment ${env.name}: ${describeError(err)}; nothing was read or changed there`] };
    }
  }

  /** The store a step runs on: its environment's (connected again from the plan), or the default one. */
  function storeFor(step: PlanStep, plan: { environments?: PlanEnvironment[] }): DashboardStore {
    if (!step.environment) return store;
    const env = plan.environments?.find((e) => e.name === step.environment);
    if (!env || !deps.connect) throw new UserError(`cloudwatch: step ${step.action} ${step.resource} names environment ${step.environment}, which this run cannot connect to`);
    return deps.connect(env).dashboards;
  }
}

/** A place's clients, or why it has none. */
interface Connected {
  store?: DashboardStore;
  where?: string;
  errors?: string[];
}

/** An account's dashboards, each read once: they are global in the account, whichever region's client reads them. */
interface AccountDashboards {
  list(): Promise<string[]>;
  get(name: string): Promise<unknown>;
}

function accountDashboards(store: DashboardStore): AccountDashboards {
  let listed: Promise<string[]> | undefined;
  const bodies = new Map<string, Promise<unknown>>();
  return {
    list: () => (listed ??= store.list(DASHBOARD_PREFIX)),
    get(name) {
      if (!bodies.has(name)) bodies.set(name, store.get(name));
      return bodies.get(name)!;
    },
  };
}

/**
 * A place's live dashboards through its account's reader: the bodies of the desired ones, and of
 * every other listed one only when this place plans the account's deletions (`all`). The alarm
 * ARNs are read through the place's own client: alarms are regional.
 */
async function readShared(account: AccountDashboards, store: DashboardStore, desired: DesiredDashboard[], all: boolean): Promise<LiveDashboards> {
  const listed = await account.list();
  const wanted = new Set(desired.map((d) => d.name));
  const bodies = new Map<string, unknown>();
  for (const name of listed) {
    if (!all && !wanted.has(name)) continue;
    const body = await account.get(name);
    if (body !== undefined) bodies.set(name, body);
  }
  const alarmArns = await store.alarmArns([...new Set(desired.flatMap((d) => d.alarms))]);
  return { listed, bodies, alarmArns };
}

/**
 * One place's live dashboards: every managed-prefix dashboard (the desired ones to compare, the
 * others to see whether this repository owns them) and the ARNs of the alarms the desired ones list.
 */
async function readPlace(store: DashboardStore, desired: DesiredDashboard[]): Promise<LiveDashboards> {
  const listed = await store.list(DASHBOARD_PREFIX);
  const bodies = new Map<string, unknown>();
  for (const name of listed) {
    const body = await store.get(name);
    if (body !== undefined) bodies.set(name, body);
  }
  const alarmArns = await store.alarmArns([...new Set(desired.flatMap((d) => d.alarms))]);
  return { listed, bodies, alarmArns };
}

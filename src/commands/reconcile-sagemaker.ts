/**
 * The `sagemaker` target of `steward plan` / `steward apply`: for every model with a SageMaker
 * deployment, read the endpoint's live state, diff it with src/core/plan/sagemaker-diff.ts, and
 * execute the steps in order. Apply waits for each deployment (bounded), never stacks an update
 * on an endpoint that is already changing, and publishes deployment and rollback events.
 */
import { readLiveSageMakerState } from "../adapters/aws/sagemaker-live-reader.js";
import { describeWait, systemClock, waitForEndpoint, type Clock, type WaitOptions, type WaitResult } from "../adapters/aws/sagemaker-wait-for-endpoint.js";
import { describeError, ExternalError, UserError } from "../core/errors.js";
import { desiredSageMakerEndpoint } from "../core/plan/sagemaker-desired.js";
import { diffSageMaker } from "../core/plan/sagemaker-diff.js";
import {
  deploymentFailedEvent, deploymentStartedEvent, deploymentSucceededEvent, rolledBackEvent,
  type DeploymentFacts, type DeploymentKind,
} from "../core/plan/sagemaker-events.js";
import type { DvcRemotes } from "../core/plan/sagemaker-model-data.js";
import type { SageMakerAws } from "../ports.js";
import type { DeploymentConfig, DesiredAlarm, DesiredEndpointConfig, DesiredModel, DesiredScaling, WeightAndCapacity } from "../core/plan/sagemaker-types.js";
import type { PlanStep, StepOutcome } from "../core/plan/types.js";
import type { AwsEnvironmentRef, AwsIdentity, EventBus, Logger, StewardEvent } from "../ports.js";
import { describeLocation, locationMismatches } from "../core/plan/aws-location.js";
import { environmentMismatches, groupByEnvironment, hasEnvironments } from "../core/plan/aws-environments.js";
import type { PlanEnvironment } from "../core/plan/types.js";
import type { PlanContext, TargetReconciler } from "./reconcilers.js";

export interface SageMakerReconcilerDeps {
  aws: SageMakerAws;
  /** The DVC remotes of the governed repository (.dvc/config), read when a plan needs them. */
  dvcRemotes: () => Promise<DvcRemotes>;
  /** Where deployment and rollback events go; none are published without it. */
  events?: EventBus;
  clock?: Clock;
  /** Seconds between DescribeEndpoint polls (default 30). */
  pollSeconds?: number;
  /** Caps every wait for an endpoint, seconds; by default each deployment's own bound (rollout + margin). */
  maxWaitSeconds?: number;
  /**
   * Where the calls land (STS GetCallerIdentity + region): resolved first, printed with the plan, and
   * checked against each model's `deployment.account`/`region` before any other AWS call.
   */
  identity?: AwsIdentity;
  /**
   * The clients of a deployment environment (deployment.environments): its region, its role assumed.
   * Without it, a model with environments is a plan error (nothing is read or changed).
   */
  connect?: (env: AwsEnvironmentRef) => { aws: SageMakerAws; identity?: AwsIdentity };
}

type DeployParams = {
  endpoint: string; model: string; stage: string; configName: string; waitTimeoutSeconds: number; rollback: boolean;
  versions: { version: string; weight: number }[]; tags: Record<string, string>; previousConfigName?: string;
  deploymentConfig?: DeploymentConfig; retainInstanceCounts?: boolean; desiredWeightsAndCapacities?: WeightAndCapacity[];
};

const DEPLOY_ACTIONS: ReadonlySet<string> = new Set(["create-endpoint", "recreate-endpoint", "update-endpoint", "update-endpoint-weights-and-capacities", "wait-endpoint"]);

/** A deployment that ended badly after it started; its "Model Deployment Failed" event is already out. */
class DeploymentFailure extends ExternalError {
  constructor(message: string, status: string) {
    super("aws", undefined, message, { code: status });
  }
}

/** The facts of the deployment an endpoint step makes, for its events. */
function deploymentFacts(step: PlanStep, p: DeployParams, ctx: PlanContext, env?: PlanEnvironment): DeploymentFacts {
  const kind: DeploymentKind = step.action === "create-endpoint" ? "create" : step.action === "recreate-endpoint" ? "recreate" : step.action === "update-endpoint-weights-and-capacities" ? "weights" : "update";
  return {
    model: p.model, stage: p.stage, endpoint: p.endpoint, kind, endpointConfig: p.configName, versions: p.versions, rollback: p.rollback,
    ...(p.previousConfigName ? { previousEndpointConfig: p.previousConfigName } : {}),
    ...(p.deploymentConfig ? { trafficRouting: p.deploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.Type } : {}),
    ...(ctx.commit ? { commit: ctx.commit } : {}),
    ...(env ? { environment: { name: env.name, account: env.account, region: env.region } } : {}),
  };
}

/** The SageMaker TargetReconciler. */
export function sagemakerReconciler(deps: SageMakerReconcilerDeps): TargetReconciler {
  const clock = deps.clock ?? systemClock;
  return {
    target: "sagemaker",

    async plan(state, ctx) {
      if (!hasEnvironments(state.models)) return planGroup(state, state.models, { aws: deps.aws, ...(deps.identity ? { identity: deps.identity } : {}) }, ctx);
      // Several environments: each group is planned with its own clients; a problem in any stops the whole plan.
      const steps: PlanStep[] = [];
      const notes: string[] = [];
      const environments: PlanEnvironment[] = [];
      let where: string | undefined;
      for (const g of groupByEnvironment(state.models)) {
        if (!g.env) {
          if (!g.models.some((m) => m.deployment?.sagemaker)) continue;
          const p = await planGroup(state, g.models, { aws: deps.aws, ...(deps.identity ? { identity: deps.identity } : {}) }, ctx);
          steps.push(...p.steps);
          notes.push(...p.notes);
          where = p.where;
          continue;
        }
        const env = g.env;
        if (!deps.connect) throw new UserError(`SageMaker plan: ${g.models.map((m) => m.name).join(", ")} deploy to environment ${env.name}, but this run cannot connect to environments; nothing was read or changed`);
        const p = await planGroup(state, g.models, deps.connect(env), ctx, env);
        steps.push(...p.steps.map((st) => ({ ...st, environment: env.name })));
        notes.push(...p.notes.map((n) => `[${env.name}] ${n}`));
        environments.push({ name: env.name, account: env.account, region: env.region, ...(env.roleArn ? { roleArn: env.roleArn } : {}), ...(p.where ? { where: p.where } : {}) });
      }
      return { target: "sagemaker", steps, notes, ...(where ? { where } : {}), environments };
    },

    async apply(plan, ctx) {
      const outcomes: StepOutcome[] = [];
      let failed = false;
      for (const step of plan.steps) {
        if (failed) { outcomes.push({ step, status: "skipped" }); continue; }
        ctx.logger.info(`sagemaker: ${step.environment ? `[${step.environment}] ` : ""}${step.summary}`);
        try {
          const result = await executeStep(step, ctx, awsFor(step, plan));
          outcomes.push({ step, status: "done", ...(result ? { result } : {}) });
        } catch (err) {
          failed = true;
          const error = describeError(err);
          ctx.logger.error(`sagemaker: ${step.environment ? `[${step.environment}] ` : ""}${step.action} ${step.resource} failed: ${error}`);
          outcomes.push({ step, status: "failed", error });
          if (!(err instanceof DeploymentFailure)) await publishFailedDeployment(plan.steps, step, error, ctx, plan.environments?.find((e) => e.name === step.environment));
        }
      }
      return outcomes;
    },
  };

  /**
   * The plan of `models` in one place: where the clients point is resolved first (and checked against
   * the environment's account and region, or each model's deployment.account/region), then each
   * endpoint's live state is read through those clients and diffed. Throws UserError on a mismatch
   * or a model that cannot be planned.
   */
  async function planGroup(state: Parameters<TargetReconciler["plan"]>[0], models: typeof state.models, clients: { aws: SageMakerAws; identity?: AwsIdentity }, ctx: PlanContext, env?: AwsEnvironmentRef) {
    let where: string | undefined;
    const label = env ? `sagemaker [${env.name}]` : "sagemaker";
    if (clients.identity) {
      const location = await clients.identity.whoAmI();
      where = describeLocation(location);
      ctx.logger.info(`${label}: ${where}`);
      const wrong = env ? environmentMismatches(env, location) : locationMismatches(models, location);
      if (wrong.length) throw new UserError(`SageMaker plan: wrong AWS account or region:\n- ${wrong.join("\n- ")}`);
    }
    const remotes = await deps.dvcRemotes();
    const steps: PlanStep[] = [];
    const notes: string[] = [];
    const problems: string[] = [];
    const endpoints = new Map<string, string>();
    const desired = [];
    for (const model of [...models].sort((a, b) => a.name.localeCompare(b.name))) {
      const r = desiredSageMakerEndpoint(model, state, remotes);
      if (!r) {
        const sm = model.deployment?.sagemaker;
        if (sm) notes.push(`${model.name}: stage ${sm.stage} serves no version; endpoint ${sm.endpoint} is left as it is`);
        continue;
      }
      if (!r.ok) { problems.push(...r.problems); continue; }
      const other = endpoints.get(r.desired.endpoint);
      if (other) problems.push(`${model.name} and ${other} both deploy to endpoint ${r.desired.endpoint}${env ? ` in environment ${env.name}` : ""}`);
      endpoints.set(r.desired.endpoint, model.name);
      notes.push(...r.notes);
      desired.push(r.desired);
    }
    if (problems.length) throw new UserError(`SageMaker plan: ${problems.length} problem(s):\n- ${problems.join("\n- ")}`);
    for (const d of desired) {
      ctx.logger.debug(`reading SageMaker state of ${d.endpoint}${env ? ` in ${env.name}` : ""}`);
      const live = await readLiveSageMakerState(clients.aws, d);
      const p = diffSageMaker(d, live);
      steps.push(...p.steps.map((st) => ({ ...st, model: d.model })));
      notes.push(...p.notes);
    }
    return { target: "sagemaker" as const, steps, notes, ...(where ? { where } : {}) };
  }

  /** The clients a step runs on: its environment's (connected again from the plan), or the default ones. */
  function awsFor(step: PlanStep, plan: { environments?: PlanEnvironment[] }): { aws: SageMakerAws; env?: PlanEnvironment } {
    if (!step.environment) return { aws: deps.aws };
    const env = plan.environments?.find((e) => e.name === step.environment);
    if (!env || !deps.connect) throw new UserError(`sagemaker: step ${step.action} ${step.resource} names environment ${step.environment}, which this run cannot connect to`);
    return { aws: deps.connect(env).aws, env };
  }

  /**
   * A step failed before its deployment could finish (a model or config refused, UpdateEndpoint
   * rejected, a step after it): "Model Deployment Failed" for the deployment the plan was making, so
   * subscribers hear of every failed apply, not only those SageMaker rolled back. A plan without an
   * endpoint step for that endpoint (alarms or autoscaling only) deploys nothing and publishes nothing.
   */
  async function publishFailedDeployment(steps: PlanStep[], failedStep: PlanStep, error: string, ctx: PlanContext, env?: PlanEnvironment): Promise<void> {
    const endpoint = failedStep.params.endpoint;
    const deployStep = steps.find((s) => s.params.endpoint === endpoint && s.environment === failedStep.environment && DEPLOY_ACTIONS.has(s.action));
    if (!deployStep) return;
    const p = deployStep.params as DeployParams;
    const reason = `${failedStep.action} ${failedStep.resource} failed: ${error}`;
    await publish([deploymentFailedEvent(deploymentFacts(deployStep, p, ctx, env), clock.now(), { status: "ApplyFailed", reason: reason.length > 1024 ? `${reason.slice(0, 1021)}...` : reason })], ctx.logger);
  }

  async function publish(events: StewardEvent[], logger: Logger): Promise<void> {
    if (!deps.events || !events.length) return;
    try {
      await deps.events.publish(events);
    } catch (err) {
      // The deployment itself is done or failed already; a lost event must not change that outcome.
      logger.warn(`could not publish ${events.map((e) => e.detailType).join(", ")}: ${describeError(err)}`);
    }
  }

  function wait(aws: SageMakerAws, endpoint: string, seconds: number, logger: Logger, until: Pick<WaitOptions, "configName" | "accept"> = {}): Promise<WaitResult> {
    const timeoutSeconds = deps.maxWaitSeconds ? Math.min(deps.maxWaitSeconds, seconds) : seconds;
    return waitForEndpoint({ sagemaker: aws.sagemaker, clock, logger }, { endpoint, timeoutSeconds, pollSeconds: deps.pollSeconds ?? 30, ...until });
  }

  /** Waits until nothing is in progress on the endpoint; throws rather than stack a second update. */
  async function settle(aws: SageMakerAws, endpoint: string, seconds: number, logger: Logger): Promise<WaitResult> {
    const r = await wait(aws, endpoint, seconds, logger);
    if (r.kind === "timeout") throw new ExternalError("aws", undefined, `endpoint ${endpoint} is still ${r.status} after ${r.waitedSeconds}s; apply does not start a second update while one runs. Re-run apply when it has finished.`, { code: r.status });
    return r;
  }

  async function executeStep(step: PlanStep, ctx: PlanContext, on: { aws: SageMakerAws; env?: PlanEnvironment }): Promise<Record<string, unknown> | undefined> {
    const p = step.params;
    const { aws } = on;
    switch (step.action) {
      case "put-metric-alarm": return void (await aws.alarms.putAlarm(p.alarm as DesiredAlarm, p.tags as Record<string, string> | undefined));
      case "delete-metric-alarm": return void (await aws.alarms.deleteAlarms([p.name as string]));
      case "tag-endpoint": return void (await aws.sagemaker.addTags(p.arn as string, p.tags as Record<string, string>));
      case "create-model": return void (await aws.sagemaker.createModel(p.model as DesiredModel, p.tags as Record<string, string>));
      case "create-endpoint-config": return void (await aws.sagemaker.createEndpointConfig(p.config as DesiredEndpointConfig, p.tags as Record<string, string>));
      case "deregister-scalable-target": return void (await aws.scaling.deregisterScalableTarget(p.resourceId as string));
      case "register-scalable-target": return void (await aws.scaling.registerScalableTarget(p.scaling as DesiredScaling));
      case "put-scaling-policy": return void (await aws.scaling.putScalingPolicy(p.scaling as DesiredScaling));
      case "blocked-endpoint":
        throw new ExternalError("aws", undefined, `endpoint ${p.endpoint as string} is ${p.status as string}${p.failureReason ? `: ${p.failureReason as string}` : ""}. Fix it in SageMaker (or delete it) and re-run apply.`, { code: p.status as string });
      case "wait-endpoint":
      case "create-endpoint":
      case "recreate-endpoint":
      case "update-endpoint":
      case "update-endpoint-weights-and-capacities":
        return deploy(step, ctx, on);
      default:
        throw new UserError(`sagemaker: unknown plan step "${step.action}" (was the plan made by another version of steward?)`);
    }
  }

  async function deploy(step: PlanStep, ctx: PlanContext, on: { aws: SageMakerAws; env?: PlanEnvironment }): Promise<Record<string, unknown>> {
    const p = step.params as DeployParams;
    const { logger } = ctx;
    const { aws } = on;
    const sm = aws.sagemaker;
    const facts = deploymentFacts(step, p, ctx, on.env);
    const started = clock.now();
    let until: Pick<WaitOptions, "configName" | "accept"> = { configName: p.configName };

    if (step.action === "wait-endpoint") {
      // the deployment under way is the one wanted: only wait for it
    } else if (step.action === "create-endpoint" && !(await sm.describeEndpoint(p.endpoint))) {
      await sm.createEndpoint(p.endpoint, p.configName, p.tags);
      await publish([deploymentStartedEvent(facts, started)], logger);
    } else {
      // Created by an earlier run that stopped while waiting, or an update: never stack on a change in progress.
      const settled = await settle(aws, p.endpoint, p.waitTimeoutSeconds, logger);
      const ep = settled.kind === "missing" ? undefined : "endpoint" in settled ? settled.endpoint : undefined;
      if (step.action === "recreate-endpoint" || (step.action === "create-endpoint" && !ep)) {
        if (ep?.status === "Failed") {
          await sm.deleteEndpoint(p.endpoint);
          await waitUntilGone(aws, p.endpoint, p.waitTimeoutSeconds, logger);
        }
        await sm.createEndpoint(p.endpoint, p.configName, p.tags);
        await publish([deploymentStartedEvent(facts, started)], logger);
      } else if (step.action === "update-endpoint") {
        if (ep?.configName === p.configName) {
          logger.info(`endpoint ${p.endpoint} already serves ${p.configName}`);
          return { endpointConfig: p.configName, alreadyDone: true };
        }
        await sm.updateEndpoint(p.endpoint, p.configName, p.deploymentConfig, { retainInstanceCounts: p.retainInstanceCounts === true });
        await publish([deploymentStartedEvent(facts, started)], logger);
      } else if (step.action === "update-endpoint-weights-and-capacities") {
        const wanted = p.desiredWeightsAndCapacities ?? [];
        await sm.updateWeightsAndCapacities(p.endpoint, wanted);
        await publish([deploymentStartedEvent(facts, started)], logger);
        // The config does not change; done when SageMaker shows the requested weights and counts.
        until = { accept: (e) => wanted.every((w) => { const v = e.variants.find((x) => x.name === w.VariantName); const s = v?.desiredServerless ?? v?.currentServerless; return (w.DesiredWeight === undefined || v?.desiredWeight === w.DesiredWeight) && (w.DesiredInstanceCount === undefined || v?.desiredInstanceCount === w.DesiredInstanceCount) && (w.ServerlessUpdateConfig?.MaxConcurrency === undefined || s?.maxConcurrency === w.ServerlessUpdateConfig.MaxConcurrency); }) };
      }
    }

    const r = await wait(aws, p.endpoint, p.waitTimeoutSeconds, logger, until);
    const seconds = (clock.now().getTime() - started.getTime()) / 1000;
    if (r.kind === "in-service") {
      const events = [deploymentSucceededEvent(facts, clock.now(), seconds)];
      if (p.rollback) events.push(rolledBackEvent(facts, clock.now(), { trigger: "git", servingConfig: p.configName }));
      await publish(events, logger);
      return { endpointConfig: r.endpoint.configName, status: r.endpoint.status, seconds: Math.round(seconds) };
    }
    const failure = describeWait(r, p.endpoint);
    const events = [deploymentFailedEvent(facts, clock.now(), failure)];
    if (r.kind === "rolled-back") events.push(rolledBackEvent(facts, clock.now(), { trigger: "auto-rollback", servingConfig: r.endpoint.configName ?? "", reason: r.reason }));
    await publish(events, logger);
    throw new DeploymentFailure(failure.message, failure.status);
  }

  async function waitUntilGone(aws: SageMakerAws, endpoint: string, seconds: number, logger: Logger): Promise<void> {
    const deadline = clock.now().getTime() + seconds * 1000;
    for (;;) {
      const ep = await aws.sagemaker.describeEndpoint(endpoint);
      if (!ep) return;
      if (ep.status !== "Deleting" || clock.now().getTime() >= deadline) throw new ExternalError("aws", undefined, `endpoint ${endpoint} is ${ep.status} after DeleteEndpoint; expected it to go away`, { code: ep.status });
      logger.info(`endpoint ${endpoint}: Deleting`);
      await clock.sleep((deps.pollSeconds ?? 30) * 1000);
    }
  }
}

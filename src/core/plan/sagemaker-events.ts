/**
 * The events apply publishes about SageMaker deployments (EventBridge detail-types; each has
 * schemas/events/<kebab-case detail-type>.schema.json). Pure: time is passed in.
 */
import type { StewardEvent } from "../../ports.js";

export const DEPLOYMENT_DETAIL_TYPES = {
  started: "Model Deployment Started",
  succeeded: "Model Deployment Succeeded",
  failed: "Model Deployment Failed",
  rolledBack: "Model Rolled Back",
} as const;

/** How the deployment changes the endpoint. */
export type DeploymentKind = "create" | "update" | "weights" | "recreate";

export interface DeploymentFacts {
  model: string;
  stage: string;
  endpoint: string;
  kind: DeploymentKind;
  /** The config the endpoint moves to (for "weights": the one it keeps). */
  endpointConfig: string;
  previousEndpointConfig?: string;
  versions: { version: string; weight: number }[];
  /** Traffic routing of the blue/green update, when guarded: ALL_AT_ONCE, CANARY or LINEAR. */
  trafficRouting?: string;
  /** True when the desired state returns to an earlier, retained config (a rollback through git). */
  rollback: boolean;
  commit?: string;
  /** The environment (deployment.environments) the endpoint is in; absent for one place. */
  environment?: { name: string; account: string; region: string };
}

function base(f: DeploymentFacts): Record<string, unknown> {
  const d: Record<string, unknown> = {
    model: f.model,
    stage: f.stage,
    endpoint: f.endpoint,
    kind: f.kind,
    endpointConfig: f.endpointConfig,
    versions: f.versions.map((v) => ({ version: v.version, weight: v.weight })),
    rollback: f.rollback,
  };
  if (f.previousEndpointConfig) d.previousEndpointConfig = f.previousEndpointConfig;
  if (f.trafficRouting) d.trafficRouting = f.trafficRouting;
  if (f.commit) d.commit = f.commit;
  if (f.environment) d.environment = { name: f.environment.name, account: f.environment.account, region: f.environment.region };
  return d;
}

export function deploymentStartedEvent(f: DeploymentFacts, now: Date): StewardEvent {
  return { detailType: DEPLOYMENT_DETAIL_TYPES.started, detail: base(f), time: now };
}

export function deploymentSucceededEvent(f: DeploymentFacts, now: Date, durationSeconds: number): StewardEvent {
  return { detailType: DEPLOYMENT_DETAIL_TYPES.succeeded, detail: { ...base(f), durationSeconds: Math.round(durationSeconds) }, time: now };
}

/** `status` is the endpoint status seen last (Failed, UpdateRollbackFailed, InService after an auto-rollback, or the status at timeout). */
export function deploymentFailedEvent(f: DeploymentFacts, now: Date, failure: { status: string; reason: string }): StewardEvent {
  return { detailType: DEPLOYMENT_DETAIL_TYPES.failed, detail: { ...base(f), status: failure.status, reason: failure.reason }, time: now };
}

/**
 * "Model Rolled Back": the endpoint serves an earlier config again, either because a merged change
 * went back to an earlier version (`trigger: "git"`) or SageMaker's auto-rollback undid a deployment
 * (`trigger: "auto-rollback"`, with the reason).
 */
export function rolledBackEvent(f: DeploymentFacts, now: Date, how: { trigger: "git" | "auto-rollback"; servingConfig: string; reason?: string }): StewardEvent {
  const detail: Record<string, unknown> = {
    model: f.model,
    stage: f.stage,
    endpoint: f.endpoint,
    trigger: how.trigger,
    endpointConfig: how.servingConfig,
    versions: f.versions.map((v) => ({ version: v.version, weight: v.weight })),
  };
  // After an auto-rollback the versions now served are the previous config's, which plan did not resolve.
  if (how.trigger === "git" && f.previousEndpointConfig) detail.fromEndpointConfig = f.previousEndpointConfig;
  if (how.trigger === "auto-rollback") {
    detail.abandonedEndpointConfig = f.endpointConfig;
    detail.abandonedVersions = detail.versions;
    delete detail.versions;
  }
  if (how.reason) detail.reason = how.reason;
  if (f.commit) detail.commit = f.commit;
  if (f.environment) detail.environment = { name: f.environment.name, account: f.environment.account, region: f.environment.region };
  return { detailType: DEPLOYMENT_DETAIL_TYPES.rolledBack, detail, time: now };
}

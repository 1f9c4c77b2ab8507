/**
 * SageMaker deployment guardrails (blue/green) from a model's rollout strategy.
 * Limits from the SageMaker API: WaitIntervalInSeconds and TerminationWaitInSeconds 0..3600,
 * MaximumExecutionTimeoutInSeconds 600..28800, at most 10 rollback alarms.
 */
import type { RolloutStrategy } from "../types.js";
import type { DeploymentConfig } from "./sagemaker-types.js";

export const MAX_ROLLBACK_ALARMS = 10;
/** Time allowed for provisioning the green fleet, added to the traffic-shifting time. */
export const PROVISIONING_ALLOWANCE_SECONDS = 1800;

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(n)));

/** Number of traffic-shifting waits the strategy makes before all traffic is on the green fleet. */
export function shiftSteps(rollout: RolloutStrategy): number {
  if (rollout.strategy === "canary") return 1;
  if (rollout.strategy === "linear") return Math.ceil(100 / rollout.stepPercent);
  return 0;
}

/**
 * The DeploymentConfig of UpdateEndpoint: ALL_AT_ONCE, CANARY (CanarySize as CAPACITY_PERCENT) or
 * LINEAR (LinearStepSize), `waitMinutes` between shifts, `bakeMinutes` as the final bake before the
 * blue fleet is terminated, and the alarms that roll back (the first 10; the caller reports extras).
 */
export function deploymentConfig(rollout: RolloutStrategy, alarmNames: string[]): DeploymentConfig {
  const wait = clamp(rollout.waitMinutes * 60, 0, 3600);
  const bake = clamp(rollout.bakeMinutes * 60, 0, 3600);
  const routing: DeploymentConfig["BlueGreenUpdatePolicy"]["TrafficRoutingConfiguration"] =
    rollout.strategy === "canary"
      ? { Type: "CANARY", WaitIntervalInSeconds: wait, CanarySize: { Type: "CAPACITY_PERCENT", Value: rollout.canaryPercent } }
      : rollout.strategy === "linear"
        ? { Type: "LINEAR", WaitIntervalInSeconds: wait, LinearStepSize: { Type: "CAPACITY_PERCENT", Value: rollout.stepPercent } }
        : { Type: "ALL_AT_ONCE", WaitIntervalInSeconds: wait };
  const shifting = shiftSteps(rollout) * wait;
  const config: DeploymentConfig = {
    BlueGreenUpdatePolicy: {
      TrafficRoutingConfiguration: routing,
      TerminationWaitInSeconds: bake,
      MaximumExecutionTimeoutInSeconds: clamp(PROVISIONING_ALLOWANCE_SECONDS + shifting + bake, 600, 28800),
    },
  };
  const alarms = [...new Set(alarmNames)].slice(0, MAX_ROLLBACK_ALARMS);
  if (alarms.length) config.AutoRollbackConfiguration = { Alarms: alarms.map((AlarmName) => ({ AlarmName })) };
  return config;
}

/** Seconds apply waits for a deployment to reach InService: the execution timeout plus a margin for rollback. */
export function deploymentWaitSeconds(config: DeploymentConfig): number {
  return config.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds + 900;
}

/**
 * The SageMaker side of a model, desired (from the repository) and live (read from AWS), as plain
 * data. Field names of API-shaped values (DeploymentConfig) follow the SageMaker API so adapters
 * pass them through unchanged.
 */

export interface DesiredModel {
  name: string;
  model: string;
  version: string;
  image: string;
  modelDataUrl: string;
  executionRoleArn: string;
  environment: Record<string, string>;
}

export interface DesiredVariant {
  variantName: string;
  modelName: string;
  version: string;
  instanceType: string;
  instanceCount: number;
  /** Relative weight (the stage's percent). */
  weight: number;
}

export interface DataCapture {
  samplingPercent: number;
  destination: string;
}

export interface DesiredEndpointConfig {
  name: string;
  variants: DesiredVariant[];
  dataCapture?: DataCapture;
}

/** SageMaker's DeploymentConfig for UpdateEndpoint (blue/green with traffic routing and auto-rollback). */
export interface DeploymentConfig {
  BlueGreenUpdatePolicy: {
    TrafficRoutingConfiguration: {
      Type: "ALL_AT_ONCE" | "CANARY" | "LINEAR";
      WaitIntervalInSeconds: number;
      CanarySize?: { Type: "CAPACITY_PERCENT"; Value: number };
      LinearStepSize?: { Type: "CAPACITY_PERCENT"; Value: number };
    };
    TerminationWaitInSeconds: number;
    MaximumExecutionTimeoutInSeconds: number;
  };
  AutoRollbackConfiguration?: { Alarms: { AlarmName: string }[] };
}

/** A CloudWatch alarm apply keeps in step with a policy threshold (PutMetricAlarm is an upsert). */
export interface DesiredAlarm {
  name: string;
  description: string;
  namespace: string;
  metric: string;
  dimensions: Record<string, string>;
  /** One of Statistic (Average, Sum, ...) or ExtendedStatistic (p99, ...). */
  statistic?: string;
  extendedStatistic?: string;
  /** Seconds: 10, 30 or a multiple of 60. */
  period: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparison: "LessThanThreshold" | "GreaterThanThreshold";
  treatMissingData: "notBreaching";
}

/** Application Auto Scaling of one variant: scalable target and target-tracking policy. */
export interface DesiredScaling {
  /** `endpoint/<endpoint>/variant/<variant>` */
  resourceId: string;
  variantName: string;
  min: number;
  max: number;
  policyName: string;
  targetInvocationsPerInstance: number;
  scaleInCooldown?: number;
  scaleOutCooldown?: number;
}

export interface DesiredEndpoint {
  model: string;
  stage: string;
  endpoint: string;
  models: DesiredModel[];
  config: DesiredEndpointConfig;
  deployment: DeploymentConfig;
  /** Upper bound for one deployment, seconds: how long apply waits for InService. */
  waitTimeoutSeconds: number;
  alarms: DesiredAlarm[];
  scaling: DesiredScaling[];
  retain: number;
  tags: Record<string, string>;
}

export type EndpointStatus =
  | "OutOfService" | "Creating" | "Updating" | "SystemUpdating" | "RollingBack"
  | "InService" | "Deleting" | "Failed" | "UpdateRollbackFailed";

export interface LiveVariant {
  name: string;
  currentWeight?: number;
  desiredWeight?: number;
  currentInstanceCount?: number;
  desiredInstanceCount?: number;
}

export interface LiveEndpoint {
  name: string;
  status: EndpointStatus;
  configName?: string;
  failureReason?: string;
  variants: LiveVariant[];
  /** The config a deployment in progress moves to. */
  pendingConfigName?: string;
}

export interface LiveConfigVariant {
  name: string;
  modelName: string;
  instanceType?: string;
  initialInstanceCount?: number;
  initialWeight?: number;
}

export interface LiveEndpointConfig {
  name: string;
  variants: LiveConfigVariant[];
  dataCapture?: DataCapture & { enabled: boolean };
}

export interface LiveAlarm extends Omit<DesiredAlarm, "comparison" | "treatMissingData" | "description"> {
  description?: string;
  comparison: string;
  treatMissingData?: string;
}

export interface LiveScalableTarget {
  resourceId: string;
  min: number;
  max: number;
}

export interface LiveScalingPolicy {
  resourceId: string;
  policyName: string;
  targetValue?: number;
  predefinedMetricType?: string;
  scaleInCooldown?: number;
  scaleOutCooldown?: number;
}

/** A resource this endpoint owns (its name starts with the endpoint's or model's prefix). */
export interface OwnedResource {
  name: string;
  createdAt?: Date;
}

/** Everything plan reads from AWS for one desired endpoint. */
export interface LiveSageMakerState {
  endpoint?: LiveEndpoint;
  /** The config the endpoint serves (DescribeEndpointConfig of endpoint.configName). */
  currentConfig?: LiveEndpointConfig;
  /** Which of the desired models already exist. */
  existingModels: string[];
  /** Whether the desired endpoint config already exists. */
  desiredConfigExists: boolean;
  alarms: LiveAlarm[];
  scalableTargets: LiveScalableTarget[];
  scalingPolicies: LiveScalingPolicy[];
  /** Endpoint configs named with this endpoint's prefix, for the retention list. */
  ownedConfigs: OwnedResource[];
  /** Models named with this model's prefix, for the retention list. */
  ownedModels: OwnedResource[];
}

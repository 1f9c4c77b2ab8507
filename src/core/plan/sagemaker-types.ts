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
  /** CreateModel VpcConfig: the model's containers run in these subnets with these security groups. */
  vpc?: VpcConfig;
}

export interface VpcConfig {
  subnets: string[];
  securityGroupIds: string[];
}

/** ProductionVariantServerlessConfig; a serverless variant has no instance type or count. */
export interface ServerlessConfig {
  memoryMB: number;
  maxConcurrency: number;
  provisionedConcurrency?: number;
}

/** AsyncInferenceConfig of an endpoint config. */
export interface AsyncInference {
  outputPath: string;
  failurePath?: string;
  successTopic?: string;
  errorTopic?: string;
  /** KMS key of the output (AsyncInferenceConfig.OutputConfig.KmsKeyId). */
  kmsKeyId?: string;
  maxConcurrentInvocationsPerInstance?: number;
}

export interface DesiredVariant {
  variantName: string;
  modelName: string;
  version: string;
  /** Absent for a serverless variant. */
  instanceType?: string;
  instanceCount?: number;
  /** Relative weight (the stage's percent). */
  weight: number;
  volumeSizeGB?: number;
  modelDataDownloadTimeoutSeconds?: number;
  containerStartupHealthCheckTimeoutSeconds?: number;
  serverless?: ServerlessConfig;
}

export interface DataCapture {
  samplingPercent: number;
  destination: string;
  /** KMS key of the captured data in S3 (DataCaptureConfig.KmsKeyId). */
  kmsKeyId?: string;
}

export interface DesiredEndpointConfig {
  name: string;
  variants: DesiredVariant[];
  dataCapture?: DataCapture;
  /** KMS key of the ML storage volume (EndpointConfig KmsKeyId). */
  kmsKeyId?: string;
  asyncInference?: AsyncInference;
}

/** One entry of UpdateEndpointWeightsAndCapacities (API field names). */
export interface WeightAndCapacity {
  VariantName: string;
  DesiredWeight?: number;
  DesiredInstanceCount?: number;
  ServerlessUpdateConfig?: { MaxConcurrency?: number; ProvisionedConcurrency?: number };
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
  /** SNS topic ARNs notified on entering ALARM, OK and INSUFFICIENT_DATA (the policy's `alarms.actions`). */
  alarmActions: string[];
  okActions: string[];
  insufficientDataActions: string[];
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
  /** Tags of every resource apply creates: the model's own tags and `steward:*`. */
  tags: Record<string, string>;
  /** A serverless endpoint: no guardrails (SageMaker does not offer them), concurrency instead of instances. */
  serverless?: boolean;
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
  /** Serverless variants: the concurrency in effect and the one being moved to. */
  currentServerless?: { maxConcurrency?: number; provisionedConcurrency?: number };
  desiredServerless?: { maxConcurrency?: number; provisionedConcurrency?: number };
}

export interface LiveEndpoint {
  name: string;
  /** EndpointArn, for ListTags/AddTags. */
  arn?: string;
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
  volumeSizeGB?: number;
  modelDataDownloadTimeoutSeconds?: number;
  containerStartupHealthCheckTimeoutSeconds?: number;
  serverless?: ServerlessConfig;
}

export interface LiveEndpointConfig {
  name: string;
  variants: LiveConfigVariant[];
  /** Read as AWS means it: `enabled` only when EnableCapture is true (an empty or disabled config is off). */
  dataCapture?: DataCapture & { enabled: boolean };
  kmsKeyId?: string;
  asyncInference?: AsyncInference;
}

export interface LiveAlarm extends Omit<DesiredAlarm, "comparison" | "treatMissingData" | "description"> {
  /** AlarmArn, for ListTagsForResource. */
  arn?: string;
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
  /** Tags of the existing endpoint (ListTags); undefined when there is no endpoint or they were not read. */
  endpointTags?: Record<string, string>;
  /**
   * Alarms named with this endpoint's alarm prefix (`steward-<endpoint>-`) that no desired alarm
   * names, with their tags: the alarms of a series no check watches any more (the endpoint-wide
   * alarm of an endpoint that became a split, a variant that left it). Deleted when this
   * repository made them (src/core/plan/sagemaker-alarms.ts `isOwnedAlarm`); undefined when not read.
   */
  strayAlarms?: (LiveAlarm & { tags: Record<string, string> })[];
}

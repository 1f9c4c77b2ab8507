/**
 * What the SageMaker reconciler needs from AWS, as interfaces (no SDK types). Implemented by
 * src/adapters/aws/{sagemaker-endpoints,cloudwatch-alarms,autoscaling-variants}.ts.
 * (These belong in src/ports.ts; they live here until the lead moves them.)
 * Every method throws ExternalError("aws", ...) on failure; "not found" is a value, not an error.
 */
import type {
  DeploymentConfig, DesiredAlarm, DesiredEndpointConfig, DesiredModel, DesiredScaling,
  LiveAlarm, LiveEndpoint, LiveEndpointConfig, LiveScalableTarget, LiveScalingPolicy, OwnedResource,
} from "./sagemaker-types.js";

export interface SageMakerEndpoints {
  /** The endpoint, or undefined when it does not exist. */
  describeEndpoint(name: string): Promise<LiveEndpoint | undefined>;
  /** The endpoint config, or undefined when it does not exist. */
  describeEndpointConfig(name: string): Promise<LiveEndpointConfig | undefined>;
  modelExists(name: string): Promise<boolean>;
  /** Every endpoint config whose name contains `text` (all pages). */
  listEndpointConfigs(text: string): Promise<OwnedResource[]>;
  /** Every model whose name contains `text` (all pages). */
  listModels(text: string): Promise<OwnedResource[]>;
  /** Creates the model; resolves (does nothing) when a model of that name already exists. */
  createModel(model: DesiredModel, tags: Record<string, string>): Promise<void>;
  /** Creates the config; resolves when a config of that name already exists (names are content hashes). */
  createEndpointConfig(config: DesiredEndpointConfig, tags: Record<string, string>): Promise<void>;
  createEndpoint(name: string, configName: string, tags: Record<string, string>): Promise<void>;
  /**
   * UpdateEndpoint. `retainInstanceCounts` keeps each variant's live instance count (set by autoscaling)
   * and takes the weights from the new config (RetainAllVariantProperties, except DesiredWeight).
   */
  updateEndpoint(name: string, configName: string, deployment?: DeploymentConfig, options?: { retainInstanceCounts?: boolean }): Promise<void>;
  updateWeightsAndCapacities(name: string, variants: { VariantName: string; DesiredWeight?: number; DesiredInstanceCount?: number }[]): Promise<void>;
  deleteEndpoint(name: string): Promise<void>;
}

export interface AlarmStore {
  /** The alarms of these names that exist (missing names are left out). */
  describeAlarms(names: string[]): Promise<LiveAlarm[]>;
  /** Creates or replaces the alarm (PutMetricAlarm). */
  putAlarm(alarm: DesiredAlarm): Promise<void>;
}

export interface VariantScaling {
  /** Scalable targets and policies of these `endpoint/<e>/variant/<v>` resource ids. */
  describe(resourceIds: string[]): Promise<{ targets: LiveScalableTarget[]; policies: LiveScalingPolicy[] }>;
  registerScalableTarget(scaling: DesiredScaling): Promise<void>;
  putScalingPolicy(scaling: DesiredScaling): Promise<void>;
  /** Removes the target and its policies; resolves when it is not registered. */
  deregisterScalableTarget(resourceId: string): Promise<void>;
}

/** All of AWS the SageMaker reconciler talks to. */
export interface SageMakerAws {
  sagemaker: SageMakerEndpoints;
  alarms: AlarmStore;
  scaling: VariantScaling;
}

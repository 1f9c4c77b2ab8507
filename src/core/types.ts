/**
 * The desired state, as the YAML kinds describe it (see schemas/*.schema.json, which are the truth),
 * after normalization: defaults filled in, stage shorthands expanded, every value typed.
 * Every spec carries the repository-relative `file` it came from, so findings can point at it.
 */

export const API_VERSION = "steward/v1";

/** One variant of a stage: a version and its share of traffic, in percent (weights of a stage sum to 100). */
export interface StageVariant {
  version: string;
  weight: number;
}

/** What a stage serves: one version (a single variant of weight 100) or a weighted split (canary, A/B). */
export interface StageAssignment {
  variants: StageVariant[];
}

/** A pointer to data tracked by DVC: a `.dvc` file in the repository, or the same facts inline. */
export type DvcRef =
  | { kind: "file"; dvc: string }
  | { kind: "inline"; md5: string; size?: number; nfiles?: number; path: string; remote?: string };

export interface ModelCardText {
  intendedUse?: string;
  outOfScope?: string;
  limitations?: string;
  ethicalConsiderations?: string;
  caveats?: string;
}

export interface MlflowRegistryRef {
  /** The registered model's name in MLflow. */
  name: string;
  /** Alias name per stage; defaults to the stage's own name. */
  aliases: Record<string, string>;
  /** False when model.yaml says `aliases: false`: no alias is set for this model (legacy stages only). */
  manageAliases: boolean;
  /** Also apply legacy stage transitions (Staging/Production/Archived). */
  legacyStages: boolean;
}

export type RolloutStrategy =
  | { strategy: "all-at-once"; waitMinutes: number; bakeMinutes: number }
  | { strategy: "canary"; canaryPercent: number; waitMinutes: number; bakeMinutes: number }
  | { strategy: "linear"; stepPercent: number; waitMinutes: number; bakeMinutes: number };

export interface Autoscaling {
  min: number;
  max: number;
  targetInvocationsPerInstance: number;
  scaleInCooldownSeconds?: number;
  scaleOutCooldownSeconds?: number;
}

export interface SageMakerDeployment {
  endpoint: string;
  /** Which stage this endpoint serves; default "production". */
  stage: string;
  executionRoleArn: string;
  /** Instance-backed endpoints; absent (with instanceCount) when `serverless` is set. */
  instanceType?: string;
  instanceCount?: number;
  autoscaling?: Autoscaling;
  dataCapture?: { enabled: boolean; samplingPercent: number; destination: string };
  environment: Record<string, string>;
  /** CreateModel VpcConfig. */
  vpc?: { subnets: string[]; securityGroupIds: string[] };
  /** KMS keys: the ML storage volume (EndpointConfig KmsKeyId) and outputs (async output, data capture). */
  kms?: { volumeKeyId?: string; outputKeyId?: string };
  volumeSizeGB?: number;
  modelDataDownloadTimeoutSeconds?: number;
  containerStartupHealthCheckTimeoutSeconds?: number;
  serverless?: { memoryMB: number; maxConcurrency: number; provisionedConcurrency?: number };
  asyncInference?: {
    outputPath: string;
    failurePath?: string;
    successTopic?: string;
    errorTopic?: string;
    maxConcurrentInvocationsPerInstance?: number;
  };
  rollout: RolloutStrategy;
  /** Names of extra CloudWatch alarms that roll a deployment back (besides those apply creates from thresholds). */
  rollbackAlarms: string[];
  /** How many superseded models/configs to keep listed before they are proposed for clean-up. */
  retain: number;
}

export interface MetricQuery {
  namespace: string;
  metric: string;
  dimensions: Record<string, string>;
  /** CloudWatch statistic: Average, Sum, Minimum, Maximum, SampleCount or a percentile like p99. */
  stat: string;
  /** Seconds; defaults to the model's monitoring period. */
  period?: number;
  unit?: string;
  /** Statistics over a healthy period (`steward baseline`); absent until computed. */
  reference?: ReferenceStats;
}

/** A metric's reference statistics over a healthy period (monitoring.metrics.<m>.reference). */
export interface ReferenceStats {
  mean: number;
  /** Sample standard deviation. */
  std: number;
  p50: number;
  p95: number;
  /** The healthy period's length, as written (e.g. "14d"). */
  window: string;
  since?: string;
  until?: string;
  points?: number;
  /** ISO time the statistics were computed. */
  computedAt: string;
}

export interface MonitoringSpec {
  /** Look-back window in seconds. */
  window: number;
  /** Default period in seconds. */
  period: number;
  metrics: Record<string, MetricQuery>;
}

/** One environment a model is deployed to (deployment.environments): plan/apply/monitor assume `roleArn` there. */
export interface DeploymentEnvironment {
  name: string;
  /** 12 digits; the assumed identity must be in it. */
  account: string;
  region: string;
  /** Assumed with STS AssumeRole; without it, the default credentials in `region`. */
  roleArn?: string;
}

export interface ModelSpec {
  file: string;
  dir: string;
  name: string;
  description: string;
  owners: string[];
  task: string;
  policy: string;
  card: ModelCardText;
  registry?: { mlflow?: MlflowRegistryRef };
  stages: Record<string, StageAssignment>;
  /**
   * `account`/`region`: where the deployment must land; plan and apply refuse any other.
   * `environments`: the same deployment in several accounts/regions, each through its own role.
   */
  deployment?: { sagemaker?: SageMakerDeployment; account?: string; region?: string; environments?: DeploymentEnvironment[] };
  monitoring?: MonitoringSpec;
  tags: Record<string, string>;
}

export interface ModelVersionSpec {
  file: string;
  model: string;
  version: string;
  archived: boolean;
  /** `artifactPath`: the model's path inside the run's artifacts (`runs:/<runId>/<artifactPath>`); absent means "model". */
  mlflow?: { runId: string; modelVersion?: string; artifactPath?: string };
  /** The model's files as a DVC pointer; absent only for a version with `mlflow` (MLflow holds its files). */
  artifact?: DvcRef;
  image?: string;
  framework?: { name: string; version?: string };
  metrics: Record<string, number>;
  data: Record<string, DvcRef>;
  lineage: { parent?: string; commit?: string };
  notes?: string;
  environment: Record<string, string>;
  tags: Record<string, string>;
  createdAt?: string;
  /** The request format and feature order, for parsing captured requests. */
  input?: { format: "csv" | "json"; features: string[]; prediction?: string };
}

export interface MetricBound {
  min?: number;
  max?: number;
}

export interface StageGate {
  /** Seconds the version must have spent in the previous stage of the order. */
  minTimeInPreviousStage?: number;
  approvals?: number;
  metrics: Record<string, MetricBound>;
}

/** A detector as the policy names it, with its parameters (interpreted by src/core/detect). */
export interface DetectorRef {
  name: string;
  params: Record<string, unknown>;
}

export type Severity = "info" | "warning" | "critical";

export interface MonitoringCheck {
  /** Stable id of the check: `name` if given, else the metric name (a multi-metric check must be named). */
  id: string;
  /** The check's first metric: the only one of a single-metric check; the evidence of a multi-metric one. */
  metric: string;
  /**
   * Every metric the check reads, in policy order: `[metric]` for a single-metric check, 2 or more for
   * one scored by multivariate detectors (src/core/detect/evaluate-multi-check.ts).
   */
  metrics: string[];
  detectors: DetectorRef[];
  /** Absolute bounds on `metric`; always empty for a multi-metric check. */
  threshold: MetricBound;
  /** Consecutive anomalous points needed before a finding is raised. */
  sustained: number;
  severity: Severity;
  /** Compare the variants of a weighted split with each other (always false for a multi-metric check). */
  compareVariants: boolean;
}

/** True when the check scores several metrics together (`metrics` in the policy). */
export function isMultiMetric(check: Pick<MonitoringCheck, "metrics">): boolean {
  return check.metrics.length > 1;
}

export type RemediationAction = "issue" | "rollback-pr" | "scale-pr" | "event" | "end-split-pr" | "complete-split-pr";

export interface RemediationRule {
  when: { severity?: Severity; kind?: string; metric?: string; sustained?: number };
  do: RemediationAction[];
}

export interface DriftSpec {
  /** A baseline sample kept in the repository as a DVC pointer or a CSV path. */
  baseline?: DvcRef;
  tests: string[];
  thresholds: Record<string, number>;
  /** Severity of the monitor's drift finding; default "warning". */
  severity: Severity;
}

export interface PolicySpec {
  file: string;
  name: string;
  description?: string;
  promotion: {
    order: string[];
    allowSkip: boolean;
    gates: Record<string, StageGate>;
  };
  monitoring: {
    checks: MonitoringCheck[];
    /** Seconds a metric must be healthy before an incident is closed. */
    recovery: number;
    /** Seconds the newest datapoint of a series may be old before the check is stale; default 2 periods + the metric's known delay. */
    freshness?: number;
    drift?: DriftSpec;
  };
  remediation: {
    rules: RemediationRule[];
    cooldown: number;
    escalation?: { after: number; mention: string[] };
    scale?: { step: number; maxInstances: number };
  };
  /** SNS topics the CloudWatch alarms apply keeps notify, per state (`alarms.actions` in the policy). */
  alarms?: { actions: { alarm: string[]; ok: string[]; insufficientData: string[] } };
}

/** The whole desired state of a governed repository. */
export interface RepoState {
  models: ModelSpec[];
  versions: ModelVersionSpec[];
  policies: PolicySpec[];
  /** Parsed `.dvc` pointer files, by repository-relative path. */
  pointers: Map<string, DvcPointer>;
}

/** One output of a `.dvc` file (DVC's `outs` entry). */
export interface DvcOut {
  md5: string;
  size?: number;
  nfiles?: number;
  path: string;
  hash?: string;
  remote?: string;
  /** True when md5 ends in `.dir`: the pointer names a folder listing. */
  isDir: boolean;
}

export interface DvcPointer {
  file: string;
  outs: DvcOut[];
}

interface VersionIndex {
  size: number;
  byKey: Map<string, ModelVersionSpec>;
  byModel: Map<string, ModelVersionSpec[]>;
}

// Lookups by model and version are on every hot path (rules, plans, monitor); index each versions
// array once. The index is rebuilt if the array grows, so appending stays correct.
const indexes = new WeakMap<ModelVersionSpec[], VersionIndex>();

function indexOf(versions: ModelVersionSpec[]): VersionIndex {
  let idx = indexes.get(versions);
  if (!idx || idx.size !== versions.length) {
    idx = { size: versions.length, byKey: new Map(), byModel: new Map() };
    for (const v of versions) {
      if (!idx.byKey.has(`${v.model}\u0000${v.version}`)) idx.byKey.set(`${v.model}\u0000${v.version}`, v);
      const list = idx.byModel.get(v.model);
      if (list) list.push(v);
      else idx.byModel.set(v.model, [v]);
    }
    indexes.set(versions, idx);
  }
  return idx;
}

/** The versions of one model, in the order of `state.versions`. */
export function versionsOf(state: Pick<RepoState, "versions">, model: string): ModelVersionSpec[] {
  return indexOf(state.versions).byModel.get(model) ?? [];
}

/** The version spec, or undefined. */
export function findVersion(state: Pick<RepoState, "versions">, model: string, version: string): ModelVersionSpec | undefined {
  return indexOf(state.versions).byKey.get(`${model}\u0000${version}`);
}

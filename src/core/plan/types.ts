/**
 * The plan format shared by every target of `steward plan` / `steward apply`.
 * A target (MLflow, SageMaker) reads live state, diffs it against the repository with a pure
 * function, and returns steps; apply executes the same steps in order.
 */

export type Target = "mlflow" | "sagemaker" | "cloudwatch";

/** In apply order: the cloudwatch dashboards list the alarms the sagemaker target creates. */
export const TARGETS: readonly Target[] = ["mlflow", "sagemaker", "cloudwatch"];

export interface PlanStep {
  target: Target;
  /** What is done, e.g. "create-registered-model", "set-alias", "update-endpoint". */
  action: string;
  /** What it is done to, e.g. "fraud-detection@production", "endpoint/fraud-detection-prod". */
  resource: string;
  /** One line for a person: what changes and why. */
  summary: string;
  /** `from -> to` of the changed fields, for the readable diff. */
  changes?: { field: string; from?: unknown; to?: unknown }[];
  /** Everything the executor needs; JSON-serializable. */
  params: Record<string, unknown>;
  /** The repository's model the step is for, when it is one model's (grouping in the PR comment). */
  model?: string;
  /** The environment (deployment.environments) the step runs in; absent: where the credentials point. */
  environment?: string;
  /**
   * The step only writes model-steward's own records (MLflow `steward.*` tags: the version label,
   * owners, the aliases it manages, lineage, split weights): nothing that serves or loads a model
   * changes. Apply runs it like any step; plans count it apart from changes, so adopting a registry
   * someone else built reads "no changes" while the first apply still records what steward needs.
   */
  bookkeeping?: true;
}

/** The steps that change something (not bookkeeping only). */
export const realChanges = (steps: readonly PlanStep[]): PlanStep[] => steps.filter((s) => !s.bookkeeping);

/** An environment a target's steps run in, and where its credentials resolved. */
export interface PlanEnvironment {
  name: string;
  account: string;
  region: string;
  roleArn?: string;
  /** e.g. "AWS account 123456789012, region eu-west-1 (as arn:...)"; absent when not resolved (offline). */
  where?: string;
}

export interface TargetPlan {
  target: Target;
  steps: PlanStep[];
  /** Observations that change nothing: drift, extra versions MLflow has, clean-up candidates. */
  notes: string[];
  /**
   * Problems that make the plan wrong to apply (e.g. a stage names a version whose run failed):
   * the target is reported failed, exit 1, and apply runs none of its steps.
   */
  errors?: string[];
  /** Where the target's changes land, e.g. "AWS account 123456789012, region us-east-1"; printed first. */
  where?: string;
  /**
   * The environments of deployment.environments the steps run in, in plan order; steps name theirs
   * (`PlanStep.environment`), steps without one land at `where`.
   */
  environments?: PlanEnvironment[];
}

export interface StepOutcome {
  step: PlanStep;
  status: "done" | "failed" | "skipped";
  /** Facts learned while applying (e.g. the MLflow version number assigned). */
  result?: Record<string, unknown>;
  error?: string;
}

/**
 * What `steward register` needs from one MLflow run, already out of MLflow's wire format (the
 * entrypoint maps the REST answer into this shape; the core never sees HTTP).
 */
export interface RunFacts {
  runId: string;
  /** RUNNING | SCHEDULED | FINISHED | FAILED | KILLED, when MLflow says. */
  status?: string;
  /** active | deleted, when MLflow says. */
  lifecycleStage?: string;
  /** Epoch milliseconds when the run started; undefined when MLflow did not record it. */
  startTime?: number;
  /** Where MLflow keeps the run's artifacts (s3://..., file:...), if known. */
  artifactUri?: string;
  /** Latest value of each metric. */
  metrics: Record<string, number>;
  params: Record<string, string>;
  tags: Record<string, string>;
}

/** Read access to MLflow runs. */
export interface RunSource {
  /** The run, or undefined when MLflow has no such run. Other failures throw ExternalError("mlflow"). */
  getRun(runId: string): Promise<RunFacts | undefined>;
}

/** Run tags that override what a new version copies from the newest existing one (see docs/register-promote.md). */
export const RUN_TAGS = {
  gitCommit: "mlflow.source.git.commit",
  note: "mlflow.note.content",
  image: "steward.image",
  frameworkName: "steward.framework.name",
  frameworkVersion: "steward.framework.version",
  artifactDvc: "steward.artifact.dvc",
} as const;

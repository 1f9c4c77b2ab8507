/**
 * The live MLflow model registry as the MLflow reconciler sees it: a snapshot read through the
 * ModelRegistry port before planning. Plain data; the diff in mlflow-diff.ts compares it with the
 * repository.
 */

export interface LiveModelVersion {
  /** MLflow's version number, a decimal string ("12"). */
  version: string;
  runId?: string;
  source?: string;
  /** Legacy stage: "None" | "Staging" | "Production" | "Archived". */
  stage: string;
  description: string;
  tags: Record<string, string>;
}

export interface LiveRegisteredModel {
  name: string;
  description: string;
  tags: Record<string, string>;
  /** Alias -> version number. */
  aliases: Record<string, string>;
  /** Every version, any order. */
  versions: LiveModelVersion[];
}

export interface LiveRegistry {
  /** By registered-model name; a name that is absent (or undefined) does not exist in MLflow. */
  models: Record<string, LiveRegisteredModel | undefined>;
  /**
   * The runs new versions would be registered from, by run id. MLflow registers a version of a run
   * that does not exist, failed or was deleted, so the reconciler reads each run first; unread runs are absent.
   */
  runs?: Record<string, LiveRun>;
}

/** What MLflow says about one run: whether it exists, its status and lifecycle, and its artifacts. */
export interface LiveRun {
  exists: boolean;
  /** RUNNING | SCHEDULED | FINISHED | FAILED | KILLED. */
  status?: string;
  /** active | deleted. */
  lifecycleStage?: string;
  /** Where the run's artifacts live (e.g. s3://bucket/1/<run>/artifacts, mlflow-artifacts:/…). */
  artifactUri?: string;
  /** For each artifact path asked about (e.g. "model"), whether the run has it. */
  artifactPaths?: Record<string, boolean>;
  /** Why the artifacts could not be listed (the check was skipped, and the plan says so). */
  artifactCheckError?: string;
}

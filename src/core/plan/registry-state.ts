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
   * Whether MLflow has each run a new version would be registered from (false: it does not). MLflow
   * accepts a version whose run does not exist, so the reconciler checks first; unchecked runs are absent.
   */
  runs?: Record<string, boolean>;
}

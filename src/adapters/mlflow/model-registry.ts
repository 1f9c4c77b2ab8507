/**
 * The ModelRegistry port: what the MLflow reconciler needs from a model registry. Implemented over
 * MLflow's REST API by mlflow-model-registry.ts. (Candidate for src/ports.ts.)
 */
import type { LiveModelVersion, LiveRegistry } from "../../core/plan/registry-state.js";

export type LegacyStageName = "None" | "Staging" | "Production" | "Archived";

export interface ModelRegistry {
  /** Where the registry lives, for messages (e.g. the tracking URI). */
  readonly location: string;
  /** The live state of the named registered models, with all their versions and aliases; missing models are absent. */
  snapshot(names: string[]): Promise<LiveRegistry>;
  /** Whether each run exists (MLflow registers versions of runs that do not), by run id. */
  runsExist(runIds: string[]): Promise<Record<string, boolean>>;
  createRegisteredModel(input: { name: string; description: string; tags: Record<string, string> }): Promise<void>;
  updateRegisteredModel(input: { name: string; description: string }): Promise<void>;
  setRegisteredModelTag(input: { name: string; key: string; value: string }): Promise<void>;
  /**
   * Registers a version and returns it with the number MLflow assigned. Safe to call again after an
   * unclear failure: when `tags["steward.version"]` is set, an existing version carrying it is returned
   * instead of registering twice.
   */
  createModelVersion(input: { name: string; source: string; runId?: string; description?: string; tags: Record<string, string> }): Promise<LiveModelVersion>;
  updateModelVersion(input: { name: string; version: string; description: string }): Promise<void>;
  setModelVersionTag(input: { name: string; version: string; key: string; value: string }): Promise<void>;
  deleteModelVersionTag(input: { name: string; version: string; key: string }): Promise<void>;
  setAlias(input: { name: string; alias: string; version: string }): Promise<void>;
  /** Succeeds when the alias is already gone. */
  deleteAlias(input: { name: string; alias: string }): Promise<void>;
  transitionStage(input: { name: string; version: string; stage: LegacyStageName }): Promise<void>;
}

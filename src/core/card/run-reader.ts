/** What the card needs from one MLflow run. */
export interface RunData {
  runId: string;
  experimentId: string;
  status?: string;
  artifactUri?: string;
  /** Latest value of each metric. */
  metrics: Record<string, number>;
  params: Record<string, string>;
  tags: Record<string, string>;
  /** A link to the run in the MLflow UI. */
  url: string;
}

/** Read access to MLflow runs, as the card needs it. Implemented over the MLflow REST client. */
export interface RunReader {
  /** The run, or undefined when MLflow does not know it. Throws ExternalError("mlflow") on other failures. */
  getRun(runId: string): Promise<RunData | undefined>;
  /**
   * The run a registered model version was created from (`runId` undefined when it names none), or
   * undefined when the registry has no such version. Throws ExternalError("mlflow") on other failures.
   */
  getModelVersionRun(name: string, version: string): Promise<{ runId?: string; stage?: string } | undefined>;
}

/** What reading one version's run gave: the run, "missing" (MLflow has no such run), or an error message. */
export type RunLookup = { kind: "found"; run: RunData } | { kind: "missing" } | { kind: "error"; message: string };

/** What reading one registered model version gave. */
export type RegistryLookup = { kind: "found"; runId?: string; /** MLflow's legacy stage (None, Staging, Production, Archived). */ stage?: string } | { kind: "missing" } | { kind: "error"; message: string };

/** What the card knows from MLflow: runs by run id, registry versions by the model's version name. */
export interface MlflowFacts {
  runs: Map<string, RunLookup>;
  registry: Map<string, RegistryLookup>;
  /** The registered model's name, as the registry lookups used it. */
  registeredModel?: string;
  /** True when the model asks steward to write legacy stages; otherwise a Staging/Production stage was set by another tool. */
  legacyStages?: boolean;
}

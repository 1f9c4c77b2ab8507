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
}

/** What reading one version's run gave: the run, "missing" (MLflow has no such run), or an error message. */
export type RunLookup = { kind: "found"; run: RunData } | { kind: "missing" } | { kind: "error"; message: string };

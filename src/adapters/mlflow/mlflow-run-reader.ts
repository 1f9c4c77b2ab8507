import type { RunData, RunReader } from "../../core/card/run-reader.js";
import type { MlflowClient } from "./mlflow-client.js";
import { metricValue, tagsToRecord } from "./mlflow-wire.js";

/**
 * RunReader over the MLflow REST client. `uiUrl` is the tracking server's base URL, used for links
 * to runs (`<uiUrl>/#/experiments/<experiment>/runs/<run>`).
 */
export function mlflowRunReader(client: Pick<MlflowClient, "getRun" | "getModelVersion">, uiUrl: string): RunReader {
  const base = uiUrl.replace(/\/+$/, "");
  return {
    async getRun(runId): Promise<RunData | undefined> {
      const run = await client.getRun(runId);
      if (!run) return undefined;
      const id = run.info.run_id ?? run.info.run_uuid ?? runId;
      const metrics: Record<string, number> = {};
      for (const m of run.data.metrics ?? []) metrics[m.key] = metricValue(m.value);
      return {
        runId: id,
        experimentId: run.info.experiment_id,
        ...(run.info.status ? { status: run.info.status } : {}),
        ...(run.info.artifact_uri ? { artifactUri: run.info.artifact_uri } : {}),
        metrics,
        params: tagsToRecord(run.data.params),
        tags: tagsToRecord(run.data.tags),
        url: `${base}/#/experiments/${encodeURIComponent(run.info.experiment_id)}/runs/${encodeURIComponent(id)}`,
      };
    },
    async getModelVersionRun(name, version) {
      const mv = await client.getModelVersion(name, version);
      if (!mv) return undefined;
      return { ...(mv.run_id ? { runId: mv.run_id } : {}), ...(mv.current_stage ? { stage: mv.current_stage } : {}) };
    },
  };
}

/** RegistryCatalog over MLflow's REST API: registered-models/search, every page. */
import type { RegistryCatalog } from "../../ports.js";
import type { MlflowClient } from "./mlflow-client.js";

/** Lists every registered model's name (MLflow caps a page at 1000 and sends a token for the next). */
export function mlflowRegistryCatalog(client: MlflowClient, opts: { pageSize?: number } = {}): RegistryCatalog {
  return {
    async registeredModels() {
      const found = await client.searchRegisteredModels({ maxResults: opts.pageSize ?? 1000 });
      return found.map((m) => m.name);
    },
  };
}

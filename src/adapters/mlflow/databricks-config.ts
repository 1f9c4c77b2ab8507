import { UserError } from "../../core/errors.js";
import type { MlflowConfig, MlflowConfigSources } from "./mlflow-config.js";

/**
 * A Databricks workspace as MLflow's client finds it: `databricks` uses DATABRICKS_HOST and
 * DATABRICKS_TOKEN (or the DEFAULT profile of ~/.databrickscfg); `databricks://<profile>` uses that
 * profile of the config file (DATABRICKS_CONFIG_FILE overrides its path). MLFLOW_REGISTRY_URI
 * `databricks-uc` (or `databricks-uc://<profile>`) makes the registry Unity Catalog. Only token
 * authentication is supported (personal access tokens or service-principal tokens).
 */
export function databricksConfig(trackingUri: string, registryUri: string | undefined, get: (k: string) => string | undefined, sources: MlflowConfigSources): MlflowConfig {
  if (/^databricks-uc/i.test(trackingUri)) throw new UserError("MLFLOW_TRACKING_URI is databricks or databricks://<profile>; Unity Catalog is chosen with MLFLOW_REGISTRY_URI=databricks-uc");
  const profile = profileOf(trackingUri);
  const unityCatalog = !!registryUri && /^databricks-uc(:\/\/|$)/i.test(registryUri);
  if (registryUri && !unityCatalog && !/^databricks(:\/\/|$)/i.test(registryUri)) {
    throw new UserError(`MLFLOW_REGISTRY_URI "${registryUri}" is not supported with a Databricks tracking URI (use databricks or databricks-uc)`);
  }
  let host: string | undefined;
  let token: string | undefined;
  if (!profile) {
    host = get("DATABRICKS_HOST");
    token = get("DATABRICKS_TOKEN");
  }
  if (!host || !token) {
    const file = get("DATABRICKS_CONFIG_FILE") ?? (sources.home ? `${sources.home.replace(/\/+$/, "")}/.databrickscfg` : undefined);
    const text = file && sources.readFile ? sources.readFile(file) : undefined;
    const section = text !== undefined ? parseIni(text)[profile ?? "DEFAULT"] : undefined;
    if (profile && !section) throw new UserError(`Databricks profile "${profile}" is not in ${file ?? "~/.databrickscfg"}`);
    host ??= section?.host;
    token ??= section?.token;
  }
  if (!host) throw new UserError("MLFLOW_TRACKING_URI=databricks needs DATABRICKS_HOST (or a host in ~/.databrickscfg)");
  if (!token) throw new UserError("MLFLOW_TRACKING_URI=databricks needs DATABRICKS_TOKEN (or a token in ~/.databrickscfg); only token authentication is supported");
  const url = /^https?:\/\//i.test(host) ? host : `https://${host}`;
  return { trackingUri: url.replace(/\/+$/, ""), token, databricks: { unityCatalog } };
}

function profileOf(uri: string): string | undefined {
  const m = /^databricks(?:-uc)?:\/\/([^/:]+)/i.exec(uri);
  return m?.[1];
}

/** The sections of an INI file: `[name]` then `key = value` lines; `#` and `;` start comments. */
export function parseIni(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const section = /^\[([^\]]+)\]$/.exec(line);
    if (section) {
      current = out[section[1]!.trim()] ??= {};
      continue;
    }
    const kv = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
    if (kv && current) current[kv[1]!.trim().toLowerCase()] = kv[2]!.trim();
  }
  return out;
}

/** A Unity Catalog registered-model name: `catalog.schema.model`. */
export const UC_NAME = /^[^.\s/]+\.[^.\s/]+\.[^.\s/]+$/;

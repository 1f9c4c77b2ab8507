import { UserError } from "../../core/errors.js";

/** How to reach one MLflow tracking server. Built once, in an entrypoint, from the environment. */
export interface MlflowConfig {
  /** Base URL, e.g. https://mlflow.example.com (a trailing slash is ignored). */
  trackingUri: string;
  /** Sent as `Authorization: Bearer <token>`; wins over basic auth. */
  token?: string;
  /** Sent as HTTP basic auth when both are set and no token is. */
  username?: string;
  password?: string;
}

/**
 * Reads MLFLOW_TRACKING_URI, MLFLOW_TRACKING_TOKEN and MLFLOW_TRACKING_USERNAME/_PASSWORD from `env`.
 * Returns undefined when no tracking URI is set (the MLflow target is then "not configured").
 * Empty strings count as unset. Throws UserError for a URI that is not http(s).
 */
export function mlflowConfigFromEnv(env: Record<string, string | undefined>): MlflowConfig | undefined {
  const get = (k: string) => (env[k] === undefined || env[k] === "" ? undefined : env[k]);
  const uri = get("MLFLOW_TRACKING_URI");
  if (!uri) return undefined;
  if (!/^https?:\/\//i.test(uri)) {
    throw new UserError(`MLFLOW_TRACKING_URI must be an http(s) URL to a tracking server, not "${uri}"`);
  }
  const config: MlflowConfig = { trackingUri: uri.replace(/\/+$/, "") };
  const token = get("MLFLOW_TRACKING_TOKEN");
  const username = get("MLFLOW_TRACKING_USERNAME");
  const password = get("MLFLOW_TRACKING_PASSWORD");
  if (token) config.token = token;
  if (username !== undefined) config.username = username;
  if (password !== undefined) config.password = password;
  return config;
}

/** The Authorization header for `config`, or undefined for an unauthenticated server. */
export function authorizationHeader(config: MlflowConfig): string | undefined {
  if (config.token) return `Bearer ${config.token}`;
  if (config.username !== undefined && config.password !== undefined) {
    return `Basic ${Buffer.from(`${config.username}:${config.password}`, "utf8").toString("base64")}`;
  }
  return undefined;
}

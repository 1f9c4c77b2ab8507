import { UserError } from "../../core/errors.js";
import { redactSecrets } from "../../core/secrets/redact-secrets.js";

/** How to reach one MLflow tracking server. Built once, in an entrypoint, from the environment. */
export interface MlflowConfig {
  /** Base URL, e.g. https://mlflow.example.com (a trailing slash is ignored). Never carries userinfo. */
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
 * Empty strings count as unset. Userinfo in the URI (`http://user:pass@host`) becomes basic auth
 * (the variables win over it) and is removed from `trackingUri`, so the URI can be printed.
 * Throws UserError for a URI that is not http(s); its message never shows the password.
 */
export function mlflowConfigFromEnv(env: Record<string, string | undefined>): MlflowConfig | undefined {
  const get = (k: string) => (env[k] === undefined || env[k] === "" ? undefined : env[k]);
  const raw = get("MLFLOW_TRACKING_URI");
  if (!raw) return undefined;
  if (!/^https?:\/\//i.test(raw)) {
    throw new UserError(`MLFLOW_TRACKING_URI must be an http(s) URL to a tracking server, not "${redactSecrets(raw)}"`);
  }
  const { uri, username: urlUser, password: urlPassword } = splitUserinfo(raw);
  const config: MlflowConfig = { trackingUri: uri.replace(/\/+$/, "") };
  const token = get("MLFLOW_TRACKING_TOKEN");
  const username = get("MLFLOW_TRACKING_USERNAME") ?? urlUser;
  const password = get("MLFLOW_TRACKING_PASSWORD") ?? urlPassword;
  if (token) config.token = token;
  if (username !== undefined) config.username = username;
  if (password !== undefined) config.password = password;
  return config;
}

/** `http://user:pa%40ss@host/x` -> uri `http://host/x`, username `user`, password `pa@ss` (percent-decoded). */
export function splitUserinfo(raw: string): { uri: string; username?: string; password?: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserError(`MLFLOW_TRACKING_URI is not a valid URL: "${redactSecrets(raw)}"`);
  }
  if (!url.username && !url.password) return { uri: raw };
  const username = decodeURIComponent(url.username);
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  url.username = "";
  url.password = "";
  return { uri: url.toString(), username, ...(password !== undefined ? { password } : {}) };
}

/** The Authorization header for `config`, or undefined for an unauthenticated server. */
export function authorizationHeader(config: MlflowConfig): string | undefined {
  if (config.token) return `Bearer ${config.token}`;
  if (config.username !== undefined && config.password !== undefined) {
    return `Basic ${Buffer.from(`${config.username}:${config.password}`, "utf8").toString("base64")}`;
  }
  return undefined;
}

/** The secret values of `config`, for the redactor of every error and log line that concerns it. */
export function configSecrets(config: MlflowConfig): string[] {
  return [config.token, config.password].filter((s): s is string => !!s);
}

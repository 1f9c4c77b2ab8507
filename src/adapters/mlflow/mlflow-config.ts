import { readFileSync } from "node:fs";
import { UserError } from "../../core/errors.js";
import { redactSecrets } from "../../core/secrets/redact-secrets.js";
import { databricksConfig } from "./databricks-config.js";
import { isSageMakerArn, sageMakerConfig } from "./sagemaker-mlflow-config.js";

/** MLflow's HTTP knobs, from its own environment variables (defaults: MLFLOW_HTTP_DEFAULTS in mlflow-transport.ts). */
export interface MlflowHttpSettings {
  maxRetries?: number;
  backoffFactor?: number;
  backoffJitter?: number;
  timeoutSeconds?: number;
  respectRetryAfter?: boolean;
}

/** TLS as MLflow's client takes it: MLFLOW_TRACKING_INSECURE_TLS, MLFLOW_TRACKING_SERVER_CERT_PATH, MLFLOW_TRACKING_CLIENT_CERT_PATH. */
export interface MlflowTlsSettings {
  insecure?: boolean;
  /** A CA bundle (PEM) to trust for the server. */
  serverCertPath?: string;
  /** A client certificate (PEM, with its key, or `cert.pem,key.pem`). */
  clientCertPath?: string;
}

/** How to reach one MLflow tracking server. Built once, in an entrypoint, from the environment. */
export interface MlflowConfig {
  /** Base URL, e.g. https://mlflow.example.com (a trailing slash is ignored). Never carries userinfo. */
  trackingUri: string;
  /** Sent as `Authorization: Bearer <token>`; wins over basic auth. */
  token?: string;
  /** Sent as HTTP basic auth when both are set and no token is. */
  username?: string;
  password?: string;
  http?: MlflowHttpSettings;
  tls?: MlflowTlsSettings;
  /** Extra headers on every request (e.g. SageMaker's tracking-server ARN). */
  headers?: Record<string, string>;
  /** A Databricks workspace; `unityCatalog`: the registry is Unity Catalog (three-part names, /unity-catalog/ endpoints). */
  databricks?: { unityCatalog: boolean };
  /** SageMaker managed MLflow: every request is signed with SigV4 (service sagemaker-mlflow) in this region. */
  sigv4?: { region: string; service: string };
}

/** Reads a file for configuration (e.g. ~/.databrickscfg); undefined when it does not exist. */
export type ConfigFileReader = (path: string) => string | undefined;

export interface MlflowConfigSources {
  readFile?: ConfigFileReader;
  /** The home directory, for ~/.databrickscfg. */
  home?: string;
}

/**
 * Reads the MLflow target from `env` (names and defaults as MLflow's own client uses them; docs/mlflow.md):
 * MLFLOW_TRACKING_URI (http(s) URL, `databricks[://profile]`, or a SageMaker tracking-server ARN),
 * MLFLOW_REGISTRY_URI (`databricks-uc[://profile]` for Unity Catalog), MLFLOW_TRACKING_TOKEN,
 * MLFLOW_TRACKING_USERNAME/_PASSWORD, DATABRICKS_HOST/DATABRICKS_TOKEN, MLFLOW_HTTP_REQUEST_*, and the
 * TLS variables. Returns undefined when no tracking URI is set. Empty strings count as unset.
 * Userinfo in the URI (`http://user:pass@host`) becomes basic auth (the variables win over it) and is
 * removed from `trackingUri`, so the URI can be printed. Throws UserError for what cannot work; its
 * message never shows a secret.
 */
export function mlflowConfigFromEnv(env: Record<string, string | undefined>, sources: MlflowConfigSources = { readFile: readIfExists, ...(env.HOME ? { home: env.HOME } : {}) }): MlflowConfig | undefined {
  const get = (k: string) => (env[k] === undefined || env[k] === "" ? undefined : env[k]);
  const raw = get("MLFLOW_TRACKING_URI");
  if (!raw) return undefined;
  const common = { http: httpSettings(get), tls: tlsSettings(get) };
  const registry = get("MLFLOW_REGISTRY_URI");
  if (/^databricks(-uc)?(:\/\/|$)/i.test(raw)) return { ...databricksConfig(raw, registry, get, sources), ...common };
  if (isSageMakerArn(raw)) return { ...sageMakerConfig(raw, get), ...common };
  if (registry?.startsWith("databricks-uc")) throw new UserError(`MLFLOW_REGISTRY_URI=${registry} needs MLFLOW_TRACKING_URI=databricks (or databricks://<profile>)`);
  if (!/^https?:\/\//i.test(raw)) {
    throw new UserError(`MLFLOW_TRACKING_URI must be an http(s) URL to a tracking server, "databricks[://profile]" or a SageMaker tracking-server ARN, not "${redactSecrets(raw)}"`);
  }
  const { uri, username: urlUser, password: urlPassword } = splitUserinfo(raw);
  const config: MlflowConfig = { trackingUri: uri.replace(/\/+$/, ""), ...common };
  const token = get("MLFLOW_TRACKING_TOKEN");
  const username = get("MLFLOW_TRACKING_USERNAME") ?? urlUser;
  const password = get("MLFLOW_TRACKING_PASSWORD") ?? urlPassword;
  if (token) config.token = token;
  if (username !== undefined) config.username = username;
  if (password !== undefined) config.password = password;
  return config;
}

function httpSettings(get: (k: string) => string | undefined): MlflowHttpSettings {
  const num = (k: string, integer: boolean) => {
    const v = get(k);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) throw new UserError(`${k} must be a non-negative ${integer ? "integer" : "number"}, not "${v}"`);
    return n;
  };
  const out: MlflowHttpSettings = {};
  const set = <K extends keyof MlflowHttpSettings>(k: K, v: MlflowHttpSettings[K] | undefined) => v !== undefined && (out[k] = v);
  set("maxRetries", num("MLFLOW_HTTP_REQUEST_MAX_RETRIES", true));
  set("backoffFactor", num("MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR", false));
  set("backoffJitter", num("MLFLOW_HTTP_REQUEST_BACKOFF_JITTER", false));
  set("timeoutSeconds", num("MLFLOW_HTTP_REQUEST_TIMEOUT", false));
  set("respectRetryAfter", bool(get, "MLFLOW_HTTP_RESPECT_RETRY_AFTER_HEADER"));
  return out;
}

function tlsSettings(get: (k: string) => string | undefined): MlflowTlsSettings {
  const out: MlflowTlsSettings = {};
  const insecure = bool(get, "MLFLOW_TRACKING_INSECURE_TLS");
  const server = get("MLFLOW_TRACKING_SERVER_CERT_PATH");
  const client = get("MLFLOW_TRACKING_CLIENT_CERT_PATH");
  // MLflow refuses both at once: an insecure connection does not check the certificate it was given.
  if (insecure && server) throw new UserError("MLFLOW_TRACKING_INSECURE_TLS and MLFLOW_TRACKING_SERVER_CERT_PATH cannot both be set");
  if (insecure) out.insecure = true;
  if (server) out.serverCertPath = server;
  if (client) out.clientCertPath = client;
  return out;
}

/** MLflow's booleans: true/false/1/0, case-insensitive; anything else is an error. */
function bool(get: (k: string) => string | undefined, k: string): boolean | undefined {
  const v = get(k);
  if (v === undefined) return undefined;
  const l = v.toLowerCase();
  if (!["true", "false", "1", "0"].includes(l)) throw new UserError(`${k} must be one of true, false, 1, 0, not "${v}"`);
  return l === "true" || l === "1";
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

/** The Authorization header for `config`, or undefined for an unauthenticated (or SigV4-signed) server. */
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

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

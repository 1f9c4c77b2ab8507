import { createRedactor } from "../../core/secrets/redact-secrets.js";
import { authorizationHeader, configSecrets, type MlflowConfig } from "./mlflow-config.js";
import { errorFromResponse, isRetryable, MlflowError } from "./mlflow-error.js";
import { fetchForTls, sigv4Signer, type CredentialProvider, type RequestSigner } from "./mlflow-request-signing.js";

/** Knobs of the transport; tests inject `fetch`, `sleep` and `random` to run retries instantly. Unset knobs come from `config.http` (MLflow's variables), then MLflow's defaults. */
export interface TransportOptions {
  fetch?: typeof fetch;
  /** Waits `ms` milliseconds; default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for jitter; default Math.random. */
  random?: () => number;
  /** Retries after the first attempt on 408, 429, 500, 502, 503, 504, timeouts and network errors; MLflow's default 7. */
  maxRetries?: number;
  /** urllib3's backoff as MLflow uses it: no wait before the first retry, then factor * 2^(n-1) s (at most 120 s), plus up to `backoffJitter` s; defaults 2 and 1.0. */
  backoffFactor?: number;
  backoffJitter?: number;
  /** Per-attempt timeout in ms; MLflow's default 120 s. */
  timeoutMs?: number;
  /** Wait as long as a Retry-After header says (429/503); default true. */
  respectRetryAfter?: boolean;
  /** AWS credentials for SigV4 (config.sigv4); default the SDK's default chain. */
  awsCredentials?: CredentialProvider;
  /** Reads a certificate file (config.tls); default fs. */
  readFile?: (path: string) => string;
}

/** MLflow's own defaults (mlflow/environment_variables.py, 2.x). */
export const MLFLOW_HTTP_DEFAULTS = { maxRetries: 7, backoffFactor: 2, backoffJitter: 1, timeoutSeconds: 120, respectRetryAfter: true } as const;

/** urllib3 caps a single backoff at 120 s. */
const BACKOFF_MAX_S = 120;

/** The wait before retry number `retry` (1 = the first retry), in ms. */
export function backoffMs(retry: number, factor: number, jitter: number, random: () => number): number {
  const base = retry <= 1 ? 0 : Math.min(BACKOFF_MAX_S, factor * 2 ** (retry - 1));
  return Math.round((base + random() * jitter) * 1000);
}

export interface RequestSpec {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Below /api/2.0/mlflow/, e.g. "registered-models/get". */
  endpoint: string;
  query?: Record<string, string | number | undefined>;
  body?: Record<string, unknown>;
  /** False for calls that must not be repeated blindly (e.g. creating a model version). */
  retry?: boolean;
}

export type Transport = <T>(spec: RequestSpec) => Promise<T>;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An HTTP transport for MLflow's REST API 2.0. Sends JSON bodies (also for DELETE, which MLflow
 * requires), returns the parsed JSON (`{}` when MLflow has nothing to say), and throws MlflowError
 * after the retries are used up. A `Retry-After` header (seconds) replaces the computed backoff.
 */
export function mlflowTransport(config: MlflowConfig, opts: TransportOptions = {}): Transport {
  const doFetch = opts.fetch ?? fetchForTls(config.tls, opts.readFile) ?? globalThis.fetch;
  const sign: RequestSigner | undefined = config.sigv4 ? sigv4Signer(config.sigv4, opts.awsCredentials) : undefined;
  const unityCatalog = config.databricks?.unityCatalog === true;
  const sleep = opts.sleep ?? defaultSleep;
  const random = opts.random ?? Math.random;
  const http = { ...MLFLOW_HTTP_DEFAULTS, ...config.http };
  const maxRetries = opts.maxRetries ?? http.maxRetries;
  const factor = opts.backoffFactor ?? http.backoffFactor;
  const jitter = opts.backoffJitter ?? http.backoffJitter;
  const respectRetryAfter = opts.respectRetryAfter ?? http.respectRetryAfter;
  const timeoutMs = opts.timeoutMs ?? http.timeoutSeconds * 1000;
  const auth = authorizationHeader(config);
  const redact = createRedactor(configSecrets(config));
  const root = `${config.trackingUri.replace(/\/+$/, "")}/api/2.0/mlflow/`;

  async function attempt(spec: RequestSpec): Promise<{ value?: unknown; error?: MlflowError; retryAfterMs?: number }> {
    // Unity Catalog serves the registry under /unity-catalog/ with the same request shapes.
    const endpoint = unityCatalog && /^(registered-models|model-versions)\//.test(spec.endpoint) ? `unity-catalog/${spec.endpoint}` : spec.endpoint;
    const url = new URL(endpoint, root);
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    let headers: Record<string, string> = { accept: "application/json", ...config.headers };
    if (auth) headers.authorization = auth;
    let body: string | undefined;
    if (spec.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(spec.body);
    }
    let res: Response;
    let text: string;
    try {
      if (sign) headers = { ...headers, ...(await sign({ method: spec.method, url, headers, ...(body !== undefined ? { body } : {}) })) };
      res = await doFetch(url, { method: spec.method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
      text = await res.text();
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
      const code = timedOut ? "TIMEOUT" : "NETWORK_ERROR";
      const what = timedOut ? `timed out after ${timeoutMs} ms` : `could not be reached at ${config.trackingUri} (${causeChain(err)})`;
      return { error: new MlflowError(undefined, code, redact(`${spec.endpoint} ${what}`), spec.endpoint, { cause: err }) };
    }
    if (!res.ok) {
      const retryAfter = Number(res.headers.get("retry-after"));
      return {
        error: errorFromResponse(spec.endpoint, res.status, text, redact),
        retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      };
    }
    if (text.trim() === "") return { value: {} };
    try {
      return { value: JSON.parse(text) };
    } catch (err) {
      return { error: new MlflowError(res.status, "NOT_JSON", `${spec.endpoint} answered ${res.status} with a body that is not JSON`, spec.endpoint, { cause: err }) };
    }
  }

  return async function request<T>(spec: RequestSpec): Promise<T> {
    const retries = spec.retry === false ? 0 : maxRetries;
    for (let n = 0; ; n++) {
      const { value, error, retryAfterMs } = await attempt(spec);
      if (!error) return value as T;
      if (n >= retries || !isRetryable(error)) throw error;
      const delay = respectRetryAfter && retryAfterMs !== undefined ? retryAfterMs : backoffMs(n + 1, factor, jitter, random);
      if (delay > 0) await sleep(delay);
    }
  };
}

/** "fetch failed: connect ECONNREFUSED 127.0.0.1:5000": Node's fetch hides the reason in `cause`. */
export function causeChain(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    const msg = e instanceof Error ? e.message : String(e);
    const raw = e instanceof Error ? (e as { code?: unknown }).code : undefined;
    const code = typeof raw === "string" ? raw : undefined;
    if (msg && !parts.includes(msg)) parts.push(msg);
    else if (code && !parts.some((p) => p.includes(code))) parts.push(code);
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(": ") || "unknown network error";
}

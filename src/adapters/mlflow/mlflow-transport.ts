import { createRedactor } from "../../core/secrets/redact-secrets.js";
import { authorizationHeader, configSecrets, type MlflowConfig } from "./mlflow-config.js";
import { errorFromResponse, isRetryable, MlflowError } from "./mlflow-error.js";

/** Knobs of the transport; tests inject `fetch`, `sleep` and `random` to run retries instantly. */
export interface TransportOptions {
  fetch?: typeof fetch;
  /** Waits `ms` milliseconds; default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for jitter; default Math.random. */
  random?: () => number;
  /** Retries after the first attempt on 429, 5xx, timeouts and network errors; default 4. */
  maxRetries?: number;
  /** First backoff in ms, doubled per retry (full jitter), capped at `maxDelayMs`; default 250. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per-attempt timeout in ms; default 30 000. */
  timeoutMs?: number;
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
  const doFetch = opts.fetch ?? globalThis.fetch;
  const sleep = opts.sleep ?? defaultSleep;
  const random = opts.random ?? Math.random;
  const maxRetries = opts.maxRetries ?? 4;
  const base = opts.baseDelayMs ?? 250;
  const cap = opts.maxDelayMs ?? 10_000;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const auth = authorizationHeader(config);
  const redact = createRedactor(configSecrets(config));
  const root = `${config.trackingUri.replace(/\/+$/, "")}/api/2.0/mlflow/`;

  async function attempt(spec: RequestSpec): Promise<{ value?: unknown; error?: MlflowError; retryAfterMs?: number }> {
    const url = new URL(spec.endpoint, root);
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: "application/json" };
    if (auth) headers.authorization = auth;
    let body: string | undefined;
    if (spec.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(spec.body);
    }
    let res: Response;
    let text: string;
    try {
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
      // Full jitter: a random wait in [0, min(cap, base * 2^n)), so parallel clients spread out.
      const delay = retryAfterMs ?? Math.floor(random() * Math.min(cap, base * 2 ** n));
      await sleep(delay);
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

import { ExternalError } from "../../core/errors.js";

/** MLflow's error codes that callers branch on; anything else is kept as a plain string. */
export type MlflowErrorCode =
  | "RESOURCE_ALREADY_EXISTS"
  | "RESOURCE_DOES_NOT_EXIST"
  | "INVALID_PARAMETER_VALUE"
  | "PERMISSION_DENIED"
  | "UNAUTHENTICATED"
  | "INTERNAL_ERROR"
  | "TEMPORARILY_UNAVAILABLE"
  | "REQUEST_LIMIT_EXCEEDED"
  | "TIMEOUT"
  | "NETWORK_ERROR"
  | "NOT_JSON"
  | (string & {});

/**
 * An MLflow call that failed. `status` is the HTTP status (undefined for network errors and timeouts);
 * `code` is MLflow's `error_code` (match on it, never on `message`, which carries raw SQL text), or one
 * of TIMEOUT, NETWORK_ERROR, NOT_JSON for failures MLflow did not describe.
 */
export class MlflowError extends ExternalError {
  override name = "MlflowError";
  constructor(
    status: number | undefined,
    override readonly code: MlflowErrorCode,
    message: string,
    readonly endpoint: string,
    options?: ErrorOptions,
  ) {
    super("mlflow", status, message, { ...options, code });
  }
}

/** True for MLflow's "does not exist" answers: 404 RESOURCE_DOES_NOT_EXIST. */
export function isNotFound(err: unknown): boolean {
  return err instanceof MlflowError && err.code === "RESOURCE_DOES_NOT_EXIST";
}

/** True for MLflow's "already exists" answer, which is HTTP 400 (not 409). */
export function isAlreadyExists(err: unknown): boolean {
  return err instanceof MlflowError && err.code === "RESOURCE_ALREADY_EXISTS";
}

/** The statuses MLflow's own client retries (mlflow/utils/request_utils.py). */
const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** True when a retry may succeed: MLflow's transient statuses (408, 429, 500, 502, 503, 504), timeouts and network errors. */
export function isRetryable(err: unknown): boolean {
  if (!(err instanceof MlflowError)) return false;
  if (err.status === undefined) return err.code === "TIMEOUT" || err.code === "NETWORK_ERROR";
  return TRANSIENT_STATUSES.has(err.status);
}

/** Builds the error for a non-2xx answer from its status and (maybe JSON) body text. */
export function errorFromResponse(endpoint: string, status: number, bodyText: string, redact: (s: string) => string = (s) => s): MlflowError {
  let code: string = status === 401 ? "UNAUTHENTICATED" : status === 403 ? "PERMISSION_DENIED" : "NOT_JSON";
  let message = `HTTP ${status} from ${endpoint}`;
  try {
    const body = JSON.parse(bodyText) as { error_code?: unknown; message?: unknown };
    if (typeof body.error_code === "string") code = body.error_code;
    if (typeof body.message === "string") message = `${endpoint}: ${firstLine(body.message)}`;
  } catch {
    // Flask answers unknown paths and wrong methods with an HTML page, not JSON.
  }
  return new MlflowError(status, code, redact(message), endpoint);
}

/** MLflow's messages can carry multi-line SQL; a person needs the first line only. */
function firstLine(s: string): string {
  const line = s.split("\n", 1)[0] ?? s;
  return line.length > 300 ? `${line.slice(0, 300)}...` : line;
}

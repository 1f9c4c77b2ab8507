/**
 * The one place that knows the AWS SDK v3 error shape (a ServiceException: `name` is the error
 * code, `$metadata.httpStatusCode` the status, `$fault` client or server). Checked by shape,
 * not class, so it works for every client (SageMaker, CloudWatch, Application Auto Scaling, EventBridge, S3).
 */
import { ExternalError } from "../../core/errors.js";

interface AwsErrorLike {
  name: string;
  message: string;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
  $fault?: "client" | "server";
}

function isAwsError(err: unknown): err is AwsErrorLike {
  return err instanceof Error && typeof (err as { $metadata?: unknown }).$metadata === "object";
}

/** Error codes that mean "does not exist" across the services used here. */
const NOT_FOUND_CODES = new Set(["ResourceNotFound", "ResourceNotFoundException", "ObjectNotFoundException", "NotFound", "NoSuchKey"]);

/**
 * True when AWS said the resource does not exist. SageMaker answers Describe* of a missing
 * endpoint, endpoint config or model with ValidationException "Could not find ...".
 */
export function isAwsNotFound(err: unknown): boolean {
  const e = err instanceof ExternalError ? err.cause : err;
  if (!isAwsError(e)) return false;
  if (NOT_FOUND_CODES.has(e.name)) return true;
  return e.name === "ValidationException" && /could not find/i.test(e.message);
}

/** True when a Create* failed because a resource of that name exists ("Cannot create already existing ..."). */
export function isAwsAlreadyExists(err: unknown): boolean {
  const e = err instanceof ExternalError ? err.cause : err;
  if (!isAwsError(e)) return false;
  return e.name === "ResourceInUse" || (e.name === "ValidationException" && /already exist/i.test(e.message));
}

/** True for throttling errors (after the SDK's own retries gave up). */
export function isAwsThrottling(err: unknown): boolean {
  const e = err instanceof ExternalError ? err.cause : err;
  return isAwsError(e) && /Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/.test(e.name);
}

/**
 * Converts whatever an AWS SDK call threw into ExternalError("aws", status, "<action>: <message>",
 * {code}). A failure without a response (network, credentials) has status undefined.
 * An ExternalError passes through unchanged.
 */
export function toExternalError(err: unknown, action: string): ExternalError {
  if (err instanceof ExternalError) return err;
  if (isAwsError(err)) {
    const attempts = err.$metadata?.attempts && err.$metadata.attempts > 1 ? ` (after ${err.$metadata.attempts} attempts)` : "";
    return new ExternalError("aws", err.$metadata?.httpStatusCode, `${action}: ${err.message || err.name}${attempts}`, { cause: err, code: err.name });
  }
  const e = err as { name?: string; message?: string } | undefined;
  const code = err instanceof Error && err.name !== "Error" ? err.name : undefined;
  return new ExternalError("aws", undefined, `${action}: ${e?.message ?? String(err)}`, { cause: err, code });
}

/** Runs `fn` and maps whatever it throws with toExternalError. */
export async function mapAwsErrors<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toExternalError(err, action);
  }
}

/** Runs `fn`; undefined when AWS says the resource does not exist, ExternalError for anything else. */
export async function unlessNotFound<T>(action: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (isAwsNotFound(err)) return undefined;
    throw toExternalError(err, action);
  }
}

import { ExternalError } from "../../core/errors.js";

/** The parts of Octokit's RequestError (name "HttpError") this module reads; checked by shape, not class. */
interface HttpErrorLike {
  name: "HttpError";
  status: number;
  message: string;
  response?: { data?: unknown; headers?: Record<string, unknown> };
}

interface GitHubErrorBody {
  message?: string;
  documentation_url?: string;
  errors?: Array<{ resource?: string; field?: string; code?: string; message?: string } | string>;
}

function isHttpError(err: unknown): err is HttpErrorLike {
  return err instanceof Error && err.name === "HttpError" && typeof (err as { status?: unknown }).status === "number";
}

/** True when `err` is GitHub's 404 (the object does not exist or the token may not see it). */
export function isNotFound(err: unknown): boolean {
  return isHttpError(err) && err.status === 404;
}

/** True when `err` is a 422 whose message matches `pattern` (e.g. /Reference does not exist/). */
export function isUnprocessable(err: unknown, pattern: RegExp): boolean {
  return isHttpError(err) && err.status === 422 && pattern.test(describeBody(err) ?? err.message);
}

function describeBody(err: HttpErrorLike): string | undefined {
  const body = err.response?.data as GitHubErrorBody | undefined;
  if (!body || typeof body !== "object" || !body.message) return undefined;
  const details = (body.errors ?? [])
    .map((e) => (typeof e === "string" ? e : e.message ?? [e.resource, e.field, e.code].filter(Boolean).join(" ")))
    .filter(Boolean);
  return details.length > 0 ? `${body.message} (${details.join("; ")})` : body.message;
}

/**
 * Converts anything Octokit threw into ExternalError("github", status): the one place that knows Octokit's
 * error shape. `action` says what was being done ("create issue"). A response-less failure (network,
 * DNS, timeout) has status undefined. An ExternalError passes through unchanged, so mapping twice is harmless.
 */
export function toExternalError(err: unknown, action: string): ExternalError {
  if (err instanceof ExternalError) return err;
  if (isHttpError(err)) {
    const status = err.response ? err.status : undefined;
    const body = err.response?.data as GitHubErrorBody | undefined;
    const code = body && typeof body === "object" ? firstCode(body) : undefined;
    const reason = describeBody(err) ?? err.message;
    return new ExternalError("github", status, `${action}: ${reason}`, { cause: err, code });
  }
  const reason = err instanceof Error ? err.message : String(err);
  return new ExternalError("github", undefined, `${action}: ${reason}`, { cause: err });
}

function firstCode(body: GitHubErrorBody): string | undefined {
  const first = body.errors?.[0];
  return first && typeof first === "object" ? first.code : undefined;
}

/** Runs `fn` and maps whatever it throws with toExternalError. */
export async function mapErrors<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toExternalError(err, action);
  }
}

/** Bad input or configuration that the user must fix (exit code 2 at the CLI unless it is a finding). */
export class UserError extends Error {
  override name = "UserError";
}

export type ExternalService = "github" | "aws" | "mlflow" | "s3" | "git";

/** A remote service said no, or could not be reached. Keeps the status and the original error as `cause`. */
export class ExternalError extends Error {
  override name = "ExternalError";
  constructor(
    readonly service: ExternalService,
    readonly status: number | undefined,
    message: string,
    options?: ErrorOptions & { code?: string },
  ) {
    super(message, options);
    this.code = options?.code;
  }
  readonly code: string | undefined;
}

/** Some events of a publication were refused after retries; the others were accepted. */
export class PartialPublishError extends ExternalError {
  override name = "PartialPublishError";
  constructor(
    service: ExternalService,
    /** Indexes (into the events given to publish) of the events still refused, with why. */
    readonly failed: { index: number; reason: string }[],
    message: string,
  ) {
    super(service, undefined, message);
  }
}

/** A bug in model-steward itself. */
export class InternalError extends Error {
  override name = "InternalError";
}

/** One line for a person: the message, the service and status where known, never a stack for expected errors. */
export function describeError(err: unknown): string {
  if (err instanceof ExternalError) {
    const status = err.status === undefined ? "" : ` (HTTP ${err.status}${err.code ? ` ${err.code}` : ""})`;
    return `${err.service}${status}: ${err.message}`;
  }
  if (err instanceof UserError) return err.message;
  if (err instanceof InternalError) return `internal error (a bug in model-steward, please report it): ${err.message}`;
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

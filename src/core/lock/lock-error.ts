import { UserError } from "../errors.js";

/** The apply lock could not be taken (held by another apply, or this apply's ticket was closed): exit 2. */
export class LockError extends UserError {
  override name = "LockError";
}

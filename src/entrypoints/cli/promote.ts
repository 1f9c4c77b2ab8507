import { UserError } from "../../core/errors.js";
import type { CliCommand } from "./io.js";

export const promoteCli: CliCommand = async () => {
  throw new UserError("steward promote is not available yet in this build");
};

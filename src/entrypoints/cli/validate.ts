import { UserError } from "../../core/errors.js";
import type { CliCommand } from "./io.js";

export const validateCli: CliCommand = async () => {
  throw new UserError("steward validate is not available yet in this build");
};

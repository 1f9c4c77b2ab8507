import { UserError } from "../../core/errors.js";
import type { CliCommand } from "./io.js";

export const detectCli: CliCommand = async () => {
  throw new UserError("steward detect is not available yet in this build");
};

import { UserError } from "../../core/errors.js";
import type { CliCommand } from "./io.js";

export const monitorCli: CliCommand = async () => {
  throw new UserError("steward monitor is not available yet in this build");
};

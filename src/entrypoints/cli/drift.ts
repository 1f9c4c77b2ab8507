import { UserError } from "../../core/errors.js";
import type { CliCommand } from "./io.js";

export const driftCli: CliCommand = async () => {
  throw new UserError("steward drift is not available yet in this build");
};

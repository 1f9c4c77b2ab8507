import { UserError } from "../../core/errors.js";
import type { CliCommand } from "./io.js";

export const registerCli: CliCommand = async () => {
  throw new UserError("steward register is not available yet in this build");
};

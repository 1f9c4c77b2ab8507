import { UserError } from "../../core/errors.js";
import type { CliCommand } from "./io.js";

export const planCli: CliCommand = async () => {
  throw new UserError("steward plan is not available yet in this build");
};

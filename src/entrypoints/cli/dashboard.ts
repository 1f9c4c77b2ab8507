import { UserError } from "../../core/errors.js";
import type { CliCommand } from "./io.js";

export const dashboardCli: CliCommand = async () => {
  throw new UserError("steward dashboard is not available yet in this build");
};

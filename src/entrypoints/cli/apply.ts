import { UserError } from "../../core/errors.js";
import type { CliCommand } from "./io.js";

export const applyCli: CliCommand = async () => {
  throw new UserError("steward apply is not available yet in this build");
};

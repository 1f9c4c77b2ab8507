import { UserError } from "../../core/errors.js";
import type { CliCommand } from "./io.js";

export const cardCli: CliCommand = async () => {
  throw new UserError("steward card is not available yet in this build");
};

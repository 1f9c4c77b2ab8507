import * as core from "@actions/core";
import type { Logger } from "../../ports.js";

/** A Logger for GitHub Actions: groups fold in the log, warnings and errors become annotations. */
export function actionsLogger(): Logger {
  return {
    info: (m) => core.info(m),
    warn: (m) => core.warning(m),
    error: (m) => core.error(m),
    debug: (m) => core.debug(m),
    group: (title, fn) => core.group(title, fn),
  };
}

import type { Logger } from "../../ports.js";
import { annotation, formatCommand } from "../../core/text/workflow-commands.js";
import { redactOutput } from "../output/redaction.js";
import { guardedWriter } from "../output/stdout-guard.js";

/**
 * A Logger for GitHub Actions: groups fold in the log, warnings and errors become annotations
 * (through the one command writer), plain lines can never become a workflow command, and
 * everything is redacted.
 */
export function actionsLogger(): Logger {
  const plain = guardedWriter((s) => void process.stdout.write(s));
  const line = (s: string) => {
    plain.write(`${s}\n`);
    plain.flush();
  };
  const command = (s: string) => void process.stdout.write(redactOutput(s));
  return {
    info: line,
    warn: (m) => command(annotation("warning", m)),
    error: (m) => command(annotation("error", m)),
    // As @actions/core's isDebug and group (not loaded: it pulls in undici): RUNNER_DEBUG=1 is a
    // debug run; a group folds whatever fn logs, ended even when fn throws.
    debug: (m) => (process.env.RUNNER_DEBUG === "1" ? line(`debug: ${m}`) : undefined),
    group: async (title, fn) => {
      command(formatCommand("group", {}, title.replace(/[\r\n]+/g, " ")));
      try {
        return await fn();
      } finally {
        command(formatCommand("endgroup", {}, ""));
      }
    },
  };
}

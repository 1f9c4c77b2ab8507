import * as core from "@actions/core";
import type { Logger } from "../../ports.js";
import { annotation } from "../../core/text/workflow-commands.js";
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
    debug: (m) => (core.isDebug() ? line(`debug: ${m}`) : undefined),
    group: (title, fn) => core.group(redactOutput(title).replace(/[\r\n]+/g, " "), fn),
  };
}

import { randomUUID } from "node:crypto";
import { appendFileSync, existsSync } from "node:fs";
import { appendFile } from "node:fs/promises";
import { EOL } from "node:os";
import { redactOutput } from "../adapters/output/redaction.js";
import type { Finding } from "../core/result.js";
import { annotation, formatCommand, type AnnotationProperties } from "../core/text/workflow-commands.js";
import { guardedWriter } from "../adapters/output/stdout-guard.js";

/**
 * Workflow annotations for findings (GitHub shows at most ten errors and ten warnings a step, so
 * the job summary must list everything), written with the one command writer (`annotation`),
 * redacted. `write` defaults to the process's stdout (the actions); the CLI passes its command channel.
 */
export function emitAnnotations(findings: Finding[], title = "steward", write: (line: string) => void = writeStdout): void {
  for (const f of findings) {
    write(annotation(f.severity === "error" ? "error" : "warning", f.message, { file: f.file, title: `${title}: ${f.code}`, line: f.line, col: f.column }));
  }
}

/** Writes a workflow command line to stdout, redacted (the actions' command channel). */
export function writeStdout(line: string): void {
  process.stdout.write(redactOutput(line));
}

/** Appends Markdown to the job summary when running in Actions; returns false elsewhere. Redacted. */
export async function writeJobSummary(markdown: string): Promise<boolean> {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  await appendStepSummary(file, markdown.endsWith("\n") ? markdown : `${markdown}\n`);
  return true;
}

/** Appends Markdown to the step summary file, redacted: every summary goes through here. */
export async function appendStepSummary(file: string, markdown: string): Promise<void> {
  await appendFile(file, redactOutput(markdown));
}

const plainStdout = guardedWriter((s) => void process.stdout.write(s));

/**
 * What the actions write to the log: annotations through the one command writer, plain text
 * neutralized, everything redacted. Replaces @actions/core's error/warning/info/setFailed.
 */
export const actionLog = {
  error: (message: string, p: AnnotationProperties = {}) => writeStdout(annotation("error", message, p)),
  warning: (message: string, p: AnnotationProperties = {}) => writeStdout(annotation("warning", message, p)),
  /** Plain text: can never start a workflow command. */
  info: (text: string) => {
    plainStdout.write(text.endsWith("\n") ? text : `${text}\n`);
    plainStdout.flush();
  },
  startGroup: (title: string) => writeStdout(formatCommand("group", {}, title)),
  endGroup: () => writeStdout(formatCommand("endgroup", {}, "")),
  /** The step fails (exit code 1) with an error annotation, as core.setFailed does. */
  fail: (message: string) => {
    process.exitCode = 1;
    writeStdout(annotation("error", message));
  },
};

/**
 * Sets a step output as @actions/core's setOutput does: a `name<<delimiter` block appended to the
 * GITHUB_OUTPUT file (a random delimiter that neither name nor value may contain), or, outside a
 * runner that provides the file, the old `::set-output` command. Written here so the actions do not
 * load @actions/core (and the undici it pulls in) for four lines of file I/O.
 */
export function setOutput(name: string, value: string, env: Record<string, string | undefined> = process.env): void {
  const file = env.GITHUB_OUTPUT;
  if (!file) {
    process.stdout.write(EOL);
    writeStdout(formatCommand("set-output", { name }, value));
    return;
  }
  if (!existsSync(file)) throw new Error(`GITHUB_OUTPUT names a file that does not exist: ${file}`);
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`output ${name}: the value contains its delimiter`);
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, "utf8");
}

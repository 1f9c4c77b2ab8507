import { parseArgs, type ParseArgsConfig } from "node:util";
import { UserError } from "../../core/errors.js";

/** What a CLI command may touch: its streams, environment and working directory. Tests pass fakes. */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Reads all of standard input (for `-` arguments). */
  readStdin: () => Promise<string>;
  /** Standard input as a stream, for commands that read it in chunks (`detect`); absent: readStdin. */
  stdinStream?: () => AsyncIterable<string | Uint8Array>;
  /** Standard output as a writable stream, for commands that write with backpressure and end quietly on EPIPE (`detect`); absent: stdout. */
  stdoutStream?: NodeJS.WritableStream;
  /** The clock, so that runs can be replayed. */
  now: () => Date;
  /** Asks a person a question and returns the answer; absent when standard input is not a terminal. */
  ask?: (question: string) => Promise<string>;
  /**
   * Writes one workflow command line built by `formatCommand` (the only way a command reaches the
   * runner: `runCli` neutralizes `::` lines in everything written through `stdout` and `stderr`).
   * Absent in tests that call a command directly: `stdout` is used.
   */
  command?: (line: string) => void;
}

/** Writes a workflow command (`annotation`, `formatCommand`) through the io's command channel. */
export function writeCommand(io: CliIO, line: string): void {
  (io.command ?? io.stdout)(line);
}

export type CliCommand = (argv: string[], io: CliIO) => Promise<number>;

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export type OutputFormat = "text" | "json" | "github";

/** Parses flags strictly: an unknown flag or a missing value is a usage error (exit 2). */
export function parseFlags<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (err) {
    throw new UserError(`usage: ${(err as Error).message}`);
  }
}

export function readFormat(value: string | undefined, allowed: OutputFormat[] = ["text", "json", "github"]): OutputFormat {
  const f = (value ?? "text") as OutputFormat;
  if (!allowed.includes(f)) throw new UserError(`usage: --format must be one of ${allowed.join(", ")}, not "${value}"`);
  return f;
}

/** The flags every command takes. */
export const commonFlags = {
  root: { type: "string" },
  format: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** The line after a local edit of a model's YAML: its card is now stale, and pull requests check it. */
export const cardHint = (model: string): string => `next: run \`steward card --model ${model}\` and commit models/${model}/MODEL_CARD.md with this change (pull requests check that the card is fresh)`;

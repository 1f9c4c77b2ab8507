/**
 * The one writer of GitHub Actions workflow commands (`::error file=…::message`), escaping as
 * @actions/toolkit does, and the one guard that keeps untrusted text from becoming a command.
 *
 * The runner reads every line of a step's stdout and stderr; after trimming leading whitespace, a
 * line starting with `::` (or `##[`, the older syntax) is a command (`::add-mask::`,
 * `::stop-commands::`, `::error::`…). So: commands come only from `formatCommand`, whose message and
 * properties are escaped, and every other line passes through `neutralizeCommands`.
 */

/** Escapes a command's message: `%`, CR and LF (toolkit `escapeData`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a property value: as `escapeData`, plus `:` and `,` (toolkit `escapeProperty`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export type CommandProperties = Record<string, string | number | undefined>;

/** One workflow command line, ending in a newline. Property names are ours (never untrusted). */
export function formatCommand(command: string, properties: CommandProperties, message: string): string {
  if (!/^[a-z][a-z-]*$/.test(command)) throw new Error(`not a workflow command name: ${JSON.stringify(command)}`);
  const props = Object.entries(properties)
    .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== "")
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(",");
  return `::${command}${props ? ` ${props}` : ""}::${escapeData(message)}\n`;
}

export interface AnnotationProperties {
  title?: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
}

/** An error, warning or notice annotation (shown on the PR diff when `file` and `line` are given). */
export function annotation(level: "error" | "warning" | "notice", message: string, p: AnnotationProperties = {}): string {
  return formatCommand(level, { title: p.title, file: p.file, line: p.line, endLine: p.endLine, col: p.col, endColumn: p.endColumn }, message);
}

// Leading whitespace as .NET's TrimStart sees it (Unicode white space, not the line breaks themselves).
const LEAD = "(?:[^\\S\\r\\n]|[\\u0085\\u180e])*";
const COMMAND_AT_LINE_START = new RegExp(`(^|\\r\\n|\\r|\\n)(${LEAD})(::|##\\[)`, "g");
const OLD_SYNTAX = /##\[/g;

/**
 * Plain text that can never be read as a workflow command: a line whose first non-blank characters
 * are `::` or `##[` is quoted with `> `, and `##[` elsewhere becomes `## [`. `atLineStart` says whether
 * the text continues a line already written (for streamed output); everything else is unchanged.
 */
export function neutralizeCommands(text: string, atLineStart = true): string {
  const quoted = text.replace(COMMAND_AT_LINE_START, (m, brk: string, lead: string, cmd: string, offset: number) =>
    offset === 0 && brk === "" && !atLineStart ? m : `${brk}${lead}> ${cmd}`,
  );
  return quoted.replace(OLD_SYNTAX, "## [");
}

/** True when any line of `text` would be read by the runner as a command (for tests and guards). */
export function hasCommandLine(text: string): boolean {
  return new RegExp(`(^|\\r\\n|\\r|\\n)${LEAD}(::|##\\[)`).test(text) || text.includes("##[");
}

/**
 * What to write instead, for the YAML mistakes people make most: bad indentation, tabs, a key
 * without a space after its colon, a value that starts with `@` or holds `: `, unclosed quotes and
 * brackets, duplicate keys. Pure: the parser's error code and message, the file's text and the
 * error's offset in, one sentence out. Quoted source text is shortened and JSON-quoted, never raw.
 */

/** The line (0-based) holding `offset`, and that line's text. */
function lineAt(text: string, offset: number): { index: number; text: string } {
  const before = text.slice(0, offset);
  const index = before.split("\n").length - 1;
  return { index, text: text.split("\n")[index] ?? "" };
}

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0].length;
const meaningful = (line: string) => line.trim() !== "" && !line.trim().startsWith("#");
/** A piece of the user's file for a message: one line, at most 60 characters, without backticks. */
const quote = (s: string) => `\`${(s.length > 60 ? `${s.slice(0, 57)}...` : s).replace(/[`\r\n]/g, " ")}\``;

/** The nearest meaningful line above `index`. */
function lineAbove(lines: string[], index: number): string | undefined {
  for (let i = index - 1; i >= 0; i--) if (meaningful(lines[i]!)) return lines[i];
  return undefined;
}

/**
 * Advice for one `yaml` parse error. `code` and `message` are the parser's; `offset` is where it
 * points. Returns undefined when there is nothing better to say than the parser's own message.
 */
export function yamlAdvice(code: string, message: string, text: string, offset: number | undefined): string | undefined {
  if (offset === undefined) return undefined;
  const lines = text.split("\n");
  const { index, text: line } = lineAt(text, offset);
  const trimmed = line.trim();

  if (/tab/i.test(message) || /^[ ]*\t/.test(line)) {
    return "a tab in the indentation: YAML indents with spaces only; replace the tab with spaces (2 per level)";
  }
  const missingSpace = /^(\s*(?:-\s+)?)([A-Za-z_][\w.-]*):(\S.*)$/.exec(line);
  if (missingSpace && !/^\/\//.test(missingSpace[3]!) && (code === "MULTILINE_IMPLICIT_KEY" || /implicit key|single line|map values/i.test(message))) {
    return `a key needs a space after its colon: write ${quote(`${missingSpace[2]}: ${missingSpace[3]}`)}`;
  }
  if (/reserved character [@`]/.test(message)) {
    const m = /^(\s*(?:-\s+|[\w.-]+:\s+))([@`].*?)\s*$/.exec(line);
    const value = m ? m[2]! : trimmed.replace(/^-\s+/, "");
    return `a value cannot start with ${message.includes("`") ? "`" : "@"} unless it is quoted: write ${quote(`${m?.[1]?.trim() ?? "-"} "${value.replace(/"/g, '\\"')}"`)}`;
  }
  if (/compact mappings|Nested mappings|Implicit map keys need to be followed/i.test(message)) {
    const m = /^\s*(?:-\s+)?([\w.-]+):\s+(.*\S)\s*$/.exec(line);
    if (m) return `a value that contains ": " must be quoted: write ${quote(`${m[1]}: "${m[2]!.replace(/"/g, '\\"')}"`)}`;
  }
  if (/Missing closing "?quote|Missing closing ['"]/i.test(message)) {
    const q = message.includes("'") ? "'" : '"';
    return `a quoted value is not closed: add the closing ${q} at the end of the value on line ${index + 1}`;
  }
  const flow = /end with a ([\]}])/.exec(message);
  if (flow) {
    return `a ${flow[1] === "]" ? "[ list ]" : "{ mapping }"} is not closed: add the closing ${flow[1]} (a flow collection must end on the line where it starts, or every continued line must be indented more than its key)`;
  }
  if (code === "BAD_INDENT" || /same column|indent/i.test(message)) {
    const above = lineAbove(lines, index);
    const have = indentOf(line);
    const want = above === undefined ? 0 : indentOf(above);
    const key = /^\s*(-\s+)?([^:#\s][^:#]*):/.exec(line)?.[2]?.trim();
    const what = key ? `"${key}"` : "this line";
    if (above !== undefined && have !== want) {
      return `bad indentation: ${what} is indented ${have} space${have === 1 ? "" : "s"} but the line above ${want}; keys of one mapping start in the same column, so indent it ${want} spaces (or ${want + 2} if it belongs under the key above, which then needs no value after its colon)`;
    }
    return `bad indentation: ${what} does not line up with the keys around it; keys of one mapping start in the same column (indent with spaces, 2 per level)`;
  }
  return undefined;
}

/** The advice for a duplicate key: where it first appeared and what to do. */
export function duplicateKeyAdvice(text: string, offset: number | undefined, key: string | undefined): string {
  const name = key ? ` "${key}"` : "";
  if (offset === undefined || !key) return `duplicate key${name}: the same key appears twice in one mapping; keep one of them`;
  const lines = text.split("\n");
  const { index, text: line } = lineAt(text, offset);
  const indent = indentOf(line);
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const same = new RegExp(`^\\s{${indent}}["']?${escaped}["']?\\s*:`);
  let first: number | undefined;
  for (let i = index - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (meaningful(l) && indentOf(l) < indent) break;
    if (same.test(l)) first = i;
  }
  return `duplicate key${name}: the same key appears twice in one mapping${first === undefined ? "" : ` (first on line ${first + 1})`}; keep one of them`;
}

/** Units a person writes, and the duration unit they mean. */
const UNITS: Record<string, string> = { s: "s", sec: "s", secs: "s", second: "s", seconds: "s", m: "m", min: "m", mins: "m", minute: "m", minutes: "m", h: "h", hr: "h", hrs: "h", hour: "h", hours: "h", d: "d", day: "d", days: "d", w: "w", wk: "w", week: "w", weeks: "w" };

/** The duration a person most likely meant by `value` ("24 hours" -> "24h", "1:30" -> "1h30m"), or undefined. */
export function suggestDuration(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  const clock = /^(\d+):([0-5]\d)$/.exec(v);
  if (clock) return `${Number(clock[1])}h${Number(clock[2]) ? `${Number(clock[2])}m` : ""}`;
  const parts = [...v.matchAll(/(\d+)\s*([a-z]+)/g)];
  if (!parts.length || parts.map((p) => p[0]).join("").replace(/\s+/g, "") !== v.replace(/\s+|,|and/g, "")) return undefined;
  const out = parts.map((p) => (UNITS[p[2]!] ? `${p[1]}${UNITS[p[2]!]}` : undefined));
  return out.every(Boolean) ? out.join("") : undefined;
}

const code = quote;

/**
 * The sentence that replaces a schema message when the value was written the usual wrong way: an
 * unquoted version YAML reads as a number (`1.10` becomes 1.1), a duration without its unit or in
 * words, a number in quotes or with a `%`. `raw` is the value's source text, `key` its key.
 * Undefined when the generic message is as good.
 */
export function valueAdvice(where: string, expects: "string" | "duration" | "integer" | "number", value: unknown, raw: string | undefined, key: string | undefined): string | undefined {
  const k = key ?? where.split(".").pop() ?? "";
  const src = raw?.trim() || (value === undefined ? "" : String(value));
  if (expects === "string" && (typeof value === "number" || typeof value === "boolean")) {
    const changed = src !== String(value) ? ` (YAML reads the unquoted ${code(src)} as the ${typeof value} ${String(value)})` : ` (YAML reads an unquoted ${code(src)} as a ${typeof value})`;
    return `${where} must be a string${changed}: write it in quotes, ${code(`${k}: "${src}"`)}`;
  }
  if (expects === "duration") {
    if (typeof value === "number") return `${where} must be a duration with a unit, not the bare number ${code(src)}: write ${code(`${k}: ${src}h`)} (units s, m, h, d, w; for example 10m, 72h, 14d)`;
    if (typeof value === "string") {
      const meant = suggestDuration(value);
      const fix = meant ? `write ${code(`${k}: ${meant}`)}` : "write a number and a unit with no space";
      return `${where} ${code(value)} is not a duration: ${fix} (units s, m, h, d, w; for example 10m, 72h, 14d, 1h30m)`;
    }
  }
  if ((expects === "integer" || expects === "number") && typeof value === "string") {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
    if (m && expects === "number" && value.includes("%") && !/percent/i.test(k)) {
      // `min: 80%` on a metric: most quality metrics are fractions, where 80 would always fail; say both.
      const fraction = Number((Number(m[1]) / 100).toPrecision(12));
      return `${where} must be a number, not the text ${code(src)}: write ${code(`${k}: ${fraction}`)} if the metric is a fraction (0 to 1, as accuracy usually is), or ${code(`${k}: ${m[1]}`)} if it is itself in percent (no % sign)`;
    }
    if (m) return `${where} must be ${expects === "integer" ? "a whole number" : "a number"}, not the text ${code(src)}: write ${code(`${k}: ${m[1]}`)}${value.includes("%") ? " (no % sign)" : " (no quotes)"}`;
  }
  return undefined;
}

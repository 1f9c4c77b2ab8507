/**
 * Escaping of untrusted text (anything read from YAML or MLflow) for GitHub-flavoured Markdown.
 * The card's view model holds only escaped strings; the template prints them verbatim.
 *
 * Guarantees, for every input: no raw HTML or HTML comments (`<` is escaped), no link or image
 * syntax (`[`/`]` escaped), no autolinks (URLs and `www.` hosts become code spans), no @mention
 * pings (mentions become code spans), no cross-references (#12 becomes code), no block syntax
 * at the start of a paragraph, no character references (`&` escaped), and in table cells no `|`
 * or newline that would break the row.
 */

const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Anything GFM could autolink (scheme:// and www.), wherever it starts; script-like schemes only as words
// followed by something (they are never autolinked, and link syntax is escaped anyway; as code they read
// as what they are), so prose such as "no data: the check…" stays prose.
const URL_LIKE = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.|(?<![a-z0-9])(?:javascript|vbscript|data|file):(?=\S))[^\s]*/gi;
// Every @name, also inside words: wrapping a neighbour in code would otherwise start a new text node at the @.
const MENTION = /@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\/[a-z0-9_.-]+)?/gi;
// Issue and pull request references (#12, GH-12, owner/repo#12) cross-reference and notify; shown as code.
const ISSUE_REF = /(?:[\w.-]+\/[\w.-]+)?#\d+|GH-\d+/gi;
const PUNCTUATION = /[\\`*_[\]<>|~&$]/g;

/** Removes control and bidi-override characters and normalizes line endings. */
export function clean(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(INVISIBLE, "");
}

/**
 * Text as Markdown paragraphs: blank lines separate paragraphs, single newlines become spaces.
 * Every Markdown-significant character is backslash-escaped; URLs and mentions become code spans.
 */
export function mdText(text: string | undefined): string {
  if (text === undefined) return "";
  return clean(text)
    .split(/\n\s*\n/)
    .map((p) => mdInline(p.replace(/\s+/g, " ").trim()))
    .filter((p) => p !== "")
    .join("\n\n");
}

/** One table cell: like mdText, on one line, with `|` escaped so the row stays intact. */
export function mdCell(text: string | undefined): string {
  if (text === undefined || text.trim() === "") return "—";
  return pipeSafe(mdText(text).replace(/\n+/g, " "));
}

/** A code span for identifiers (shas, image URIs, md5, paths): literal text, one line. */
export function code(text: string): string {
  const s = clean(text).replace(/\s+/g, " ").trim();
  if (s === "") return "";
  const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = s.startsWith("`") || s.endsWith("`") || (s.startsWith(" ") && s.endsWith(" ")) ? " " : "";
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** A fenced code block that no backtick run inside `text` can close early (the fence is longer than any run). */
export function fenced(lang: string, text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang.replace(/[^\w+-]/g, "")}\n${text.endsWith("\n") ? text : `${text}\n`}${fence}`;
}

/** A code span for a table cell (GFM splits cells on `|` even inside code spans, unless escaped). */
export function codeCell(text: string | undefined): string {
  if (text === undefined || text.trim() === "") return "—";
  return pipeSafe(code(text));
}

/**
 * Escapes every `|` that is not already escaped. A table row is split before inline parsing, at each
 * `|` not preceded by an escaping backslash, and a backslash escapes the character after it, so a
 * pipe after an even run of backslashes (`\\|`) still splits the cell: it gets one more.
 */
export function pipeSafe(s: string): string {
  let out = "";
  let run = 0;
  for (const c of s) {
    if (c === "|" && run % 2 === 0) out += "\\";
    run = c === "\\" ? run + 1 : 0;
    out += c;
  }
  return out;
}

function mdInline(line: string): string {
  let out = "";
  let last = 0;
  // URLs, mentions and issue references are cut out first and shown as code, so they can neither link nor ping.
  const spans: { start: number; end: number }[] = [];
  for (const m of line.matchAll(URL_LIKE)) spans.push({ start: m.index!, end: m.index! + m[0].length });
  for (const re of [MENTION, ISSUE_REF]) for (const m of line.matchAll(re)) spans.push({ start: m.index!, end: m.index! + m[0].length });
  spans.sort((a, b) => a.start - b.start);
  // Touching spans become one: two code spans side by side would fuse their backtick fences.
  const merged: { start: number; end: number }[] = [];
  for (const s of spans) {
    const prev = merged[merged.length - 1];
    if (prev && s.start <= prev.end) prev.end = Math.max(prev.end, s.end);
    else merged.push({ start: s.start, end: s.end });
  }
  for (const s of merged) {
    out += escapePlain(line.slice(last, s.start), last === 0);
    out += code(line.slice(s.start, s.end));
    last = s.end;
  }
  return out + escapePlain(line.slice(last), last === 0);
}

function escapePlain(s: string, atLineStart: boolean): string {
  let e = s.replace(PUNCTUATION, "\\$&");
  if (atLineStart) {
    // Block syntax only matters at the start of a paragraph: lists, headings, quotes, setext, fences.
    e = e.replace(/^([-+=#])/, "\\$1").replace(/^(\d{1,9})([.)])(?=\s|$)/, "$1\\$2");
  }
  return e;
}

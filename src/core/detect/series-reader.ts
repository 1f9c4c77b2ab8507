/**
 * Reading one series for `steward detect` as a stream of text chunks, whatever its format:
 * CSV `timestamp,value` (with or without a header), NDJSON or a JSON array of
 * `{ "timestamp": ..., "value": ... }` objects. The format is told by the first character that is
 * not white space: `[` is a JSON array, `{` NDJSON, anything else CSV. Memory is one line (one
 * array element) plus the chunk, whatever the number of rows. Pure: text in, rows out.
 */
import { parseTimestamp } from "./timestamp.js";

export type SeriesFormat = "csv" | "ndjson" | "json";

export interface SeriesRow {
  /** 1-based line of the row (of the element's start in a JSON array). */
  line: number;
  /** The timestamp as written, as a CSV cell (echoed in the output). */
  timestampText: string;
  /** The value as written, as a CSV cell ("" when missing). */
  valueText: string;
  /** Epoch ms. */
  t: number;
  /** NaN when the value is missing (empty, null, NaN or infinite). */
  value: number;
}

/** A row that cannot be read. `fatal` when the rest of the input cannot be read either (broken JSON array). */
export interface BadRow {
  line: number;
  message: string;
  fatal: boolean;
}

/** Column names that mark a CSV header, lower case. */
const TIME_NAMES = ["timestamp", "time", "datetime", "date", "ts"];
const VALUE_NAMES = ["value"];

const unquote = (s: string) => {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
};

/** A cell for the output CSV: quoted when it holds a separator, quote or line break (RFC 4180). */
export function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A value cell: number, or NaN for a missing one; undefined when it is not a number at all. */
function readValue(text: string): number | undefined {
  const s = unquote(text);
  if (s === "" || /^(nan|null|none|na)$/i.test(s)) return NaN;
  const v = Number(s);
  if (Number.isNaN(v)) return undefined;
  return Number.isFinite(v) ? v : NaN;
}

export class SeriesReader {
  format: SeriesFormat | undefined;
  rows = 0;
  private carry = "";
  private line = 1;
  private csv: { ti: number; vi: number; width: number } | undefined;
  private csvFirst = true;
  private json = { started: false, done: false, depth: 0, inString: false, escape: false, elementLine: 0, elements: 0 };

  constructor(
    private readonly onRow: (row: SeriesRow) => void,
    private readonly onBad: (bad: BadRow) => void,
  ) {}

  write(chunk: string): void {
    let text = this.carry ? this.carry + chunk : chunk;
    this.carry = "";
    if (this.format === undefined) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const m = /\S/.exec(text);
      if (!m) {
        this.carry = text;
        return;
      }
      this.format = text[m.index] === "[" ? "json" : text[m.index] === "{" ? "ndjson" : "csv";
    }
    if (this.format === "json") this.scanJson(text, false);
    else this.splitLines(text);
  }

  end(): void {
    if (this.format === "json") {
      this.scanJson(this.carry, true);
      return;
    }
    if (this.carry) this.handleLine(this.carry.endsWith("\r") ? this.carry.slice(0, -1) : this.carry);
    this.carry = "";
  }

  private splitLines(text: string): void {
    let pos = 0;
    for (;;) {
      const end = text.indexOf("\n", pos);
      if (end < 0) break;
      this.handleLine(text.charCodeAt(end - 1) === 13 ? text.slice(pos, end - 1) : text.slice(pos, end));
      pos = end + 1;
    }
    this.carry = text.slice(pos);
  }

  private handleLine(raw: string): void {
    const line = this.line++;
    if (raw.trim() === "") return;
    if (this.format === "ndjson") {
      let obj: unknown;
      try {
        obj = JSON.parse(raw);
      } catch (err) {
        this.onBad({ line, message: `not a JSON object: ${(err as Error).message}`, fatal: false });
        return;
      }
      this.handleObject(obj, line);
      return;
    }
    const cells = raw.split(",");
    if (this.csvFirst) {
      this.csvFirst = false;
      const names = cells.map((c) => unquote(c).toLowerCase());
      const ti = names.findIndex((n) => TIME_NAMES.includes(n));
      const vi = names.findIndex((n) => VALUE_NAMES.includes(n));
      if (ti >= 0 || vi >= 0) {
        if (ti < 0) return this.onBad({ line, message: `the header names no timestamp column (one of ${TIME_NAMES.join(", ")})`, fatal: true });
        const other = vi >= 0 ? vi : names.length === 2 ? 1 - ti : -1;
        if (other < 0) return this.onBad({ line, message: `the header names no value column ("value")`, fatal: true });
        this.csv = { ti, vi: other, width: Math.max(ti, other) + 1 };
        return;
      }
      this.csv = { ti: 0, vi: 1, width: 2 };
    }
    const { ti, vi, width } = this.csv!;
    if (cells.length < width) return this.onBad({ line, message: `expected at least ${width} columns, found ${cells.length}`, fatal: false });
    const timestampText = cells[ti]!;
    const valueText = cells[vi]!;
    const t = parseTimestamp(timestampText);
    if (Number.isNaN(t)) {
      const hint = line === 1 ? " (a header row names its columns, e.g. timestamp,value)" : "";
      return this.onBad({ line, message: `unreadable timestamp "${timestampText.trim().slice(0, 60)}"${hint}`, fatal: false });
    }
    const value = readValue(valueText);
    if (value === undefined) return this.onBad({ line, message: `value "${valueText.trim().slice(0, 60)}" is not a number`, fatal: false });
    this.rows++;
    this.onRow({ line, timestampText, valueText, t, value });
  }

  private handleObject(obj: unknown, line: number): void {
    if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return this.onBad({ line, message: "expected an object with timestamp and value", fatal: false });
    const o = obj as Record<string, unknown>;
    const ts = o.timestamp;
    if (typeof ts !== "string" && typeof ts !== "number") return this.onBad({ line, message: `"timestamp" must be a string or a number`, fatal: false });
    const t = parseTimestamp(String(ts));
    if (Number.isNaN(t)) return this.onBad({ line, message: `unreadable timestamp ${JSON.stringify(ts).slice(0, 60)}`, fatal: false });
    const v = o.value;
    let value: number | undefined;
    if (v === null || v === undefined) value = NaN;
    else if (typeof v === "number") value = v;
    else if (typeof v === "string") value = readValue(v);
    if (value === undefined) return this.onBad({ line, message: `value ${JSON.stringify(v).slice(0, 60)} is not a number`, fatal: false });
    this.rows++;
    this.onRow({ line, timestampText: csvCell(String(ts)), valueText: v === null || v === undefined ? "" : csvCell(String(v)), t, value });
  }

  /**
   * Walks a JSON array: finds each top-level element's extent (strings and nesting respected) and
   * parses it alone. `text` starts where the last call left off; an unfinished element is carried.
   */
  private scanJson(text: string, last: boolean): void {
    const s = this.json;
    let start = 0;
    let i = 0;
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 10) this.line++;
      if (s.inString) {
        if (s.escape) s.escape = false;
        else if (c === 92) s.escape = true;
        else if (c === 34) s.inString = false;
        i++;
        continue;
      }
      const ws = c === 32 || c === 10 || c === 13 || c === 9;
      if (s.done) {
        if (!ws) return this.fatal(`unexpected text after the end of the JSON array`);
        i++;
        continue;
      }
      if (!s.started) {
        if (c === 91) s.started = true;
        i++;
        start = i;
        continue;
      }
      if (s.depth === 0 && (c === 44 || c === 93)) {
        const element = text.slice(start, i);
        if (element.trim() === "") {
          if (c === 44 || s.elements > 0) return this.fatal(`empty element in the JSON array`);
        } else {
          s.elements++;
          this.element(element);
        }
        if (c === 93) s.done = true;
        i++;
        start = i;
        s.elementLine = 0;
        continue;
      }
      if (!ws && s.elementLine === 0) s.elementLine = this.line;
      if (c === 34) s.inString = true;
      else if (c === 123 || c === 91) s.depth++;
      else if (c === 125 || c === 93) s.depth--;
      i++;
    }
    if (last) {
      if (!s.done) this.fatal(`the JSON array is not closed (unexpected end of input)`);
      return;
    }
    this.carry = s.done ? "" : text.slice(start);
    // the carried text is scanned again: undo its line and nesting accounting
    if (this.carry) this.rewind(this.carry);
  }

  private rewind(carry: string): void {
    const s = this.json;
    for (let i = 0; i < carry.length; i++) if (carry.charCodeAt(i) === 10) this.line--;
    s.depth = 0;
    s.inString = false;
    s.escape = false;
    s.elementLine = 0;
  }

  private element(text: string): void {
    const line = this.json.elementLine || this.line;
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (err) {
      this.onBad({ line, message: `not a JSON object: ${(err as Error).message}`, fatal: false });
      return;
    }
    this.handleObject(obj, line);
  }

  private fatal(message: string): void {
    this.onBad({ line: this.line, message, fatal: true });
    this.json.done = true;
  }
}

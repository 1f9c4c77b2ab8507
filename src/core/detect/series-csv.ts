/**
 * Reading `timestamp,value` CSV text for `steward detect`, one line at a time (no row objects, no
 * regular expression per row). Timestamps may be NAB's `YYYY-MM-DD HH:MM:SS` (UTC), ISO 8601
 * (with `T`, optional fraction and zone; no zone means UTC), or epoch numbers (seconds below 1e11, else milliseconds).
 */

/** Epoch ms for a timestamp cell, or NaN when it is none of the accepted forms. */
export function parseTimestamp(cell: string): number {
  const s = cell.trim().replace(/^"|"$/g, "");
  if (s === "") return NaN;
  const c0 = s.charCodeAt(0);
  if ((c0 >= 48 && c0 <= 57) || c0 === 45) {
    if (s.length >= 10 && s[4] === "-" && s[7] === "-") {
      const iso = s.length > 10 && s[10] === " " ? `${s.slice(0, 10)}T${s.slice(11)}` : s;
      const zoned = /[zZ]$|[+-]\d\d:?\d\d$/.test(iso) || iso.length === 10 ? iso : `${iso}Z`;
      return Date.parse(zoned.length === 10 ? `${zoned}T00:00:00Z` : zoned);
    }
    const n = Number(s);
    if (Number.isFinite(n)) return Math.abs(n) < 1e11 ? n * 1000 : n;
  }
  return NaN;
}

/** A cell as a number; empty, non-numeric, NaN and infinite cells give NaN (a missing point). */
export function parseValue(cell: string): number {
  const s = cell.trim();
  if (s === "") return NaN;
  const v = Number(s.replace(/^"|"$/g, ""));
  return Number.isFinite(v) ? v : NaN;
}

export interface SeriesRow {
  /** 1-based line number in the text. */
  line: number;
  /** The timestamp cell as written (echoed in the output). */
  timestampText: string;
  valueText: string;
  t: number;
  value: number;
}

/**
 * Reads series CSV text in chunks of any size (a chunk may end mid-line), calling `onRow` for
 * every data row. The first non-blank line is a header when its first cell is not a timestamp;
 * columns named `timestamp`/`value` (any case) are used, else the first two. Blank lines are
 * skipped. Call `end()` after the last chunk.
 */
export class SeriesCsvReader {
  private carry = "";
  private line = 0;
  private ti = 0;
  private vi = 1;
  private first = true;
  rows = 0;

  constructor(private readonly onRow: (row: SeriesRow) => void) {}

  /** Feeds the next piece of text. */
  write(chunk: string): void {
    const text = this.carry ? this.carry + chunk : chunk;
    let pos = 0;
    for (;;) {
      const end = text.indexOf("\n", pos);
      if (end < 0) break;
      this.handle(text.charCodeAt(end - 1) === 13 ? text.slice(pos, end - 1) : text.slice(pos, end));
      pos = end + 1;
    }
    this.carry = text.slice(pos);
  }

  /** Handles a last line without a newline. */
  end(): void {
    if (this.carry) this.handle(this.carry.endsWith("\r") ? this.carry.slice(0, -1) : this.carry);
    this.carry = "";
  }

  private handle(raw: string): void {
    this.line++;
    if (raw.trim() === "") return;
    const cells = raw.split(",");
    if (this.first) {
      this.first = false;
      if (Number.isNaN(parseTimestamp(cells[0] ?? ""))) {
        const names = cells.map((c) => c.trim().replace(/^"|"$/g, "").toLowerCase());
        this.ti = Math.max(0, names.indexOf("timestamp"));
        const v = names.indexOf("value");
        this.vi = v >= 0 ? v : this.ti === 0 ? 1 : 0;
        return;
      }
    }
    const timestampText = cells[this.ti] ?? "";
    const valueText = cells[this.vi] ?? "";
    this.rows++;
    this.onRow({ line: this.line, timestampText, valueText, t: parseTimestamp(timestampText), value: parseValue(valueText) });
  }
}

/** Calls `onRow` for every data row of a whole text (see SeriesCsvReader). Returns the number of rows. */
export function forEachSeriesRow(text: string, onRow: (row: SeriesRow) => void): number {
  const reader = new SeriesCsvReader(onRow);
  reader.write(text);
  reader.end();
  return reader.rows;
}

import { parseCsvRows } from "./parse-csv.js";

/** Distinct values kept per column for the categorical tests; a column with more is not categorical data. */
export const MAX_CATEGORIES = 10_000;

/**
 * One column of a sample, accumulated a cell at a time: its numbers while every non-empty cell is
 * one (8 bytes a value: KS and Wasserstein need them all), and its category counts while there are
 * at most MAX_CATEGORIES distinct values (constant in the rows). Empty cells are counted as missing.
 */
export class ColumnSample {
  count = 0;
  missing = 0;
  private nums: Float64Array | undefined = new Float64Array(1024);
  counts: Map<string, number> | undefined = new Map();

  add(raw: string): void {
    const s = raw.trim();
    if (s === "") {
      this.missing++;
      return;
    }
    if (this.nums) {
      const v = Number(s);
      if (Number.isFinite(v)) {
        if (this.count === this.nums.length) {
          const grown = new Float64Array(this.nums.length * 2);
          grown.set(this.nums);
          this.nums = grown;
        }
        this.nums[this.count] = v;
      } else this.nums = undefined;
    }
    if (this.counts) {
      this.counts.set(s, (this.counts.get(s) ?? 0) + 1);
      if (this.counts.size > MAX_CATEGORIES) this.counts = undefined;
    }
    this.count++;
  }

  /** The values when every non-empty cell was a finite number, else undefined. */
  numbers(): Float64Array | undefined {
    return this.nums?.subarray(0, this.count);
  }
}

/**
 * Reads a CSV sample (RFC 4180, header row) in chunks of any size into one ColumnSample per header
 * name: a record may span chunks and, inside quotes, lines. Rows shorter than the header leave
 * empty cells; extra cells are ignored. Memory: the columns (see ColumnSample) and one record.
 */
export class SampleReader {
  readonly columns = new Map<string, ColumnSample>();
  private keys: string[] | undefined;
  private carry = "";
  private inQuote = false;
  private scanned = 0;

  write(chunk: string): void {
    const text = this.carry + chunk;
    let start = 0;
    for (let i = this.scanned; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) this.inQuote = !this.inQuote;
      else if (c === 10 && !this.inQuote) {
        this.record(text.slice(start, i));
        start = i + 1;
      }
    }
    this.carry = text.slice(start);
    this.scanned = this.carry.length;
  }

  /** Ends the input. Throws RangeError for an empty input or an unterminated quote. */
  end(): Map<string, ColumnSample> {
    if (this.inQuote) throw new RangeError("unterminated quoted field");
    if (this.carry !== "") this.record(this.carry);
    this.carry = "";
    if (!this.keys) throw new RangeError("the CSV has no header row");
    return this.columns;
  }

  private record(line: string): void {
    const row = parseCsvRows(line.endsWith("\r") ? line.slice(0, -1) : line)[0] ?? [""];
    if (!this.keys) {
      if (row.every((h) => h.trim() === "")) throw new RangeError("the CSV has no header row");
      this.keys = row.map((h) => h.trim());
      for (const k of this.keys) if (!this.columns.has(k)) this.columns.set(k, new ColumnSample());
      return;
    }
    if (row.length === 1 && row[0] === "") return;
    this.keys.forEach((k, i) => this.columns.get(k)!.add(row[i] ?? ""));
  }
}

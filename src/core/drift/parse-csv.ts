import type { Columns } from "./compare-samples.js";

/**
 * Parses CSV text (RFC 4180: comma separated, double-quoted fields with "" escapes, CRLF or LF)
 * with a header row into columns by header name. Rows shorter than the header leave empty cells;
 * extra cells are ignored. Throws RangeError for an empty input or an unterminated quote.
 */
export function parseCsvColumns(text: string): Columns {
  const rows = parseCsvRows(text);
  const header = rows.shift();
  if (!header || header.every((h) => h.trim() === "")) throw new RangeError("the CSV has no header row");
  const cols: Columns = new Map(header.map((h) => [h.trim(), [] as string[]]));
  const keys = header.map((h) => h.trim());
  for (const r of rows) {
    if (r.length === 1 && r[0] === "") continue;
    keys.forEach((k, i) => cols.get(k)!.push(r[i] ?? ""));
  }
  return cols;
}

/** The CSV's rows as arrays of cells. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"' && cell === "") {
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new RangeError("unterminated quoted field");
        cell += text.slice(j, q);
        if (text[q + 1] === '"') {
          cell += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      continue;
    }
    if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else {
      cell += ch;
    }
    i++;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

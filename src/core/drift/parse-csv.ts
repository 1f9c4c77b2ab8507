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

/** The CSV's rows as arrays of cells; fields are sliced, not built a character at a time. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const row: string[] = [];
    for (;;) {
      let cell: string;
      if (text.charCodeAt(i) === 34) {
        // quoted field: "" is an escaped quote
        let j = i + 1;
        cell = "";
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) throw new RangeError("unterminated quoted field");
          cell += text.slice(j, q);
          if (text.charCodeAt(q + 1) === 34) {
            cell += '"';
            j = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        // anything between the closing quote and the separator is kept, as most readers do
        let k = i;
        while (k < n && text.charCodeAt(k) !== 44 && text.charCodeAt(k) !== 10 && text.charCodeAt(k) !== 13) k++;
        cell += text.slice(i, k);
        i = k;
      } else {
        let k = i;
        while (k < n && text.charCodeAt(k) !== 44 && text.charCodeAt(k) !== 10 && text.charCodeAt(k) !== 13) k++;
        cell = text.slice(i, k);
        i = k;
      }
      row.push(cell);
      if (i < n && text.charCodeAt(i) === 44) {
        i++;
        continue;
      }
      break;
    }
    rows.push(row);
    if (text.charCodeAt(i) === 13) i++;
    if (text.charCodeAt(i) === 10) i++;
  }
  return rows;
}

import { mdCell as cell, mdText } from "../text/markdown.js";

/** Text from users in a Markdown table cell: escaped (src/core/text/markdown.ts), one line, pipes kept inside the cell. */
export function mdCell(text: string): string {
  return text === "" ? "" : cell(text);
}

/** Text from users inside Markdown prose: escaped, no HTML, no pings, no links. */
export function mdInline(text: string): string {
  return mdText(text);
}

/** A GitHub-flavoured Markdown table. Cells are escaped. */
export function mdTable(header: string[], rows: string[][], align?: ("l" | "r" | "c")[]): string {
  const sep = header.map((_, i) => ({ l: "---", r: "---:", c: ":---:" })[align?.[i] ?? "l"]);
  const line = (cells: string[]) => `| ${cells.map(mdCell).join(" | ")} |`;
  return [line(header), `| ${sep.join(" | ")} |`, ...rows.map(line)].join("\n");
}

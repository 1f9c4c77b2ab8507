/** Text from users (YAML values, messages) inside a Markdown table cell: no pipes, no newlines, no HTML, no pings. */
export function mdCell(text: string): string {
  return mdInline(text).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** Text from users inside Markdown prose: HTML neutralized, @mentions defused, links and emphasis escaped. */
export function mdInline(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]])/g, "\\$1")
    .replace(/@(?=[A-Za-z0-9])/g, "@\u200b");
}

/** A GitHub-flavoured Markdown table. Cells are escaped. */
export function mdTable(header: string[], rows: string[][], align?: ("l" | "r" | "c")[]): string {
  const sep = header.map((_, i) => ({ l: "---", r: "---:", c: ":---:" })[align?.[i] ?? "l"]);
  const line = (cells: string[]) => `| ${cells.map(mdCell).join(" | ")} |`;
  return [line(header), `| ${sep.join(" | ")} |`, ...rows.map(line)].join("\n");
}

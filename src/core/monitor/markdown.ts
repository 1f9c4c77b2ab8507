import { mdCell } from "../text/markdown.js";

/**
 * Markdown helpers for text the monitor did not write itself (summaries, names, values): escaped by
 * the one escaper (src/core/text/markdown.ts), on one line, safe in a table cell.
 */
export function mdText(s: string): string {
  return s.trim() === "" ? "" : mdCell(s);
}

/** A Markdown table from a header and rows of already-escaped cells. */
export function mdTable(header: string[], rows: string[][]): string {
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

/** ISO time to the minute, UTC: `2026-11-26 04:10Z`. */
export function mdTime(t: number): string {
  const iso = new Date(t).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`;
}

/** Owners split into GitHub users (assignable) and teams (mentioned): `@org/team` is a team. */
export function splitOwners(owners: string[]): { users: string[]; teams: string[] } {
  const users: string[] = [];
  const teams: string[] = [];
  for (const o of owners) {
    const name = o.replace(/^@/, "");
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]+)?$/.test(name)) continue;
    if (name.includes("/")) teams.push(`@${name}`);
    else users.push(name);
  }
  return { users, teams };
}

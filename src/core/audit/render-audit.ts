/**
 * The audit trail as Markdown (a table per model, every text escaped), CSV (RFC 4180 quoting; a
 * cell that a spreadsheet would run as a formula is prefixed with a quote) and JSON. Pure.
 */
import { mdCell } from "../text/markdown.js";
import { describePath, type AuditEntry } from "./audit-trail.js";

const versions = (vs: { version: string; weight: number }[]) => (vs.length === 0 ? "none" : vs.length === 1 ? vs[0]!.version : vs.map((v) => `${v.version} ${v.weight} %`).join(" / "));
const time = (t: string | undefined) => (t ? `${t.slice(0, 16).replace("T", " ")} UTC` : "");

export const AUDIT_COLUMNS = ["model", "stage", "from", "to", "commit", "committed", "pull request", "proposed by", "approved by", "merged", "apply started", "apply finished", "outcome", "path"] as const;

function cells(e: AuditEntry): string[] {
  return [
    e.model, e.stage, versions(e.from), versions(e.to), e.commit.sha.slice(0, 12), time(e.commit.date),
    e.pull ? `#${e.pull.number} ${e.pull.title}` : e.via === "direct push" ? "none (direct push)" : "unknown",
    e.pull?.author ?? "", e.approvers.join(" "), time(e.mergedAt), time(e.apply?.startedAt), time(e.apply?.completedAt), e.outcome, describePath(e.path),
  ];
}

/** Markdown: a heading, then one table row per stage change, newest first. */
export function renderAuditMarkdown(entries: AuditEntry[], notes: string[] = []): string {
  const lines = ["# Stage changes", ""];
  for (const n of notes) lines.push(`> ${mdCell(n)}`, "");
  if (entries.length === 0) return `${lines.join("\n")}No stage change found.\n`;
  lines.push(`| ${AUDIT_COLUMNS.join(" | ")} |`, `|${AUDIT_COLUMNS.map(() => "---").join("|")}|`);
  for (const e of [...entries].reverse()) {
    const link = e.pull && /^https?:\/\/[^\s()<>]+$/.test(e.pull.url) ? e.pull.url : undefined;
    const row = cells(e).map((c, i) => (i === 6 && e.pull && link ? `[#${e.pull.number}](${link}) ${mdCell(e.pull.title)}` : mdCell(c)));
    lines.push(`| ${row.join(" | ")} |`);
  }
  return `${lines.join("\n")}\n`;
}

/** A CSV field: quoted when needed; `= + - @` (and tab, CR) at the start get a leading `'` so a spreadsheet shows text. */
export function csvField(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV with a header row, oldest first, CRLF line ends (RFC 4180). */
export function renderAuditCsv(entries: AuditEntry[]): string {
  const rows = [AUDIT_COLUMNS.map(csvField).join(","), ...entries.map((e) => [...cells(e), e.pull?.url ?? "", e.commit.sha].map(csvField).join(","))];
  rows[0] += ",pull request url,commit sha";
  return `${rows.join("\r\n")}\r\n`;
}

/** JSON: `{ entries, notes }`, entries oldest first. */
export function renderAuditJson(entries: AuditEntry[], notes: string[] = []): string {
  return `${JSON.stringify({ entries, notes }, null, 2)}\n`;
}

/**
 * audit.html: the audit trail of stage changes (`steward audit`) as a sortable table, newest
 * first: stage, from → to, the pull request and its author, approvers, merge and apply times, the
 * outcome and how the version reached the stage. Every text escaped; links only to http(s) URLs.
 */
import { describePath, type AuditEntry } from "../audit/audit-trail.js";
import { escapeHtml, pageSlug } from "./escape-html.js";
import { formatTime } from "./format.js";
import { pageShell } from "./page-shell.js";
import { warnings } from "./render-index.js";
import { linkOrText, table } from "./render-parts.js";
import type { DashboardView } from "./types.js";

const versions = (vs: { version: string; weight: number }[]) => (vs.length === 0 ? "none" : vs.length === 1 ? vs[0]!.version : vs.map((v) => `${v.version} ${v.weight} %`).join(" / "));
const when = (t: string | undefined) => (t ? `<time datetime="${escapeHtml(t)}">${escapeHtml(formatTime(t))}</time>` : `<span class="muted">—</span>`);

function row(e: AuditEntry): string {
  const pull = e.pull ? `${linkOrText(`#${e.pull.number}`, e.pull.url)} ${escapeHtml(e.pull.title)}<br><span class="muted">by ${escapeHtml(e.pull.author)}</span>` : `<span class="muted">${e.via === "direct push" ? "direct push" : "unknown"}</span>`;
  const outcome = e.apply?.url ? linkOrText(e.outcome, e.apply.url) : escapeHtml(e.outcome);
  const flagged = e.path.kind === "skipped" ? ` class="h-critical badge"` : "";
  return [
    `<tr data-model="${escapeHtml(e.model)}">`,
    `<td data-sort="${escapeHtml(e.commit.date)}">${when(e.commit.date)}<br><code>${escapeHtml(e.commit.sha.slice(0, 7))}</code> <span class="muted">${escapeHtml(e.commit.author)}</span></td>`,
    `<th scope="row"><a href="models/${escapeHtml(pageSlug(e.model))}.html">${escapeHtml(e.model)}</a></th>`,
    `<td>${escapeHtml(e.stage)}</td><td>${escapeHtml(versions(e.from))} → ${escapeHtml(versions(e.to))}</td>`,
    `<td>${pull}</td>`,
    `<td>${e.approvers.length ? escapeHtml(e.approvers.join(", ")) : `<span class="muted">none</span>`}</td>`,
    `<td data-sort="${escapeHtml(e.mergedAt ?? "")}">${when(e.mergedAt)}</td>`,
    `<td data-sort="${escapeHtml(e.apply?.completedAt ?? "")}">${when(e.apply?.completedAt)}</td>`,
    `<td>${outcome}</td>`,
    `<td><span${flagged}>${escapeHtml(describePath(e.path))}</span></td>`,
    `</tr>`,
  ].join("");
}

/** The audit page; `view.audit` must be set. */
export function renderAuditPage(view: DashboardView): string {
  const audit = view.audit!;
  const head = ["When", "Model", "Stage", "Change", "Pull request", "Approved by", "Merged", "Applied", "Outcome", "How"].map((h) => `<button type="button">${h}</button>`);
  const body = [
    `<nav aria-label="Breadcrumb"><a href="index.html">All models</a></nav>`,
    `<h1>Stage changes</h1>`,
    `<p>Every change of a model's stages in git, with the pull request that proposed it, who approved it, when it was merged and applied, and how the version reached the stage. The same trail as <code>steward audit</code>.</p>`,
    warnings(audit.notes),
    audit.entries.length === 0 ? `<p class="muted">No stage change found.</p>` : table({ className: "sortable", caption: "Newest first. Select a column header to sort.", head, rows: [...audit.entries].sort((a, b) => b.commit.date.localeCompare(a.commit.date)).map(row) }),
  ].join("\n");
  return pageShell({ title: "Stage changes — model-steward dashboard", root: "", body, view });
}

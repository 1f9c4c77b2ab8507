import { cssToken, escapeHtml } from "./escape-html.js";
import { formatTime } from "./format.js";
import { HEALTH_RANK, healthBadge, pageShell } from "./page-shell.js";
import { linkOrText, stagesList, table } from "./render-parts.js";
import type { DashboardView, ModelView } from "./types.js";

const sortable = (label: string) => `<button type="button">${label}</button>`;

/** index.html: counts, a filter box and a sortable table of every model with its stages, health, incidents and PRs. */
export function renderIndex(view: DashboardView): string {
  const count = (pred: (m: ModelView) => boolean) => view.models.filter(pred).length;
  const incidents = view.models.reduce((n, m) => n + m.incidents.length, 0);
  const prs = view.models.reduce((n, m) => n + m.changes.length, 0);
  const summary = [
    ["Models", view.models.length],
    ["Critical", count((m) => m.health === "critical")],
    ["Warning", count((m) => m.health === "warning")],
    ["Healthy", count((m) => m.health === "ok")],
    ["Open incidents", incidents],
    ["Proposed PRs", prs],
  ]
    .map(([label, n]) => `<li><strong>${n}</strong>${label}</li>`)
    .join("");
  const body = [
    `<h1>Models</h1>`,
    `<ul class="summary" aria-label="Summary">${summary}</ul>`,
    view.audit ? `<p><a href="audit.html">Stage changes: who proposed, approved, merged and applied each (${view.audit.entries.length})</a></p>` : "",
    warnings(view.warnings),
    filters(view),
    table({
      id: "models",
      className: "sortable",
      caption: `Every governed model; health from the latest monitor run that covered it. Select a column header to sort.`,
      head: ["Model", "Health", "Checks", "Stages", "Owners", "Policy", "Open incidents", "Proposed PRs", "Last checked"].map(sortable),
      rows: view.models.map(row),
    }),
  ].join("\n");
  return pageShell({ title: "Models — model-steward dashboard", root: "", body, view, wide: true });
}

function row(m: ModelView): string {
  const incidents = m.incidents.length === 0 ? `<span class="muted">none</span>` : `<ul class="plain">${m.incidents.map((i) => `<li>${linkOrText(`${i.checkId} (${i.severity})`, i.url)}</li>`).join("")}</ul>`;
  const prs = m.changes.length === 0 ? `<span class="muted">none</span>` : `<ul class="plain">${m.changes.map((c) => `<li>${linkOrText(c.title ?? c.branch, c.url)}${c.status ? ` <span class="muted">(${escapeHtml(c.status)})</span>` : ""}</li>`).join("")}</ul>`;
  return [
    `<tr data-model="${escapeHtml(m.name)}" data-health="${escapeHtml(m.health)}" data-severity="${escapeHtml(m.worst)}" data-owners="${escapeHtml(m.owners.map(encodeURIComponent).join(" "))}">`,
    `<th scope="row" data-sort="${escapeHtml(m.name)}"><a class="model-link" href="models/${escapeHtml(m.slug)}.html">${escapeHtml(m.name)}</a><br><span class="muted">${escapeHtml(m.task)}</span></th>`,
    `<td data-label="Health" data-sort="${HEALTH_RANK[m.health]}">${healthBadge(m.health)}${environmentsList(m)}</td>`,
    `<td data-label="Checks" data-sort="${checksRank(m)}">${checksList(m)}</td>`,
    `<td data-label="Stages">${stagesList(m.stages)}</td>`,
    `<td data-label="Owners">${m.owners.length ? `<ul class="plain">${m.owners.map((o) => `<li>${escapeHtml(o)}</li>`).join("")}</ul>` : `<span class="muted">none</span>`}</td>`,
    `<td data-label="Policy">${escapeHtml(m.policy)}</td>`,
    `<td class="num" data-label="Open incidents" data-sort="${m.incidents.length}">${incidents}</td>`,
    `<td class="num" data-label="Proposed PRs" data-sort="${m.changes.length}">${prs}</td>`,
    `<td data-label="Last checked" data-sort="${escapeHtml(m.checkedAt ?? "")}">${m.checkedAt ? escapeHtml(formatTime(m.checkedAt)) : `<span class="muted">never</span>`}</td>`,
    `</tr>`,
  ].join("");
}

/** What each check said on the latest run, worst first; "no data", "stale" and read errors are shown as such. */
/** Several environments: each one's health under the model's, side by side. */
function environmentsList(m: ModelView): string {
  if (!m.environments?.length) return "";
  return `<ul class="plain envs">${m.environments.map((e) => `<li>${escapeHtml(e.name)}: ${healthBadge(e.health)}</li>`).join("")}</ul>`;
}

function checksList(m: ModelView): string {
  if (m.checks.length === 0) return `<span class="muted">${m.health === "unknown" ? "not checked" : "no checks"}</span>`;
  const sorted = [...m.checks].sort((a, b) => checkRank(a) - checkRank(b) || a.check.localeCompare(b.check));
  return `<ul class="plain checks">${sorted.map((c) => `<li><span class="badge ${checkClass(c)}" title="${escapeHtml(c.summary)}">${escapeHtml(c.check)}: ${escapeHtml(checkWord(c.status))}</span></li>`).join("")}</ul>`;
}

const CHECK_WORDS: Record<string, string> = { ok: "ok", "insufficient-data": "no data", "no-data": "no data", "read-error": "unreadable", unreadable: "unreadable", stale: "stale", anomaly: "anomaly", breach: "breach", finding: "finding" };
/** The word shown for a check status; a status this page does not know is shown as it is. */
export function checkWord(status: string): string {
  return CHECK_WORDS[status] ?? status;
}

/** Healthy green, a failing check in its severity's colour, no data / stale / unreadable grey. */
export function checkClass(c: { status: string; severity: string }): string {
  if (c.status === "ok") return "h-ok";
  if (["insufficient-data", "no-data", "read-error", "unreadable", "stale"].includes(c.status)) return "h-no-data";
  return `h-${cssToken(c.severity)}`;
}

function checkRank(c: { status: string; severity: string }): number {
  const cls = checkClass(c);
  return cls === "h-critical" ? 0 : cls === "h-warning" ? 1 : cls === "h-info" ? 2 : cls === "h-no-data" ? 3 : 4;
}

function checksRank(m: ModelView): number {
  return m.checks.reduce((r, c) => Math.min(r, checkRank(c)), 5);
}

/**
 * The filter bar: free text, and owner, severity and status selects; rows carry the data they match
 * (owners URL-encoded and space-separated, so an owner's text never becomes markup or splits).
 */
function filters(view: DashboardView): string {
  const owners = [...new Set(view.models.flatMap((m) => m.owners))].sort();
  const opt = (value: string, label: string) => `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`;
  const select = (id: string, label: string, options: string[]) => `<label for="${id}">${label}</label><select id="${id}" aria-controls="models">${opt("", "any")}${options.join("")}</select>`;
  const healths: [string, string][] = [["critical", "Critical"], ["warning", "Warning"], ["info", "Info"], ["no-data", "No data"], ["ok", "OK"], ["unknown", "Not monitored"]];
  return [
    `<div class="filter" role="search" aria-label="Model filters">`,
    `<label for="filter">Filter models</label><input id="filter" type="search" placeholder="name, stage, policy, check…" aria-controls="models" autocomplete="off">`,
    select("f-owner", "Owner", owners.map((o) => opt(encodeURIComponent(o), o))),
    select("f-severity", "Incident severity", [["critical", "critical"], ["warning", "warning"], ["info", "info"], ["none", "no open incident"]].map(([v, l]) => opt(v!, l!))),
    select("f-status", "Health", healths.map(([v, l]) => opt(v, l))),
    `<output id="filter-count" aria-live="polite">${view.models.length} of ${view.models.length} models shown</output>`,
    `</div>`,
  ].join("");
}

/** Notes for the reader (unreadable reports, missing history), or "" when there are none. */
export function warnings(list: string[]): string {
  if (list.length === 0) return "";
  return `<section aria-labelledby="notes-h"><h2 id="notes-h">Notes</h2><ul>${list.map((w) => `<li>${escapeHtml(w)}</li>`).join("")}</ul></section>`;
}

import { escapeHtml } from "./escape-html.js";
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
    warnings(view.warnings),
    `<div class="filter"><label for="filter">Filter models</label><input id="filter" type="search" placeholder="name, stage, policy, health…" aria-controls="models" autocomplete="off"><output id="filter-count" aria-live="polite">${view.models.length} of ${view.models.length} models shown</output></div>`,
    table({
      id: "models",
      className: "sortable",
      caption: `Every governed model; health from the latest monitor run that covered it. Select a column header to sort.`,
      head: ["Model", "Health", "Stages", "Policy", "Open incidents", "Proposed PRs", "Last checked"].map(sortable),
      rows: view.models.map(row),
    }),
  ].join("\n");
  return pageShell({ title: "Models — model-steward dashboard", root: "", body, view });
}

function row(m: ModelView): string {
  const incidents = m.incidents.length === 0 ? `<span class="muted">none</span>` : `<ul class="plain">${m.incidents.map((i) => `<li>${linkOrText(`${i.checkId} (${i.severity})`, i.url)}</li>`).join("")}</ul>`;
  const prs = m.changes.length === 0 ? `<span class="muted">none</span>` : `<ul class="plain">${m.changes.map((c) => `<li>${linkOrText(c.title ?? c.branch, c.url)}${c.status ? ` <span class="muted">(${escapeHtml(c.status)})</span>` : ""}</li>`).join("")}</ul>`;
  return [
    `<tr data-model="${escapeHtml(m.name)}" data-health="${m.health}">`,
    `<th scope="row" data-sort="${escapeHtml(m.name)}"><a class="model-link" href="models/${escapeHtml(m.slug)}.html">${escapeHtml(m.name)}</a><br><span class="muted">${escapeHtml(m.task)}</span></th>`,
    `<td data-label="Health" data-sort="${HEALTH_RANK[m.health]}">${healthBadge(m.health)}</td>`,
    `<td data-label="Stages">${stagesList(m.stages)}</td>`,
    `<td data-label="Policy">${escapeHtml(m.policy)}</td>`,
    `<td class="num" data-label="Open incidents" data-sort="${m.incidents.length}">${incidents}</td>`,
    `<td class="num" data-label="Proposed PRs" data-sort="${m.changes.length}">${prs}</td>`,
    `<td class="nowrap" data-label="Last checked" data-sort="${escapeHtml(m.checkedAt ?? "")}">${m.checkedAt ? escapeHtml(formatTime(m.checkedAt)) : `<span class="muted">never</span>`}</td>`,
    `</tr>`,
  ].join("");
}

/** Notes for the reader (unreadable reports, missing history), or "" when there are none. */
export function warnings(list: string[]): string {
  if (list.length === 0) return "";
  return `<section aria-labelledby="notes-h"><h2 id="notes-h">Notes</h2><ul>${list.map((w) => `<li>${escapeHtml(w)}</li>`).join("")}</ul></section>`;
}

import { cssToken, escapeHtml, safeHref } from "./escape-html.js";
import { checkClass, checkWord } from "./render-index.js";
import { formatBound, formatTime, formatValue } from "./format.js";
import { healthBadge, pageShell } from "./page-shell.js";
import { renderCharts } from "./render-charts.js";
import { renderHistograms } from "./render-histogram.js";
import { linkOrText, table, variantsText } from "./render-parts.js";
import type { DashboardView, ModelView, VersionView } from "./types.js";

/** models/<slug>.html: a model's stages, incidents, metric charts, versions against gates, stage and remediation history. */
export function renderModelPage(m: ModelView, view: DashboardView): string {
  const body = [
    `<nav aria-label="Breadcrumb"><a href="../index.html">All models</a></nav>`,
    `<h1>${escapeHtml(m.name)} ${healthBadge(m.health)}</h1>`,
    `<p>${escapeHtml(m.description)}</p>`,
    `<p class="muted">Task ${escapeHtml(m.task)} · policy ${escapeHtml(m.policy)} · owners ${m.owners.map(escapeHtml).join(", ")}${m.checkedAt ? ` · checked ${escapeHtml(formatTime(m.checkedAt))}` : ""}</p>`,
    section("stages", "Stages", table({ caption: "What each stage serves now, from model.yaml.", head: ["Stage", "Serves", "Traffic"], rows: m.stages.map((s) => `<tr><th scope="row">${escapeHtml(s.stage)}</th><td>${variantsText(s.variants)}</td><td>${s.variants.map((v) => `${v.weight} %`).join(" · ")}</td></tr>`) })),
    section("links", "Links", links(m)),
    section("checks", "Checks on the latest run", checks(m)),
    section("incidents", "Open incidents and proposed changes", incidents(m)),
    section("metrics", "Monitored metrics", renderCharts(m.charts, m.slug)),
    ...(m.drift ? [section("drift", "Data drift", drift(m))] : []),
    section("versions", "Versions and promotion gates", versions(m.versions)),
    section("stage-history", "Stage history", timeline(m)),
    section("remediation", "Remediation history", remediation(m)),
  ].join("\n");
  return pageShell({ title: `${m.name} — model-steward dashboard`, root: "../", body, view });
}

function section(id: string, title: string, html: string): string {
  return `<section aria-labelledby="${id}-h"><h2 id="${id}-h">${title}</h2>${html}</section>`;
}

function links(m: ModelView): string {
  const none = `<span class="muted">(no URL configured)</span>`;
  const items = [
    `<li>Model card: ${m.links.card ? `<a href="${safeHref(m.links.card) ?? ""}">MODEL_CARD.md</a>` : `<code>models/${escapeHtml(m.name)}/MODEL_CARD.md</code> ${none}`}</li>`,
    `<li>MLflow registered model: ${m.links.mlflow ? `<a href="${safeHref(m.links.mlflow) ?? ""}">${escapeHtml(m.name)} in MLflow</a>` : none}</li>`,
  ];
  const rows = m.links.versions.map((v) => `<tr><th scope="row">${escapeHtml(v.version)}</th><td>${v.mlflow ? linkOrText(`MLflow version of ${v.version}`, v.mlflow) : `<span class="muted">—</span>`}</td><td>${v.dvc ? (v.dvc.url ? linkOrText(v.dvc.path, v.dvc.url) : `<code>${escapeHtml(v.dvc.path)}</code>`) : ""}</td></tr>`);
  return `<ul>${items.join("")}</ul>${rows.length ? table({ caption: "Each version's MLflow model version and the DVC pointer of its artifact.", head: ["Version", "MLflow", "DVC pointer"], rows }) : ""}`;
}

function checks(m: ModelView): string {
  if (m.checks.length === 0) return `<p class="muted">${m.health === "unknown" ? "No monitor report covers this model." : "No check ran."}</p>`;
  const rows = m.checks.map((c) => `<tr><th scope="row">${escapeHtml(c.check)}</th><td><span class="badge ${checkClass(c)}">${escapeHtml(checkWord(c.status))}</span></td><td>${escapeHtml(c.severity)}</td><td>${escapeHtml(c.summary)}</td></tr>`);
  return table({ caption: "Each check's outcome on the latest monitor run: ok, a finding, or no data, stale or unreadable (never silently green).", head: ["Check", "Outcome", "Severity", "Summary"], rows });
}

function drift(m: ModelView): string {
  const d = m.drift!;
  const rows = d.rows.map((r) => `<tr><th scope="row">${escapeHtml(r.column)}</th><td>${escapeHtml(r.test ?? "—")}</td><td class="num">${r.statistic !== undefined ? escapeHtml(formatValue(r.statistic)) : "—"}</td><td class="num">${r.pValue !== undefined ? escapeHtml(formatValue(r.pValue)) : "—"}</td><td class="num">${r.threshold !== undefined ? escapeHtml(formatValue(r.threshold)) : "—"}</td><td><span class="badge ${r.verdict === "drift" ? "h-warning" : r.verdict === "ok" ? "h-ok" : "h-no-data"}">${escapeHtml(r.verdict)}</span>${r.note ? ` <span class="muted">${escapeHtml(r.note)}</span>` : ""}</td></tr>`);
  return `<p>Current sample against the baseline <code>${escapeHtml(d.baseline)}</code>, run of ${escapeHtml(formatTime(d.at))}: ${d.drifted.length ? `drift in ${d.drifted.map((c) => `<code>${escapeHtml(c)}</code>`).join(", ")}` : "no column drifted"}.</p>` +
    table({ caption: "One row per column and test.", head: ["Column", "Test", "Statistic", "p-value", "Threshold", "Verdict"], rows }) +
    renderHistograms(d.histograms ?? [], d.drifted, m.slug);
}

function incidents(m: ModelView): string {
  if (m.incidents.length === 0 && m.changes.length === 0) return `<p>No open incident and no proposed change.</p>`;
  const rows = [
    ...m.incidents.map((i) => `<tr><td><span class="badge h-${cssToken(i.severity)}">${escapeHtml(i.severity)}</span></td><td>${linkOrText(`${i.checkId}: ${i.kind}`, i.url)}</td><td>${escapeHtml(i.summary)}${i.since !== undefined ? `<br><span class="muted">since ${escapeHtml(formatTime(i.since))}</span>` : ""}</td></tr>`),
    ...m.changes.map((c) => `<tr><td><span class="badge h-info">PR</span></td><td>${linkOrText(c.title ?? c.branch, c.url)}</td><td>branch <code>${escapeHtml(c.branch)}</code>${c.status ? ` (${escapeHtml(c.status)})` : ""}</td></tr>`),
  ];
  const issues = m.issues.length ? `<p class="muted">Tracked in issue${m.issues.length > 1 ? "s" : ""} ${m.issues.map((n) => `#${n}`).join(", ")}.</p>` : "";
  return table({ caption: "From the latest monitor run.", head: ["Kind", "What", "Detail"], rows }) + issues;
}

function versions(list: VersionView[]): string {
  if (list.length === 0) return `<p class="muted">No version file.</p>`;
  const names = [...new Set(list.flatMap((v) => v.metrics.map((x) => x.name)))].sort();
  const rows = list.map((v) => {
    const cells = names.map((n) => {
      const x = v.metrics.find((y) => y.name === n);
      const value = x?.value === undefined ? `<span class="muted">—</span>` : escapeHtml(formatValue(x.value));
      const gates = (x?.gates ?? []).map((g) => {
        const cls = g.pass === undefined ? "s-none" : g.pass ? "s-pass" : "s-fail";
        const word = g.pass === undefined ? "missing" : g.pass ? "pass" : "fail";
        return `<br><span class="badge ${cls}" title="${escapeHtml(`${g.stage} gate ${formatBound(g.bound)}`)}">${word}: ${escapeHtml(g.stage)} ${escapeHtml(formatBound(g.bound))}</span>`;
      });
      return `<td class="num">${value}${gates.join("")}</td>`;
    });
    const served = v.servedIn.length ? v.servedIn.map(escapeHtml).join(", ") : v.archived ? "archived" : `<span class="muted">—</span>`;
    return `<tr><th scope="row">${escapeHtml(v.version)}</th><td>${served}</td>${cells.join("")}<td>${v.createdAt ? escapeHtml(v.createdAt.slice(0, 10)) : ""}${v.notes ? `<br><span class="muted">${escapeHtml(v.notes)}</span>` : ""}</td></tr>`;
  });
  return table({ caption: "Offline evaluation metrics of each version, checked against the policy's promotion gates per stage.", head: ["Version", "Serves in", ...names.map(escapeHtml), "Created / notes"], rows });
}

function timeline(m: ModelView): string {
  if (m.timeline.length === 0) return `<p class="muted">No stage change found in git history.</p>`;
  const items = m.timeline.map(
    (e) => `<li><time datetime="${new Date(e.at).toISOString()}">${escapeHtml(formatTime(e.at))}</time>: <strong>${escapeHtml(e.stage)}</strong> ${variantsText(e.from)} → ${variantsText(e.to)}<br><span class="muted">${escapeHtml(e.subject)} · <code>${escapeHtml(e.sha.slice(0, 7))}</code> by ${escapeHtml(e.author)}</span></li>`,
  );
  return `<ol class="timeline" aria-label="Stage changes, newest first">${items.join("")}</ol>`;
}

function remediation(m: ModelView): string {
  if (m.history.length === 0) return `<p class="muted">No finding or action in the monitor reports.</p>`;
  const rows = m.history.map(
    (h) => `<tr><td data-sort="${escapeHtml(h.at)}">${escapeHtml(formatTime(h.at))}</td><td>${h.severity ? `<span class="badge h-${cssToken(h.severity)}">${escapeHtml(h.severity)}</span> ` : ""}${escapeHtml(h.what)}</td><td>${linkOrText(h.detail, h.url)}</td><td>${escapeHtml(h.status ?? "")}</td></tr>`,
  );
  return table({ className: "sortable", caption: "Findings as they began and recovered, and the actions the monitor took, newest first.", head: ["When", "Event", "Detail", "Status"].map((h) => `<button type="button">${h}</button>`), rows });
}

import { formatDuration } from "../duration.js";
import { mdTable, mdText } from "./markdown.js";
import { compareHealth } from "./model-health.js";
import { findingChart } from "./render-incident.js";
import { gapsSection, healthRow, STATUS_ICON } from "./render-health.js";
import { formatValue } from "./render-chart.js";
import type { MonitorReport } from "./report.js";

/** The report for a terminal: a line per model, the findings, and what was (or would be) done. */
export function renderReportText(r: MonitorReport): string {
  const out: string[] = [];
  out.push(r.status.headline);
  out.push(`steward monitor${r.dryRun ? " (dry run)" : ""} at ${r.now}${r.shard ? `, shard ${r.shard}` : ""}: ${r.stats.models} models, ${r.stats.series} series, ${r.stats.findings} findings`);
  out.push("");
  const gaps = r.coverage.filter((c) => c.outcome === "unreadable" || c.outcome === "no-data" || c.outcome === "stale");
  if (gaps.length) {
    out.push("not seen:");
    for (const g of gaps) out.push(`  ${g.outcome.padEnd(10)} ${g.model}/${g.check}${g.variant ? ` (variant ${g.variant})` : ""}: ${g.detail}`);
    out.push("");
  }
  const width = Math.max(5, ...r.models.map((m) => m.model.length));
  for (const m of [...r.models].sort(compareHealth)) out.push(`  ${m.model.padEnd(width)}  ${STATUS_ICON[m.status].padEnd(12)}  serving ${m.serving}`);
  if (r.findings.length) {
    out.push("", "findings:");
    for (const f of r.findings) {
      const latest = f.latest ? ` latest ${formatValue(f.latest.value)}` : "";
      const lasted = f.kind === "drift" ? "" : `, lasted ${formatDuration(f.lastedSeconds)}`; // one sample: no duration
      out.push(`  ${f.severity.padEnd(8)} ${f.model}/${f.checkId} [${f.kind}]${latest}${lasted}: ${f.summary}`);
    }
  }
  if (r.actions.length) {
    out.push("", r.dryRun ? "would do:" : "did:");
    for (const a of r.actions) {
      out.push(`  ${a.status.padEnd(7)} ${a.summary}${a.url ? ` ${a.url}` : ""}${a.file ? ` -> ${a.file}` : ""}${a.error ? ` (${a.error})` : ""}`);
      if (a.preview) out.push(...a.preview.trimEnd().split("\n").map((l) => `      ${l}`), "");
    }
  }
  if (r.warnings.length) {
    out.push("", "warnings:");
    for (const w of r.warnings) out.push(`  ${w}`);
  }
  return `${out.join("\n")}\n`;
}

/** The GitHub job summary: every model's health in a table, a chart per finding, the actions. */
export function renderReportMarkdown(r: MonitorReport): string {
  const out: string[] = [];
  out.push(`**${mdText(r.status.headline)}**`, "");
  out.push(`## Model health${r.shard ? ` (shard ${r.shard})` : ""}${r.dryRun ? " — dry run" : ""}`, "");
  out.push(...gapsSection(r.coverage));
  out.push(`${r.stats.models} models, ${r.stats.series} series, ${r.stats.findings} findings at ${r.now}.`, "");
  out.push(mdTable(["model", "serving", "status", "checks", "incidents", "proposed"], [...r.models].sort(compareHealth).map(healthRow)), "");
  if (r.findings.length) {
    out.push("### Findings", "");
    for (const f of r.findings) {
      out.push(`**${mdText(f.model)} / ${mdText(f.checkId)}** (${f.severity}, ${f.kind}): ${mdText(f.summary)}`, "");
      const chart = findingChart(f);
      if (chart) out.push(chart, "");
    }
  }
  if (r.actions.length) {
    out.push(`### ${r.dryRun ? "Would do" : "Actions"}`, "");
    out.push(mdTable(["status", "action", "link"], r.actions.map((a) => [a.status, mdText(a.summary), a.url ? `[link](${a.url})` : a.error ? mdText(a.error) : a.file ? `\`${mdText(a.file)}\`` : ""])), "");
  }
  if (r.warnings.length) out.push("### Warnings", "", ...r.warnings.map((w) => `- ${mdText(w)}`), "");
  return out.join("\n");
}

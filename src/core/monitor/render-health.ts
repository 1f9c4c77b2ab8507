import { healthMarker, healthTitle } from "../github-conventions.js";
import { encodeState } from "./markers.js";
import { code } from "../text/markdown.js";
import { mdTable, mdText, mdTime } from "./markdown.js";
import { formatValue } from "./render-chart.js";
import { compareHealth, type HealthStatus, type ModelHealth } from "./model-health.js";
import type { Shard } from "./shard.js";
import { sortCoverage, type CoverageRow } from "./coverage.js";
import type { Incident } from "./types.js";

/** GitHub refuses issue bodies over 65,536 characters; stay well below. */
const MAX_BODY = 60_000;

export const STATUS_ICON: Record<HealthStatus, string> = { ok: "🟢 ok", "no-data": "⚪ no data", info: "🔵 info", warning: "🟠 warning", critical: "🔴 critical" };

const CHECK_ICON: Record<string, string> = { ok: "🟢", anomaly: "🟠", breach: "🔴", "insufficient-data": "⚪", "read-error": "⚠️", unreadable: "⚠️ unreadable", "no-data": "⚪ no data", stale: "⏳ stale" };

/** A check id (`latency@2026.10`) as one code span: an identifier, never split at its `@`. Safe in a table cell. */
const checkCode = (id: string) => code(id).replace(/\|/g, "\\|");

/** At most this many coverage gaps are listed in the health issue and the job summary; the rest are counted. */
const MAX_GAPS = 50;

/** The checks this run could not see (unreadable, no data, stale), first, as a table; [] when there are none. */
export function gapsSection(coverage: readonly CoverageRow[]): string[] {
  const gaps = sortCoverage(coverage.filter((r) => r.outcome === "unreadable" || r.outcome === "no-data" || r.outcome === "stale"));
  if (gaps.length === 0) return [];
  const rows = gaps.slice(0, MAX_GAPS).map((g) => [CHECK_ICON[g.outcome] ?? g.outcome, mdText(g.model), checkCode(g.check), g.variant ? checkCode(g.variant) : "", mdText(g.detail)]);
  return [
    `### Not seen on this run (${gaps.length})`,
    "",
    mdTable(["outcome", "model", "check", "variant", "why"], rows),
    ...(gaps.length > MAX_GAPS ? ["", `_${gaps.length - MAX_GAPS} more are in the run's JSON report._`] : []),
    "",
  ];
}

/** A table row of one model. */
export function healthRow(h: ModelHealth): string[] {
  const checks = h.checks.map((c) => `${CHECK_ICON[c.status] ?? ""} ${checkCode(c.check)}${c.latest !== undefined ? ` ${formatValue(c.latest)}` : ""}`).join("<br>");
  const incidents = h.incidents.map((i) => (i.issue === undefined ? "new" : `#${i.issue}`)).join(" ");
  // several environments: each one's status under the model's, side by side
  const envs = h.environments?.length ? `<br>${h.environments.map((e) => `${mdText(e.name)}: ${STATUS_ICON[e.status]}`).join(" · ")}` : "";
  return [mdText(h.model), mdText(h.serving), STATUS_ICON[h.status] + envs, checks || "no checks", incidents || "", h.changes.map((b) => `\`${mdText(b)}\``).join(" ")];
}

/**
 * The rolling model-health issue: title, and a body with every model's status (worst first),
 * open incidents and proposed PRs, and the hidden state the next run reads back. When the table
 * would exceed GitHub's body limit, healthy models are counted instead of listed.
 */
export function renderHealth(input: { health: ModelHealth[]; incidents: Incident[]; now: number; shard?: Shard; runUrl?: string; headline?: string; coverage?: CoverageRow[] }): { title: string; body: string } {
  const title = healthTitle(input.shard);
  const sorted = [...input.health].sort(compareHealth);
  const counts = new Map<HealthStatus, number>();
  for (const h of sorted) counts.set(h.status, (counts.get(h.status) ?? 0) + 1);
  const head = [
    healthMarker(input.shard),
    `## ${title}`,
    "",
    `Updated ${mdTime(input.now)}${input.runUrl ? ` by [this monitor run](${input.runUrl})` : ""}. ` +
      [...counts].map(([s, n]) => `${STATUS_ICON[s]}: ${n}`).join(" · "),
    "",
    ...(input.headline ? [`**${mdText(input.headline)}**`, ""] : []),
    ...gapsSection(input.coverage ?? []),
  ];
  const state = encodeState(input.incidents);
  const header = ["model", "serving", "status", "checks", "incidents", "proposed"];
  const rows: string[][] = [];
  let size = head.join("\n").length + state.length + 500;
  let omitted = 0;
  for (const h of sorted) {
    const row = healthRow(h);
    const len = row.join(" | ").length + 6;
    if (size + len > MAX_BODY) {
      omitted++;
      continue;
    }
    size += len;
    rows.push(row);
  }
  const body = [
    ...head,
    rows.length ? mdTable(header, rows) : "_No monitored models in this run._",
    ...(omitted ? ["", `_${omitted} more models are not listed (GitHub's size limit); see the run's job summary._`] : []),
    "",
    "_Managed by model-steward: this issue is rewritten on every monitor run; edits are lost._",
    state,
  ].join("\n");
  return { title, body };
}

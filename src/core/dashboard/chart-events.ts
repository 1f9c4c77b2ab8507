/**
 * The remediation events and stage changes that fall inside a chart's time range, to draw on the
 * same time axis as the metric: an issue opened, a PR proposed, a stage change merged (a rollback
 * or a promotion), the apply run that put it live, a finding that recovered. Pure.
 */
import type { AuditEntry } from "../audit/audit-trail.js";
import type { ChartEvent, ChartView, HistoryEntry, TimelineEntry } from "./types.js";

const versions = (vs: { version: string }[]) => vs.map((v) => v.version).join("/") || "none";

/**
 * Events within [first point, last point + two periods] of `chart`, oldest first; repeated identical
 * events are kept once. `applies` are the model's stage changes from the audit trail: each one whose
 * apply run completed (GitHub read) is an event at that time, applied or failed. The chart draws an event after its last point at its right edge.
 */
export function chartEvents(chart: Pick<ChartView, "points" | "checkId">, history: HistoryEntry[], timeline: TimelineEntry[], applies: readonly AuditEntry[] = []): ChartEvent[] {
  if (chart.points.length === 0) return [];
  const t0 = chart.points[0]!.t;
  const t1 = chart.points.at(-1)!.t;
  // a run acts right after the last point it read: keep what happened within two periods of the end
  const step = chart.points.length > 1 ? (t1 - t0) / (chart.points.length - 1) : 0;
  const inRange = (t: number) => t >= t0 && t <= t1 + 2 * step;
  const out: ChartEvent[] = [];
  for (const h of history) {
    if (!inRange(h.at)) continue;
    if (h.kind === "finding" && h.status === "recovered" && h.what.startsWith(`${chart.checkId}:`)) out.push({ t: h.at, kind: "recovered", label: `${h.what} recovered` });
    if (h.kind !== "action") continue;
    const mine = h.target?.endsWith(`/${chart.checkId}`) === true;
    if (h.what === "open-issue" && mine) out.push({ t: h.at, kind: "issue", label: `${h.detail}${h.status ? ` (${h.status})` : ""}` });
    else if (h.what === "propose-change") out.push({ t: h.at, kind: "pr", label: `${h.detail}${h.status ? ` (${h.status})` : ""}` });
    else if (h.what === "close-issue" && mine) out.push({ t: h.at, kind: "recovered", label: h.detail });
  }
  for (const e of timeline) {
    if (inRange(e.at)) out.push({ t: e.at, kind: "stage", label: `${e.stage}: ${versions(e.from)} → ${versions(e.to)} (${e.subject})` });
  }
  for (const a of applies) {
    const t = a.apply?.completedAt ? Date.parse(a.apply.completedAt) : NaN;
    if (!Number.isFinite(t) || !inRange(t)) continue;
    const pr = a.pull ? ` (PR #${a.pull.number})` : "";
    out.push({ t, kind: "applied", label: `${a.stage}: ${versions(a.from)} → ${versions(a.to)} ${a.outcome === "applied" ? "applied" : a.outcome}${pr}` });
  }
  const seen = new Set<string>();
  return out
    .sort((a, b) => a.t - b.t || a.label.localeCompare(b.label))
    .filter((e) => {
      const k = `${e.t}\u0000${e.kind}\u0000${e.label}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
}

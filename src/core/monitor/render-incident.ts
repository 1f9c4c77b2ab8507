import { formatDuration } from "../duration.js";
import type { ModelSpec, Severity } from "../types.js";
import { incidentKey, incidentMarker } from "../github-conventions.js";
import { mdTable, mdText, mdTime, splitOwners } from "./markdown.js";
import { formatValue, renderChart } from "./render-chart.js";
import { driftTable } from "./render-drift.js";
import type { MonitorFinding } from "./types.js";

/** What an incident issue says besides the finding: links and what the monitor did about it. */
export interface IncidentContext {
  model: ModelSpec;
  policy: string;
  runUrl?: string;
  /** One line per action taken for this incident on this run (PR proposed, event published...). */
  doing: string[];
  /** Seconds the metric must stay healthy before the issue closes. */
  recoverySeconds: number;
}


function boundText(b: MonitorFinding["bound"]): string {
  if (!b) return "none";
  return [b.min !== undefined ? `min ${formatValue(b.min)}` : "", b.max !== undefined ? `max ${formatValue(b.max)}` : ""].filter(Boolean).join(", ");
}

/** The evidence table shared by issues, comments and PRs. */
export function evidenceTable(findings: MonitorFinding[]): string {
  return mdTable(
    ["check", "severity", "kind", "latest", "threshold", "since", "lasted", "detectors", "score"],
    findings.map((f) => [
      mdText(f.checkId),
      f.severity,
      f.kind,
      f.latest ? `${formatValue(f.latest.value)} at ${mdTime(f.latest.t)}` : "n/a",
      boundText(f.bound),
      f.since !== undefined ? mdTime(f.since) : "n/a",
      formatDuration(f.lastedSeconds),
      f.fired.length ? mdText(f.fired.join(", ")) : "threshold",
      f.score.toFixed(2),
    ]),
  );
}

/** The chart of one finding's evidence with its threshold. */
export function findingChart(f: MonitorFinding): string {
  return renderChart(`${f.model} ${f.metric}`, f.evidence, f.bound);
}

/** The body of a new incident issue; starts with the hidden marker. */
export function incidentBody(f: MonitorFinding, ctx: IncidentContext): string {
  const { teams } = splitOwners(ctx.model.owners);
  return [
    incidentMarker(incidentKey(f.model, f.checkId)),
    `## ${mdText(f.model)}: ${mdText(f.checkId)}`,
    "",
    `${mdText(f.summary)}`,
    "",
    `**Severity** ${f.severity} · **policy** ${mdText(ctx.policy)} · **lasted** ${formatDuration(f.lastedSeconds)}${teams.length ? ` · **owners** ${teams.join(" ")}` : ""}`,
    "",
    evidenceTable([f]),
    "",
    f.drift ? driftTable(f.drift) : findingChart(f),
    "",
    "### What model-steward is doing",
    ...(ctx.doing.length ? ctx.doing.map((d) => `- ${d}`) : ["- Reporting only: the policy's rules ask for no other action."]),
    "",
    ctx.runUrl ? `Found by [this monitor run](${ctx.runUrl}).` : "",
    `_Managed by model-steward: a comment is added on each run while the check fails; the issue closes once ${f.kind === "drift" ? "the current sample has matched the baseline" : `${mdText(f.metric)} has been healthy`} for ${formatDuration(ctx.recoverySeconds)}._`,
  ]
    .filter((l, i, all) => !(l === "" && all[i - 1] === ""))
    .join("\n");
}

/** The comment a re-run adds while the check still fails. */
export function stillFailingComment(f: MonitorFinding, now: number, doing: string[], runUrl?: string): string {
  return [
    `Still failing at ${mdTime(now)}: ${mdText(f.summary)}`,
    "",
    evidenceTable([f]),
    ...(f.drift ? ["", driftTable(f.drift)] : []),
    ...(doing.length ? ["", ...doing.map((d) => `- ${d}`)] : []),
    ...(runUrl ? ["", `[Monitor run](${runUrl})`] : []),
  ].join("\n");
}

/** The comment that closes an issue on recovery. */
export function recoveredComment(metric: string, healthySince: number, now: number, recoverySeconds: number): string {
  return `Recovered: ${mdText(metric)} has been within its thresholds since ${mdTime(healthySince)} (${formatDuration((now - healthySince) / 1000)}, the policy asks for ${formatDuration(recoverySeconds)}). Closing.`;
}

/** The comment on a rollback or scale PR closed because its model recovered without it. */
export function changeNotNeededComment(model: string, metric: string, healthySince: number, now: number): string {
  return `Closing unmerged: ${mdText(model)} recovered without this change (${mdText(metric)} has been within its thresholds since ${mdTime(healthySince)}, ${formatDuration((now - healthySince) / 1000)}). If it degrades again, a new proposal is made against the repository as it is then.`;
}

/** The comment that closes a proposal to complete a split that the latest comparison no longer backs. */
export function splitNotBackedComment(model: string, reason: string | undefined): string {
  return `Closing unmerged: the latest comparison of ${mdText(model)}'s variants no longer backs giving the challenger all the traffic${reason ? ` (${mdText(reason)})` : " (it is not conclusive now)"}. The split stays as it is; a later run proposes completing it again when the comparison does.`;
}

/** The comment that reopens an issue when the check fails again. */
export function reopenedComment(f: MonitorFinding, now: number): string {
  return `Failing again at ${mdTime(now)}: ${mdText(f.summary)}\n\n${evidenceTable([f])}${f.drift ? `\n\n${driftTable(f.drift)}` : ""}`;
}

/** The comment that escalates: the new severity, why, and who is now called in. */
export function escalationComment(input: { from: Severity; to: Severity; reason: string; mention: string[] }): string {
  const who = input.mention.length ? `\n\ncc ${input.mention.join(" ")}` : "";
  return `**Escalated** from ${input.from} to ${input.to}: ${mdText(input.reason)}${who}`;
}

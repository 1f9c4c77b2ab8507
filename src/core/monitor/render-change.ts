import { changeCommitMessage, changeMarker, changeTitle } from "../github-conventions.js";
import { mdText } from "./markdown.js";
import { code } from "../text/markdown.js";
import { evidenceTable, findingChart } from "./render-incident.js";
import type { ChangePurpose, MonitorFinding } from "./types.js";

/** What a proposed PR says: why, the evidence, what merging does. */
export interface ChangeText {
  title: string;
  commitMessage: string;
  body: string;
}

export interface ChangeInput {
  purpose: ChangePurpose;
  model: string;
  /** The served stage and what it changes from and to, as a person reads it (`7`, `2026.10 80 % / 2026.11 20 %`). */
  stage: string;
  from: string;
  to: string;
  /** Why this target, one line. */
  reason: string;
  /** Which promotion-gate rule lets this change through (a rollback's), one line; omitted when none applies. */
  gateRule?: string;
  findings: MonitorFinding[];
  /** A person asked for the change (ChatOps): their login and the comment, shown instead of the evidence. */
  requestedBy?: { login: string; command: string; commentUrl?: string };
  /** Placeholder-bearing references to the incident issues, e.g. `{{issue:fraud-detection/accuracy}}`. */
  issueRefs: string[];
  runUrl?: string;
}

/** A placeholder the command replaces with `#<number>` once the issue exists. */
export function issuePlaceholder(key: string): string {
  return `{{issue:${key}}}`;
}

/** Title, commit message and body of a change PR. */
export function renderChange(c: ChangeInput): ChangeText {
  const title = changeTitle(c);
  const commitMessage = changeCommitMessage(title, c.reason);
  const body = [
    changeMarker(c.purpose, c.model),
    `## ${mdText(title)}`,
    "",
    `**${mdText(c.stage)}**: ${mdText(c.from)} → ${mdText(c.to)}. ${mdText(c.reason)}`,
    "",
    ...(c.gateRule ? [`**Promotion gates**: ${mdText(c.gateRule)}`, ""] : []),
    ...(c.requestedBy
      ? ["### Requested", "", `Requested by ${code(c.requestedBy.login)} with ${code(c.requestedBy.command)}${c.requestedBy.commentUrl && /^https:\/\/[^\s()<>]+$/.test(c.requestedBy.commentUrl) ? ` ([the comment](${c.requestedBy.commentUrl}))` : ""}, who has write access to this repository.`, ""]
      : ["### Evidence", "", evidenceTable(c.findings), ""]),
    ...c.findings.map(findingChart).filter(Boolean).flatMap((chart) => [chart, ""]),
    "### On merge",
    "",
    c.purpose === "scale"
      ? "`steward apply` updates the endpoint's capacity (instance count and autoscaling bounds)."
      : "`steward apply` moves the endpoint's traffic to the version(s) above with the model's rollout strategy; nothing is deleted, so this PR can itself be reverted.",
    "Later monitor runs check that the metric recovers within the policy's recovery window, and escalate the incident if it does not.",
    "",
    ...(c.issueRefs.length ? [`Incident: ${c.issueRefs.join(", ")}`] : []),
    ...(c.runUrl ? [`Proposed by [this monitor run](${c.runUrl}).`] : []),
    "_Proposed by model-steward. Close it unmerged to decline: it will not be proposed again inside the policy's cooldown._",
  ].join("\n");
  return { title, commitMessage, body };
}

/**
 * The GitHub conventions of model-steward, in one place: the hidden markers by which the bot finds
 * its issues, pull requests and comments again, the labels it puts on them, the branch names of the
 * changes it proposes and the titles a later run reads back. Every reader and every writer uses
 * these functions, so a convention changes with one edit and a reader can never disagree with the
 * writer. Pure: no I/O.
 *
 * A marker is an HTML comment `<!-- steward:<part>:<part> -->` (GitHub renders it as nothing). Each
 * part is percent-encoded outside [A-Za-z0-9._/@-], so no part can hold ":", a space or `-->`, and
 * two different keys never give the same marker. Model names and check ids are [a-z0-9-] and so
 * appear as they are.
 */

// ---------------------------------------------------------------------------------------------
// Markers: generic

const MARKER_PREFIX = "<!-- steward:";
const MARKER_SUFFIX = " -->";
const UNSAFE = /[^A-Za-z0-9._/@-]/gu;

/** Percent-encodes one character as its UTF-8 bytes (a lone surrogate becomes U+FFFD). */
const encode = (c: string) => [...new TextEncoder().encode(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");

/** The marker for a key made of `parts`, joined with ":". Throws RangeError on no part or an empty part. */
export function stewardMarker(...parts: string[]): string {
  if (parts.length === 0 || parts.some((p) => p === "")) throw new RangeError("a marker needs one or more non-empty parts");
  return `${MARKER_PREFIX}${parts.map((p) => p.replace(UNSAFE, encode)).join(":")}${MARKER_SUFFIX}`;
}

/** Whether `text` holds exactly this marker (a marker ends with " -->", so a longer key never matches a shorter one). */
export function hasMarker(text: string | null | undefined, marker: string): boolean {
  return (text ?? "").includes(marker);
}

/** The marker keys found in `text`, in order (e.g. ["incident:fraud-detection:accuracy"]). */
export function readMarkers(text: string | null | undefined): string[] {
  const keys: string[] = [];
  for (const m of (text ?? "").matchAll(/<!-- steward:([^\s>]+) -->/g)) keys.push(m[1] as string);
  return keys;
}

/** `body` with `marker` appended on its own line, unless it already holds it. */
export function withMarker(body: string, marker: string): string {
  return hasMarker(body, marker) ? body : `${body.trimEnd()}\n\n${marker}\n`;
}

/**
 * Makes text from outside (model descriptions, metric names, commit subjects, anything a person wrote)
 * unable to carry a marker or hide content: every "<!--" becomes "&lt;!--", which GitHub shows literally.
 * Apply it to each piece of foreign text before it goes into a body; never to a marker itself.
 */
export function neutralizeMarkers(text: string): string {
  return text.replace(/<!--/g, "&lt;!--");
}

// ---------------------------------------------------------------------------------------------
// Labels

/** The bot's label: on every issue and pull request it opens; issues are listed by it. */
export const BOT_LABEL = "model-steward";

/** The other labels the bot uses, by what they mark. */
export const LABELS = {
  incident: "incident",
  health: "model-health",
  configDrift: "drift",
  writeBack: "write-back",
  promotion: "promotion",
  newVersion: "new-version",
  applyFailed: "apply-failed",
  /** Put on a bot issue or PR closed because an older one with the same marker exists. */
  duplicate: "duplicate",
} as const;

/** `severity:critical`. */
export const severityLabel = (severity: string): string => `severity:${severity}`;
/** `model:fraud-detection`. */
export const modelLabel = (model: string): string => `model:${model}`;

// ---------------------------------------------------------------------------------------------
// Monitor incidents and the model-health issue

/** An incident is one (model, check); its key is `<model>/<check>`. */
export function incidentKey(model: string, checkId: string): string {
  return `${model}/${checkId}`;
}

/** `<!-- steward:incident:fraud-detection:accuracy -->` for key `fraud-detection/accuracy`: one issue per (model, check). */
export function incidentMarker(key: string): string {
  const at = key.indexOf("/");
  return at < 0 ? stewardMarker("incident", key) : stewardMarker("incident", key.slice(0, at), key.slice(at + 1));
}

/** The incident issue's labels. */
export function incidentLabels(model: string, severity: string): string[] {
  return [BOT_LABEL, LABELS.incident, severityLabel(severity), modelLabel(model)];
}

/** What an incident's finding says, by kind, in its title. */
const INCIDENT_TEXT: Record<string, string> = {
  threshold: "is outside its threshold",
  anomaly: "is anomalous",
  variant: "differs between variants",
  drift: "differs from its baseline sample",
  "no-data": "has no data",
  stale: "has stale data",
  unreadable: "could not be read",
};

/** `[critical] fraud-detection: accuracy is outside its threshold`, with `escalated` when it is. */
export function incidentTitle(model: string, checkId: string, kind: string, severity: string, escalated = false): string {
  return `[${severity}${escalated ? ", escalated" : ""}] ${model}: ${checkId} ${INCIDENT_TEXT[kind] ?? `has a ${kind} finding`}`;
}

/** The rolling model-health issue: one per repository, or one per shard when the run is sharded. */
export function healthMarker(shard?: { index: number; count: number }): string {
  return shard && shard.count > 1 ? stewardMarker("health", `shard-${shard.index}-of-${shard.count}`) : stewardMarker("health");
}

export function healthTitle(shard?: { index: number; count: number }): string {
  return shard && shard.count > 1 ? `Model health (shard ${shard.index}/${shard.count})` : "Model health";
}

export function healthLabels(): string[] {
  return [BOT_LABEL, LABELS.health];
}

// ---------------------------------------------------------------------------------------------
// Changes the monitor proposes (rollback, scale, end or complete a split)

export type ChangePurposeName = "rollback" | "scale" | "end-split" | "complete-split";

/** steward/rollback/<model>, steward/scale/<model>, steward/split/<model> (end and complete share one). */
export function changeBranch(purpose: ChangePurposeName, model: string): string {
  const dir = purpose === "end-split" || purpose === "complete-split" ? "split" : purpose;
  return `steward/${dir}/${model}`;
}

/** The purpose folder and model of a monitor change branch; undefined for any other branch. */
export function parseChangeBranch(branch: string): { dir: "rollback" | "scale" | "split"; model: string } | undefined {
  const m = /^steward\/(rollback|scale|split)\/([^/]+)$/.exec(branch);
  return m ? { dir: m[1] as "rollback" | "scale" | "split", model: m[2]! } : undefined;
}

/** Marks a PR body, next to its branch (which is what findPullRequest looks up). */
export function changeMarker(purpose: ChangePurposeName, model: string): string {
  return stewardMarker(purpose, model);
}

export function changeLabels(purpose: ChangePurposeName, model: string): string[] {
  return [BOT_LABEL, purpose, modelLabel(model)];
}

/** A change PR's title; its commit subject is `steward: ` and the title lower-cased at its start. */
export function changeTitle(c: { purpose: ChangePurposeName; model: string; stage: string; from: string; to: string }): string {
  if (c.purpose === "rollback") return `Roll back ${c.model} from ${c.from} to ${c.to}`;
  if (c.purpose === "scale") return `Scale ${c.model}: ${c.to}`;
  return `${c.purpose === "end-split" ? "End the split of" : "Complete the split of"} ${c.model}: ${c.stage} serves ${c.to}`;
}

/** The commit message of a change: a subject from the title, then the reason. */
export function changeCommitMessage(title: string, reason: string): string {
  return `steward: ${title.charAt(0).toLowerCase()}${title.slice(1)}\n\n${reason}`;
}

// ---------------------------------------------------------------------------------------------
// Configuration drift, apply, promote, register, the PR summary comment

/** One issue per target whose live state differs from git. */
export function configDriftMarker(target: string): string {
  return stewardMarker("drift", target);
}
export function configDriftTitle(target: string): string {
  return `Configuration drift: ${target} differs from git`;
}
export function configDriftLabels(): string[] {
  return [BOT_LABEL, LABELS.configDrift];
}

export const APPLY_FAILURE_MARKER = stewardMarker("apply-failure");
export const APPLY_FAILURE_TITLE = "steward apply failed on main";

export const WRITE_BACK_BRANCH = "steward/write-back/mlflow-versions";
export function writeBackLabels(): string[] {
  return [BOT_LABEL, LABELS.writeBack];
}

/** A version label as a git branch segment: no "..", no ".lock" ending (both are invalid in refs). */
function refSegment(s: string): string {
  return s.replace(/\.{2,}/g, ".").replace(/\.lock$/, "-lock");
}

/** `steward/promote/<model>-<version>-<stage>`: one pull request per (model, version, stage); a re-run updates it. */
export function promoteBranch(model: string, version: string, stage: string): string {
  return `steward/promote/${model}-${refSegment(version)}-${stage}`;
}
export function promoteMarker(model: string, version: string, stage: string): string {
  return stewardMarker("promote", model, version, stage);
}

/** `steward/register/<model>-<version>`. */
export function registerBranch(model: string, version: string): string {
  return `steward/register/${model}-${refSegment(version)}`;
}
export function registerMarker(model: string, version: string): string {
  return stewardMarker("register", model, version);
}

/** The one sticky PR comment that validate, card and plan share, and its sections' delimiters. */
export const PR_SUMMARY_MARKER = stewardMarker("pr-summary");
export const prSectionOpen = (section: string): string => `${MARKER_PREFIX}section:${section}${MARKER_SUFFIX}`;
export const prSectionClose = (section: string): string => `<!-- /steward:section:${section}${MARKER_SUFFIX}`;

// ---------------------------------------------------------------------------------------------
// Duplicates (two runs at once)

/** The comment on a bot issue or PR closed because `original` (older, same marker) exists. */
export function duplicateComment(original: { number: number; url?: string }): string {
  return `Duplicate of #${original.number}: two monitor runs opened the same item at once; the older one is kept.${original.url ? ` ${original.url}` : ""}`;
}

// ---------------------------------------------------------------------------------------------
// steward baseline: reference statistics refreshed from a healthy period

/** One open baseline pull request per model: a second run updates the same branch. */
export function baselineBranch(model: string): string {
  return `steward/baseline/${model}`;
}
export function baselineMarker(model: string): string {
  return stewardMarker("baseline", model);
}

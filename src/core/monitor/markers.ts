/**
 * Hidden markers in bot-made issues and PRs, so a later run finds them again, and the branch names
 * of proposed changes. Same shape as the GitHub adapter's markers (`<!-- steward:<part>:<part> -->`);
 * model names and check ids are [a-z0-9-], so they need no escaping.
 */
import type { Shard } from "./shard.js";
import type { ChangePurpose, Incident } from "./types.js";

/** `<!-- steward:incident:fraud-detection:accuracy -->` for key `fraud-detection/accuracy`: one issue per (model, check). */
export function incidentMarker(key: string): string {
  return `<!-- steward:incident:${key.replace("/", ":")} -->`;
}

/** The rolling model-health issue: one per repository, or one per shard when the run is sharded. */
export function healthMarker(shard?: Shard): string {
  return shard && shard.count > 1 ? `<!-- steward:health:shard-${shard.index}-of-${shard.count} -->` : "<!-- steward:health -->";
}

/** Marks a PR body, next to its branch (which is what findPullRequest looks up). */
export function changeMarker(purpose: ChangePurpose, model: string): string {
  return `<!-- steward:${purpose}:${model} -->`;
}

/** steward/rollback/<model>, steward/scale/<model>, steward/split/<model> (end and complete share one). */
export function changeBranch(purpose: ChangePurpose, model: string): string {
  const dir = purpose === "end-split" || purpose === "complete-split" ? "split" : purpose;
  return `steward/${dir}/${model}`;
}

const STATE_OPEN = "<!-- steward-state ";
const STATE_CLOSE = " -->";

/** The incidents, encoded in base64 JSON inside an HTML comment (a JSON string could hold `-->`). */
export function encodeState(incidents: Incident[]): string {
  const json = JSON.stringify({ v: 1, incidents });
  return `${STATE_OPEN}${toBase64(json)}${STATE_CLOSE}`;
}

/** The incidents stored in a health-issue body; [] when there are none or the block is damaged. */
export function decodeState(body: string | undefined): Incident[] {
  if (!body) return [];
  const at = body.indexOf(STATE_OPEN);
  if (at < 0) return [];
  const end = body.indexOf(STATE_CLOSE, at + STATE_OPEN.length);
  if (end < 0) return [];
  try {
    const parsed = JSON.parse(fromBase64(body.slice(at + STATE_OPEN.length, end))) as { v?: number; incidents?: unknown };
    if (parsed.v !== 1 || !Array.isArray(parsed.incidents)) return [];
    return parsed.incidents.filter(isIncident);
  } catch {
    return [];
  }
}

function isIncident(x: unknown): x is Incident {
  const i = x as Incident;
  return typeof i === "object" && i !== null && typeof i.model === "string" && typeof i.checkId === "string" && typeof i.openedAt === "number";
}

function toBase64(text: string): string {
  let bin = "";
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

function fromBase64(b64: string): string {
  const bin = atob(b64.trim());
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

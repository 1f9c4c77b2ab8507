/**
 * The monitor's state kept in the model-health issue (incidents, base64 JSON in a hidden comment).
 * The markers, labels, branches and titles themselves are in src/core/github-conventions.ts.
 */
import type { Incident } from "./types.js";

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

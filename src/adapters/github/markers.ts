/**
 * Hidden markers: HTML comments such as `<!-- steward:issue:fraud-detection:accuracy -->` that the bot writes
 * into the issues, pull requests and comments it owns, and finds them again by. GitHub renders them as nothing.
 */

const PREFIX = "<!-- steward:";
const SUFFIX = " -->";

/** Characters a marker key may not keep as they are: they are percent-encoded. */
const UNSAFE = /[^A-Za-z0-9._/@-]/gu;

/** Percent-encodes one character as its UTF-8 bytes (a lone surrogate becomes U+FFFD). */
const encode = (c: string) => [...Buffer.from(c, "utf8")].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");

/**
 * The marker for a key made of `parts` (e.g. "issue", model, check), joined with ":".
 * Each part is encoded so that no part can contain ":", spaces or "-->", and different keys never collide.
 */
export function stewardMarker(...parts: string[]): string {
  if (parts.length === 0 || parts.some((p) => p === "")) throw new RangeError("a marker needs one or more non-empty parts");
  const key = parts.map((p) => p.replace(UNSAFE, encode)).join(":");
  return `${PREFIX}${key}${SUFFIX}`;
}

/** Whether `text` holds exactly this marker (not merely a prefix of a longer one). */
export function hasMarker(text: string | null | undefined, marker: string): boolean {
  return (text ?? "").includes(marker);
}

/** The marker keys found in `text`, in order (e.g. ["issue:fraud-detection:accuracy"]). */
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
 * Apply it to each piece of foreign text before it goes into a body; never to the marker itself.
 */
export function neutralizeMarkers(text: string): string {
  return text.replace(/<!--/g, "&lt;!--");
}

/**
 * The one sticky pull-request comment that validate, card and plan share. Each owns a section
 * between hidden delimiters; updating one section keeps the others as they are.
 */

import { PR_SUMMARY_MARKER, prSectionClose, prSectionOpen } from "../github-conventions.js";

export const PR_COMMENT_MARKER = PR_SUMMARY_MARKER;
export const SECTIONS = ["validate", "card", "plan"] as const;
export type PrSection = (typeof SECTIONS)[number];

const open = (s: PrSection) => prSectionOpen(s);
const close = (s: PrSection) => prSectionClose(s);

/** The sections of an existing comment body (missing ones are absent). */
export function readSections(body: string | undefined): Partial<Record<PrSection, string>> {
  const out: Partial<Record<PrSection, string>> = {};
  for (const s of SECTIONS) {
    const a = body?.indexOf(open(s)) ?? -1;
    const b = body?.indexOf(close(s)) ?? -1;
    if (a >= 0 && b > a) out[s] = body!.slice(a + open(s).length, b).trim();
  }
  return out;
}

/** GitHub refuses a comment body over 65,536 characters; the comment stays below this. */
export const COMMENT_LIMIT = 65_000;

/**
 * The whole comment body with `section` set to `markdown`, sections in their fixed order, never
 * longer than COMMENT_LIMIT whatever the pull request's size: when it would be, the longest sections
 * are cut at a line boundary (open code fences and `<details>` closed again) and end with a note
 * pointing at the job summary (`summaryUrl` when known).
 */
export function mergeSection(body: string | undefined, section: PrSection, markdown: string, opts: { summaryUrl?: string } = {}): string {
  const sections: Partial<Record<PrSection, string>> = { ...readSections(body), [section]: markdown.trim() };
  const render = () => {
    const parts = SECTIONS.filter((s) => sections[s] !== undefined).map((s) => `${open(s)}\n${sections[s]}\n${close(s)}`);
    return [`### model-steward`, "", ...parts.flatMap((p) => [p, ""]), PR_COMMENT_MARKER, ""].join("\n");
  };
  let text = render();
  while (text.length > COMMENT_LIMIT) {
    const longest = SECTIONS.filter((s) => sections[s] !== undefined).sort((a, b) => sections[b]!.length - sections[a]!.length)[0]!;
    const keep = Math.max(0, sections[longest]!.length - (text.length - COMMENT_LIMIT) - 400);
    sections[longest] = truncate(sections[longest]!, keep, opts.summaryUrl);
    text = render();
  }
  return text;
}

/** A comment body of its own (a reply), cut like a section when it would pass COMMENT_LIMIT. */
export function fitComment(markdown: string, summaryUrl?: string): string {
  return markdown.length <= COMMENT_LIMIT ? markdown : truncate(markdown, COMMENT_LIMIT - 400, summaryUrl);
}

/** The first lines of `markdown` within `max` characters, its open fences and details closed, and a note. */
function truncate(markdown: string, max: number, summaryUrl?: string): string {
  const lines: string[] = [];
  let size = 0;
  for (const line of markdown.split("\n")) {
    if (size + line.length + 1 > max) break;
    lines.push(line);
    size += line.length + 1;
  }
  const closing: string[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (!m) continue;
    if (fence === undefined) fence = m[1];
    else if (m[1]!.startsWith(fence[0]!) && m[1]!.length >= fence.length) fence = undefined;
  }
  if (fence !== undefined) closing.push(fence);
  const opened = lines.filter((l) => /<details>/i.test(l)).length - lines.filter((l) => /<\/details>/i.test(l)).length;
  for (let i = 0; i < opened; i++) closing.push("</details>");
  const where = summaryUrl ? `[the job summary](${summaryUrl})` : "the job summary of this run";
  return [...lines, ...closing, "", `_Cut to fit GitHub's comment size limit: the full report is in ${where}._`].join("\n");
}

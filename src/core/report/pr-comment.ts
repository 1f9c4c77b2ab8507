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

/** The whole comment body with `section` set to `markdown`, sections in their fixed order. */
export function mergeSection(body: string | undefined, section: PrSection, markdown: string): string {
  const sections = { ...readSections(body), [section]: markdown.trim() };
  const parts = SECTIONS.filter((s) => sections[s] !== undefined).map((s) => `${open(s)}\n${sections[s]}\n${close(s)}`);
  return [`### model-steward`, "", ...parts.flatMap((p) => [p, ""]), PR_COMMENT_MARKER, ""].join("\n");
}

import { escapeHtml, safeHref } from "./escape-html.js";
import type { StageView } from "./types.js";
import type { StageVariant } from "../types.js";

/** `7`, or `2026.10 (80 %) · 2026.11 (20 %)` for a split; "none" when empty. Escaped. */
export function variantsText(variants: StageVariant[]): string {
  if (variants.length === 0) return "none";
  if (variants.length === 1) return escapeHtml(variants[0]!.version);
  return variants.map((v) => `${escapeHtml(v.version)} (${v.weight} %)`).join(" · ");
}

/** A list of a model's stages, each `stage: versions`. */
export function stagesList(stages: StageView[]): string {
  if (stages.length === 0) return `<span class="muted">no stage</span>`;
  return `<ul class="plain">${stages.map((s) => `<li class="stage"><strong>${escapeHtml(s.stage)}</strong>: ${variantsText(s.variants)}</li>`).join("")}</ul>`;
}

/** A link when `url` is safe, else the text alone. `text` is raw. */
export function linkOrText(text: string, url: string | undefined): string {
  const href = safeHref(url);
  return href ? `<a href="${href}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

/** A table inside a scrolling box, with a caption. Arguments are HTML. */
export function table(opts: { id?: string; className?: string; caption: string; head: string[]; rows: string[] }): string {
  const id = opts.id ? ` id="${opts.id}"` : "";
  const cls = opts.className ? ` class="${opts.className}"` : "";
  return `<div class="table-wrap"><table${id}${cls}><caption>${opts.caption}</caption><thead><tr>${opts.head.map((h) => `<th scope="col">${h}</th>`).join("")}</tr></thead><tbody>${opts.rows.join("")}</tbody></table></div>`;
}

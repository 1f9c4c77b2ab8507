import { createHash } from "node:crypto";
import { cssToken, escapeHtml } from "./escape-html.js";
import { formatTime } from "./format.js";
import { CHART_SCRIPT } from "./chart-script.js";
import { PAGE_SCRIPT } from "./page-script.js";
import { PAGE_CSS } from "./page-style.js";
import type { DashboardView, Health } from "./types.js";

const SCRIPT = `${PAGE_SCRIPT}${CHART_SCRIPT}`;
const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/**
 * The page's Content-Security-Policy (a meta tag, so it holds on GitHub Pages and from file://):
 * nothing loads from anywhere, and the only script and style that run are the page's own inline
 * ones, allowed by hash. Injected markup, if escaping ever failed, could neither run script nor
 * load anything.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src ${sha256(SCRIPT)}`,
  `style-src ${sha256(PAGE_CSS)}`,
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/**
 * A whole HTML document around `body` (already escaped HTML): inline CSS and script, a header that
 * links to the overview, a footer with the build time. `root` is the relative path to the site root
 * ("" for index.html, "../" for models/*.html). `title` is raw text. `wide` lets a page of wide tables
 * (the fleet) use more of a large screen.
 */
export function pageShell(opts: { title: string; root: string; body: string; view: DashboardView; wide?: boolean }): string {
  const { view } = opts;
  const runs = view.latestRun ? `latest monitor run ${formatTime(view.latestRun)} (${view.reportCount} report${view.reportCount === 1 ? "" : "s"})` : "no monitor report";
  return [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(opts.title)}</title><style>${PAGE_CSS}</style></head><body>`,
    `<header class="site"><a href="${opts.root}index.html">model-steward dashboard</a><p>Models, stages, metrics and remediation, from the repository and the monitor.</p></header>`,
    `<main id="main"${opts.wide ? ' class="wide"' : ""}>${opts.body}</main>`,
    `<footer>Generated for ${escapeHtml(formatTime(view.generatedAt))}; ${escapeHtml(runs)}.</footer>`,
    `<script>${SCRIPT}</script></body></html>`,
    "",
  ].join("\n");
}

const HEALTH_TEXT: Record<Health, string> = { ok: "OK", info: "Info", warning: "Warning", critical: "Critical", "no-data": "No data", unknown: "Not monitored" };

/** Worst first, for sorting by health. */
export const HEALTH_RANK: Record<Health, number> = { critical: 0, warning: 1, info: 2, "no-data": 3, ok: 4, unknown: 5 };

/** A health badge: colour plus a word, so it does not rely on colour alone. */
export function healthBadge(h: Health): string {
  return `<span class="badge h-${cssToken(h)}">${HEALTH_TEXT[h] ?? escapeHtml(h)}</span>`;
}

export function healthText(h: Health): string {
  return HEALTH_TEXT[h] ?? h;
}

import { mergeSection, PR_COMMENT_MARKER, type PrSection } from "../core/report/pr-comment.js";
import type { Scm } from "../ports.js";

/**
 * Sets one section of the sticky pull-request comment, creating the comment on first use. The other
 * sections are taken only from the bot's own comment (found by the marker and the bot's login): a
 * comment anyone else wrote with the marker in it is never read. `summaryUrl` is where the full text
 * is when the comment must be cut to GitHub's size limit (the run's job summary).
 */
export async function publishPrSection(scm: Scm, pullNumber: number, section: PrSection, markdown: string, summaryUrl?: string): Promise<void> {
  const existing = await scm.findComment(pullNumber, PR_COMMENT_MARKER);
  await scm.upsertComment(pullNumber, PR_COMMENT_MARKER, mergeSection(existing?.body, section, markdown, summaryUrl ? { summaryUrl } : {}));
}

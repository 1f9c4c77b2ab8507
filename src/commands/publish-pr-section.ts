import { mergeSection, PR_COMMENT_MARKER, type PrSection } from "../core/report/pr-comment.js";
import type { Scm } from "../ports.js";

/** Sets one section of the sticky pull-request comment, creating the comment on first use. */
export async function publishPrSection(scm: Scm, pullNumber: number, section: PrSection, markdown: string): Promise<void> {
  const comments = await scm.listComments(pullNumber);
  const existing = [...comments].reverse().find((c) => c.body.includes(PR_COMMENT_MARKER));
  await scm.upsertComment(pullNumber, PR_COMMENT_MARKER, mergeSection(existing?.body, section, markdown));
}

import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { mergeSection, type PrSection } from "../core/report/pr-comment.js";
import { redactOutput } from "../adapters/output/redaction.js";

/** The folder (under RUNNER_TEMP) pr.yml uploads as the `steward-pr-comment` artifact for a fork's pull request. */
export const PR_COMMENT_ARTIFACT_DIR = "steward-pr-comment";

/**
 * For a pull request from a fork (read-only token: the comment cannot be posted from this run), sets
 * the section in `<RUNNER_TEMP>/steward-pr-comment/comment.md`, the whole sticky comment as the
 * validate, card and plan steps of the job build it (mergeSection, redacted, under the size limit);
 * the separate workflow_run job (.github/workflows/pr-comment.yml) posts that file without checking
 * out or running the pull request's code. Returns the file written, or undefined without RUNNER_TEMP.
 */
export async function writePrSectionArtifact(env: Record<string, string | undefined>, section: PrSection, markdown: string, summaryUrl?: string): Promise<string | undefined> {
  if (!env.RUNNER_TEMP) return undefined;
  const dir = join(env.RUNNER_TEMP, PR_COMMENT_ARTIFACT_DIR);
  await mkdir(dir, { recursive: true });
  const file = join(dir, "comment.md");
  const previous = await readFile(file, "utf8").catch(() => undefined);
  await writeFile(file, mergeSection(previous, section, redactOutput(markdown), summaryUrl ? { summaryUrl } : {}));
  return file;
}

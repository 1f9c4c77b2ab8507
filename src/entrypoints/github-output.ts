import * as core from "@actions/core";
import type { Finding } from "../core/result.js";

/**
 * Workflow annotations for findings (GitHub shows at most ten errors and ten warnings a step, so
 * the job summary must list everything) and the job summary itself.
 */
export function emitAnnotations(findings: Finding[], title = "steward"): void {
  for (const f of findings) {
    const props: core.AnnotationProperties = { file: f.file, title: `${title}: ${f.code}` };
    if (f.line !== undefined) props.startLine = f.line;
    if (f.column !== undefined) props.startColumn = f.column;
    if (f.severity === "error") core.error(f.message, props);
    else core.warning(f.message, props);
  }
}

/** Appends Markdown to the job summary when running in Actions; returns false elsewhere. */
export async function writeJobSummary(markdown: string): Promise<boolean> {
  if (!process.env.GITHUB_STEP_SUMMARY) return false;
  await core.summary.addRaw(markdown, true).write();
  return true;
}

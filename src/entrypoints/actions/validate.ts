import { resolve } from "node:path";
import { parallelChecker } from "../../adapters/fs/parallel-checker.js";
import { fsRepoFiles } from "../../adapters/fs/repo-files.js";
import { gitCliHistory } from "../../adapters/git/git-cli-history.js";
import { actionsLogger } from "../../adapters/log/actions-logger.js";
import { gitPromotionHistory } from "../../commands/promotion-history.js";
import { publishPrSection } from "../../commands/publish-pr-section.js";
import { validateRepo } from "../../commands/validate.js";
import { InputLimitError } from "../../core/repo/document-limits.js";
import { describeError } from "../../core/errors.js";
import { renderValidateSummary } from "../../core/report/validate-report.js";
import { actionLog, emitAnnotations, writeJobSummary, setOutput } from "../github-output.js";
import { readGitHubEnv } from "../github-env-read.js";
import { loadScmFromEnv } from "../github-scm.js";
import { writePrSectionArtifact } from "../pr-comment-artifact.js";
import { booleanInput, optionalInput } from "./inputs.js";

/** The validate action: inputs -> `steward validate` -> annotations, summary, PR comment section, outputs. */
export async function run(env: Record<string, string | undefined> = process.env): Promise<void> {
  try {
    const gh = readGitHubEnv(env);
    const root = resolve(optionalInput("root") ?? ".");
    const base = optionalInput("base") ?? gh.pullBase;
    const logger = actionsLogger();
    const git = gitCliHistory(root);
    // Octokit loads only with a token to use, the S3 client only with check-remote (start-up time).
    const scm = await loadScmFromEnv(gh, logger);
    const pullRequest = gh.pullNumber ? (await import("../github-env.js")).pullRequestFromEnv(gh, scm) : undefined;
    const checkRemote = booleanInput("check-remote");
    const s3DvcRemote = checkRemote ? (await import("../../adapters/aws/s3-dvc-remote.js")).s3DvcRemote : undefined;
    const report = await validateRepo(
      { files: fsRepoFiles(root), git, history: base ? gitPromotionHistory(git, base) : undefined, ...(s3DvcRemote ? { remoteFor: (o: Record<string, string>) => s3DvcRemote(o) } : {}), checker: parallelChecker(root), logger, ...(pullRequest ? { pullRequest } : {}) },
      { ...(base ? { base } : {}), checkRemote, changedOnly: booleanInput("changed-only"), now: new Date() },
    );
    emitAnnotations(report.findings, "steward validate");
    const summary = renderValidateSummary(report);
    await writeJobSummary(summary);
    if (gh.pullNumber && booleanInput("comment", true) && !gh.fromFork) {
      if (scm) await publishPrSection(scm, gh.pullNumber, "validate", summary, gh.runUrl);
    } else if (gh.pullNumber && gh.fromFork && booleanInput("comment", true)) {
      // A fork's run has a read-only token: pr-comment.yml posts this section from the artifact.
      await writePrSectionArtifact(env, "validate", summary, gh.runUrl);
    }
    setOutput("errors", String(report.errorCount));
    setOutput("warnings", String(report.warningCount));
    if (report.errorCount > 0) actionLog.fail(`${report.errorCount} problem(s) in the governed repository`);
  } catch (err) {
    // A refused file (too deep, an alias bomb) is annotated at its line as well.
    if (err instanceof InputLimitError) emitAnnotations([...err.findings], "steward validate");
    actionLog.fail(describeError(err));
  }
}

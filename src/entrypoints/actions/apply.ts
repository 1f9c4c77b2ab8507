import { resolve } from "node:path";
import { fsRepoFiles } from "../../adapters/fs/repo-files.js";
import { actionsLogger } from "../../adapters/log/actions-logger.js";
import { runApply } from "../../commands/apply.js";
import { proposeWriteBack, type AssignedVersion } from "../../commands/write-back.js";
import { gitCliHistory } from "../../adapters/git/git-cli-history.js";
import { failNamedSkipped, parseTargets } from "../../commands/plan.js";
import { assignedVersions } from "../../commands/reconcile-mlflow.js";
import { reportApplyFailure } from "../../commands/report-apply-failure.js";
import { describeError } from "../../core/errors.js";
import { renderPlanMarkdown } from "../../core/plan/render-plan.js";
import type { RepoFiles, Scm } from "../../ports.js";
import { targetSlots } from "../cli/plan.js";
import { actionLog, emitAnnotations, writeJobSummary, setOutput } from "../github-output.js";
import { applyLockFromEnv, UNLOCKED_NOTE } from "../apply-lock-env.js";
import { readGitHubEnv } from "../github-env-read.js";
import { loadScmFromEnv } from "../github-scm.js";
import { booleanInput, optionalInput } from "./inputs.js";

/**
 * The apply action, on push to main: reconcile MLflow and SageMaker, then report. A failure opens
 * (or updates) one issue, since nobody watches a post-merge job; the next success closes it. With
 * write-back, the MLflow version numbers assigned are proposed as a pull request.
 */
export async function run(env: Record<string, string | undefined> = process.env): Promise<void> {
  try {
    const gh = readGitHubEnv(env);
    const root = resolve(optionalInput("root") ?? ".");
    const files = fsRepoFiles(root);
    const logger = actionsLogger();
    const targets = parseTargets(optionalInput("target"));
    const dryRun = booleanInput("dry-run");
    const now = new Date();
    const noLock = !booleanInput("lock", true);
    const lockWait = optionalInput("lock-wait");
    const lock = dryRun ? undefined : applyLockFromEnv(gh, env, logger, { noLock, breakLock: booleanInput("break-lock"), ...(lockWait ? { wait: lockWait } : {}), ...(gh.sha ? { commit: gh.sha } : {}) });
    if (!dryRun && noLock) actionLog.warning(UNLOCKED_NOTE);
    const run = await runApply(
      { files, reconcilers: await targetSlots(env, files), logger, ...(lock ? { lock } : {}) },
      { now, dryRun, ...(targets ? { targets } : {}), ...(gh.sha ? { commit: gh.sha } : {}), ...(gh.repository ? { repoUrl: `${gh.serverUrl}/${gh.repository}` } : {}) },
    );
    // A target named in the `target` input that is not configured failed (the CLI's exit 2): said in the summary and the failure issue.
    const result = { ...run, reports: failNamedSkipped(run.reports, targets) };
    emitAnnotations(result.findings, "steward apply");
    await writeJobSummary(renderPlanMarkdown(result.reports, { title: dryRun ? "Apply (dry run)" : "Apply" }));
    const scm = dryRun ? undefined : await loadScmFromEnv(gh, logger);
    if (scm) {
      const action = await reportApplyFailure({ scm, logger }, { findings: result.findings, reports: result.reports, ...(gh.sha ? { commit: gh.sha } : {}), ...(gh.runUrl ? { runUrl: gh.runUrl } : {}), now });
      setOutput("failure-issue", action);
    }
    const assigned = assignedVersions(result.reports.flatMap((r) => r.outcomes ?? []));
    setOutput("assigned", JSON.stringify(assigned));
    // The write-back PR targets the branch this apply ran for (main, on a push).
    const base = env.GITHUB_REF_NAME || "main";
    if (scm && assigned.length && booleanInput("write-back", true)) await writeBack(scm, files, root, assigned, gh.sha, base, logger);
    const failed = result.reports.filter((r) => r.status === "failed");
    for (const r of failed) actionLog.error(`${r.target}: ${r.reason ?? "failed"}`, { title: `steward apply ${r.target}` });
    if (result.findings.some((f) => f.severity === "error")) actionLog.fail("nothing applied: the repository has errors");
    else if (failed.length) actionLog.fail(`apply failed for ${failed.map((r) => r.target).join(", ")}`);
  } catch (err) {
    actionLog.fail(describeError(err));
  }
}

/**
 * Proposes the numbers as one pull request built from the base branch on the remote (never from this
 * checkout), cards re-rendered; numbers that could not be recorded fail the step, naming each.
 */
async function writeBack(scm: Scm, files: RepoFiles, root: string, assigned: AssignedVersion[], sha: string | undefined, base: string, logger: ReturnType<typeof actionsLogger>): Promise<void> {
  const out = await proposeWriteBack({ scm, files, git: gitCliHistory(root), logger }, { assigned, base, ...(sha ? { commit: sha } : {}) });
  if (out.pullRequest) {
    logger.info(`write-back: ${out.recorded.length} MLflow version number(s) proposed in ${out.pullRequest.url}`);
    setOutput("write-back-pr", out.pullRequest.url);
  } else logger.info(`write-back: every MLflow version number is already recorded on ${base}`);
  for (const w of out.warnings) actionLog.warning(w, { title: "steward apply write-back" });
  for (const s of out.skipped) actionLog.error(`MLflow version ${s.version} not recorded: ${s.reason}`, { title: "steward apply write-back" });
  if (out.skipped.length) actionLog.fail(`applied, but ${out.skipped.length} MLflow version number(s) could not be recorded in a pull request`);
}

import * as core from "@actions/core";
import { resolve } from "node:path";
import { fsRepoFiles } from "../../adapters/fs/repo-files.js";
import { actionsLogger } from "../../adapters/log/actions-logger.js";
import { runApply, writeBackModelVersions } from "../../commands/apply.js";
import { parseTargets } from "../../commands/plan.js";
import { assignedVersions } from "../../commands/reconcile-mlflow.js";
import { reportApplyFailure } from "../../commands/report-apply-failure.js";
import { describeError } from "../../core/errors.js";
import { WRITE_BACK_BRANCH, writeBackLabels } from "../../core/github-conventions.js";
import { renderPlanMarkdown } from "../../core/plan/render-plan.js";
import type { RepoFiles, Scm } from "../../ports.js";
import { targetSlots } from "../cli/plan.js";
import { actionLog, emitAnnotations, writeJobSummary } from "../github-output.js";
import { readGitHubEnv, scmFromEnv } from "../github-env.js";
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
    const result = await runApply(
      { files, reconcilers: targetSlots(env, files), logger },
      { now, dryRun, ...(targets ? { targets } : {}), ...(gh.sha ? { commit: gh.sha } : {}), ...(gh.repository ? { repoUrl: `${gh.serverUrl}/${gh.repository}` } : {}) },
    );
    emitAnnotations(result.findings, "steward apply");
    await writeJobSummary(renderPlanMarkdown(result.reports, { title: dryRun ? "Apply (dry run)" : "Apply" }));
    const scm = dryRun ? undefined : scmFromEnv(gh, logger);
    if (scm) {
      const action = await reportApplyFailure({ scm, logger }, { findings: result.findings, reports: result.reports, ...(gh.sha ? { commit: gh.sha } : {}), ...(gh.runUrl ? { runUrl: gh.runUrl } : {}), now });
      core.setOutput("failure-issue", action);
    }
    const assigned = assignedVersions(result.reports.flatMap((r) => r.outcomes ?? []));
    core.setOutput("assigned", JSON.stringify(assigned));
    // The write-back PR targets the branch this apply ran for (main, on a push).
    const base = env.GITHUB_REF_NAME || "main";
    if (scm && assigned.length && booleanInput("write-back", true)) await proposeWriteBack(scm, files, assigned, gh.sha, base, logger);
    const failed = result.reports.filter((r) => r.status === "failed");
    for (const r of failed) actionLog.error(`${r.target}: ${r.reason ?? "failed"}`, { title: `steward apply ${r.target}` });
    if (result.findings.some((f) => f.severity === "error")) actionLog.fail("nothing applied: the repository has errors");
    else if (failed.length) actionLog.fail(`apply failed for ${failed.map((r) => r.target).join(", ")}`);
  } catch (err) {
    actionLog.fail(describeError(err));
  }
}

/** Writes the numbers into the version files of the checkout and proposes them as one pull request. */
async function proposeWriteBack(scm: Scm, files: RepoFiles, assigned: { file: string; version: string; name: string; stewardVersion: string }[], sha: string | undefined, base: string, logger: ReturnType<typeof actionsLogger>): Promise<void> {
  const results = await writeBackModelVersions(files, assigned);
  const changed: Record<string, string> = {};
  for (const r of results.filter((x) => x.status === "written")) changed[r.file] = new TextDecoder().decode((await files.read(r.file))!);
  if (Object.keys(changed).length === 0) return;
  const rows = assigned.map((a) => `| ${a.name} | ${a.stewardVersion} | ${a.version} |`);
  const pr = await scm.proposeChange({
    branch: WRITE_BACK_BRANCH,
    base,
    title: "Record the MLflow version numbers assigned by apply",
    body: [`\`steward apply\`${sha ? ` at ${sha.slice(0, 12)}` : ""} registered these versions in MLflow. Merging records their numbers as \`mlflow.modelVersion\`, so later applies find them by number.`, "", "| model | version | MLflow version |", "|---|---|---:|", ...rows].join("\n"),
    labels: writeBackLabels(),
    commitMessage: "Record MLflow model version numbers",
    files: changed,
  });
  logger.info(`proposed ${pr.url}`);
}

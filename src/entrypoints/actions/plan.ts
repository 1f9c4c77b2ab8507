import { resolve } from "node:path";
import { fsRepoFiles } from "../../adapters/fs/repo-files.js";
import { actionsLogger } from "../../adapters/log/actions-logger.js";
import { failNamedSkipped, parseTargets, runPlan } from "../../commands/plan.js";
import { publishPrSection } from "../../commands/publish-pr-section.js";
import { describeError } from "../../core/errors.js";
import { renderPlanByModel, renderPlanMarkdown } from "../../core/plan/render-plan.js";
import { realChanges } from "../../core/plan/types.js";
import { targetSlots } from "../cli/plan.js";
import { actionLog, emitAnnotations, writeJobSummary, setOutput } from "../github-output.js";
import { readGitHubEnv } from "../github-env-read.js";
import { loadScmFromEnv } from "../github-scm.js";
import { writePrSectionArtifact } from "../pr-comment-artifact.js";
import { booleanInput, optionalInput } from "./inputs.js";

/** The plan action: what the merge would change in MLflow and SageMaker, in the summary and the sticky comment. */
export async function run(env: Record<string, string | undefined> = process.env): Promise<void> {
  try {
    const gh = readGitHubEnv(env);
    const root = resolve(optionalInput("root") ?? ".");
    const files = fsRepoFiles(root);
    const logger = actionsLogger();
    const targets = parseTargets(optionalInput("target"));
    const run = await runPlan(
      { files, reconcilers: await targetSlots(env, files), logger },
      { now: new Date(), ...(targets ? { targets } : {}), ...(gh.sha ? { commit: gh.sha } : {}), ...(gh.repository ? { repoUrl: `${gh.serverUrl}/${gh.repository}` } : {}) },
    );
    // A target named in the `target` input that is not configured failed (the CLI's exit 2): said in the summary and the comment.
    const result = { ...run, reports: failNamedSkipped(run.reports, targets) };
    emitAnnotations(result.findings, "steward plan");
    const blocked = result.findings.some((f) => f.severity === "error");
    const markdown = blocked ? "## Plan\n\nNothing planned: the repository has errors (see the validate section)." : renderPlanMarkdown(result.reports, { title: "Plan" });
    await writeJobSummary(markdown);
    // The comment shows the same plan per model (what a reviewer reads model by model).
    const comment = blocked ? markdown : renderPlanByModel(result.reports, { title: "Plan" });
    if (gh.pullNumber && booleanInput("comment", true) && !gh.fromFork) {
      const scm = await loadScmFromEnv(gh, logger);
      if (scm) await publishPrSection(scm, gh.pullNumber, "plan", comment, gh.runUrl);
    } else if (gh.pullNumber && gh.fromFork && booleanInput("comment", true)) {
      // A fork's run has a read-only token: pr-comment.yml posts this section from the artifact.
      await writePrSectionArtifact(env, "plan", comment, gh.runUrl);
    }
    const changes = result.reports.reduce((n, r) => n + realChanges(r.steps).length, 0);
    setOutput("changes", String(changes));
    setOutput("bookkeeping", String(result.reports.reduce((n, r) => n + r.steps.length, 0) - changes));
    const failed = result.reports.filter((r) => r.status === "failed");
    for (const r of failed) actionLog.error(`${r.target}: ${r.reason ?? "could not be planned"}`, { title: `steward plan ${r.target}` });
    if (blocked || failed.length) actionLog.fail(blocked ? "the repository has errors" : `${failed.map((r) => r.target).join(", ")} could not be planned`);
  } catch (err) {
    actionLog.fail(describeError(err));
  }
}

import * as core from "@actions/core";
import { resolve } from "node:path";
import { fsRepoFiles } from "../../adapters/fs/repo-files.js";
import { gitCliHistory } from "../../adapters/git/git-cli-history.js";
import { actionsLogger } from "../../adapters/log/actions-logger.js";
import { mlflowClient } from "../../adapters/mlflow/mlflow-client.js";
import { mlflowConfigFromEnv } from "../../adapters/mlflow/mlflow-config.js";
import { mlflowRunReader } from "../../adapters/mlflow/mlflow-run-reader.js";
import { mlflowTransport } from "../../adapters/mlflow/mlflow-transport.js";
import { publishPrSection } from "../../commands/publish-pr-section.js";
import { renderCards, type RenderCardsReport } from "../../commands/render-cards.js";
import { describeError } from "../../core/errors.js";
import { mdTable } from "../../core/report/markdown.js";
import { actionLog, writeJobSummary } from "../github-output.js";
import { readGitHubEnv, scmFromEnv } from "../github-env.js";
import { writePrSectionArtifact } from "../pr-comment-artifact.js";
import { booleanInput, optionalInput } from "./inputs.js";

/** The model-card action: `steward card` (with `check`, fails on a stale card and shows the diff). */
export async function run(env: Record<string, string | undefined> = process.env): Promise<void> {
  try {
    const gh = readGitHubEnv(env);
    const root = resolve(optionalInput("root") ?? ".");
    const check = booleanInput("check", true);
    const mlflow = mlflowConfigFromEnv(env);
    const report = await renderCards(
      {
        files: fsRepoFiles(root),
        git: gitCliHistory(root),
        ...(mlflow ? { runs: mlflowRunReader(mlflowClient(mlflowTransport(mlflow)), mlflow.trackingUri) } : {}),
      },
      { ...(optionalInput("model") ? { model: optionalInput("model")! } : {}), check },
    );
    for (const w of report.warnings) actionLog.warning(w);
    for (const c of report.cards.filter((c) => c.status === "stale" || c.status === "missing")) {
      actionLog.error(`${c.file} is ${c.status}: run \`steward card\` and commit the result`, { file: c.file, title: "stale model card" });
      actionLog.startGroup(`diff ${c.file}`);
      actionLog.info(c.diff ?? "");
      actionLog.endGroup();
    }
    const summary = cardSummary(report, gh.serverUrl, gh.repository, gh.sha);
    await writeJobSummary(summary);
    if (gh.pullNumber && booleanInput("comment", true) && !gh.fromFork) {
      const scm = scmFromEnv(gh, actionsLogger());
      if (scm) await publishPrSection(scm, gh.pullNumber, "card", summary, gh.runUrl);
    } else if (gh.pullNumber && gh.fromFork && booleanInput("comment", true)) {
      // A fork's run has a read-only token: pr-comment.yml posts this section from the artifact.
      await writePrSectionArtifact(env, "card", summary, gh.runUrl);
    }
    core.setOutput("stale", String(report.staleCount));
    if (check && report.staleCount > 0) actionLog.fail(`${report.staleCount} model card(s) out of date`);
  } catch (err) {
    actionLog.fail(describeError(err));
  }
}

function cardSummary(r: RenderCardsReport, server: string, repo: string | undefined, sha: string | undefined): string {
  const link = (file: string) => (repo && sha ? `[${file}](${server}/${repo}/blob/${sha}/${file})` : file);
  const rows = r.cards.map((c) => [c.status === "stale" || c.status === "missing" ? "❌" : "✅", c.model, c.status, String(c.mlflowDisagreements)]);
  const table = mdTable(["", "model", "card", "MLflow disagreements"], rows, ["l", "l", "l", "r"]);
  const cards = r.cards.map((c) => `- ${link(c.file)}`).join("\n");
  const stale = r.cards.filter((c) => c.diff).map((c) => `<details><summary>${c.file}</summary>\n\n\`\`\`diff\n${c.diff}\n\`\`\`\n</details>`);
  return ["## Model cards", "", table, "", cards, "", ...stale].join("\n");
}

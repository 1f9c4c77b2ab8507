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
import { renderCardSection } from "../../core/report/card-section.js";
import type { GitHistory } from "../../ports.js";
import { actionLog, writeJobSummary, setOutput } from "../github-output.js";
import { readGitHubEnv } from "../github-env-read.js";
import { loadScmFromEnv } from "../github-scm.js";
import { writePrSectionArtifact } from "../pr-comment-artifact.js";
import { booleanInput, optionalInput } from "./inputs.js";

/** The model-card action: `steward card` (with `check`, fails on a stale card and shows the diff). */
export async function run(env: Record<string, string | undefined> = process.env): Promise<void> {
  try {
    const gh = readGitHubEnv(env);
    const root = resolve(optionalInput("root") ?? ".");
    const check = booleanInput("check", true);
    const mlflow = mlflowConfigFromEnv(env);
    const git = gitCliHistory(root);
    const report = await renderCards(
      {
        files: fsRepoFiles(root),
        git,
        ...(mlflow ? { runs: mlflowRunReader(mlflowClient(mlflowTransport(mlflow)), mlflow.trackingUri) } : {}),
      },
      { ...(optionalInput("model") ? { model: optionalInput("model")! } : {}), check, keepText: true },
    );
    for (const w of report.warnings) actionLog.warning(w);
    for (const c of report.cards.filter((c) => c.status === "stale" || c.status === "missing")) {
      actionLog.error(`${c.file} is ${c.status}: run \`steward card\` and commit the result`, { file: c.file, title: "stale model card" });
      actionLog.startGroup(`diff ${c.file}`);
      actionLog.info(c.diff ?? "");
      actionLog.endGroup();
    }
    const summary = await cardSummary(report, git, optionalInput("base") ?? gh.pullBase, gh.serverUrl, gh.repository, gh.sha);
    await writeJobSummary(summary);
    if (gh.pullNumber && booleanInput("comment", true) && !gh.fromFork) {
      const scm = await loadScmFromEnv(gh, actionsLogger());
      if (scm) await publishPrSection(scm, gh.pullNumber, "card", summary, gh.runUrl);
    } else if (gh.pullNumber && gh.fromFork && booleanInput("comment", true)) {
      // A fork's run has a read-only token: pr-comment.yml posts this section from the artifact.
      await writePrSectionArtifact(env, "card", summary, gh.runUrl);
    }
    setOutput("stale", String(report.staleCount));
    if (check && report.staleCount > 0) actionLog.fail(`${report.staleCount} model card(s) out of date`);
  } catch (err) {
    actionLog.fail(describeError(err));
  }
}

async function cardSummary(r: RenderCardsReport, git: GitHistory, base: string | undefined, server: string, repo: string | undefined, sha: string | undefined): Promise<string> {
  let baseCards: Map<string, string | undefined> | undefined;
  if (base) {
    baseCards = new Map();
    for (const c of r.cards) baseCards.set(c.file, await git.show(base, c.file));
  }
  return renderCardSection({ cards: r.cards, ...(baseCards ? { baseCards } : {}), link: (file) => (repo && sha ? `${server}/${repo}/blob/${sha}/${file}` : undefined) });
}

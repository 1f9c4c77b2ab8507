import { resolve } from "node:path";
import { fsRepoFiles } from "../../adapters/fs/repo-files.js";
import { gitCliHistory } from "../../adapters/git/git-cli-history.js";
import { mlflowClient } from "../../adapters/mlflow/mlflow-client.js";
import { mlflowConfigFromEnv } from "../../adapters/mlflow/mlflow-config.js";
import { mlflowRunReader } from "../../adapters/mlflow/mlflow-run-reader.js";
import { mlflowTransport } from "../../adapters/mlflow/mlflow-transport.js";
import { renderCards, type RenderCardsReport } from "../../commands/render-cards.js";
import { appendStepSummary } from "../github-output.js";
import { annotation, formatCommand } from "../../core/text/workflow-commands.js";
import { codeCell } from "../../core/text/markdown.js";
import { commonFlags, EXIT_FINDINGS, EXIT_OK, parseFlags, readFormat, type CliCommand, type CliIO, writeCommand } from "./io.js";

const HELP = `usage: steward card [--model M] [--check] [--out DIR] [--root DIR] [--format text|json|github]

Renders models/<model>/MODEL_CARD.md for every model (or --model M) from the YAML, the policy and the
git history of model.yaml. With MLFLOW_TRACKING_URI set, each version's run is read from MLflow and
disagreements with the YAML are shown. A repository may override the template at
.steward/templates/model-card.md.hbs.

  --check       write nothing; exit 1 and print a unified diff where a card is stale or missing
  --out DIR     write (or check) the cards below DIR instead of the repository
`;

/** `steward card`: flags and environment in, report out. Exit 1 only when --check finds a stale card. */
export const cardCli: CliCommand = async (argv, io) => {
  const { values } = parseFlags(argv, { ...commonFlags, model: { type: "string" }, check: { type: "boolean" }, out: { type: "string" } });
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const format = readFormat(values.format);
  const root = resolve(io.cwd, values.root ?? ".");
  const mlflow = mlflowConfigFromEnv(io.env);
  const report = await renderCards(
    {
      files: fsRepoFiles(root),
      git: gitCliHistory(root),
      ...(mlflow ? { runs: mlflowRunReader(mlflowClient(mlflowTransport(mlflow)), mlflow.trackingUri) } : {}),
      ...(values.out ? { out: fsRepoFiles(resolve(io.cwd, values.out)) } : {}),
    },
    { ...(values.model ? { model: values.model } : {}), check: values.check ?? false },
  );
  if (format === "json") io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else if (format === "github") await printGithub(report, io);
  else printText(report, io, values.check ?? false);
  return values.check && report.staleCount > 0 ? EXIT_FINDINGS : EXIT_OK;
};

function printText(report: RenderCardsReport, io: CliIO, check: boolean): void {
  for (const w of report.warnings) io.stderr(`warning: ${w}\n`);
  for (const c of report.cards) {
    const mlflow = c.mlflowDisagreements ? ` (${c.mlflowDisagreements} disagreement(s) with MLflow)` : "";
    io.stdout(`${c.file}: ${c.status}${mlflow}\n`);
    if (c.diff) io.stdout(c.diff);
  }
  if (check && report.staleCount) io.stdout(`${report.staleCount} model card(s) out of date: run \`steward card\` and commit the result\n`);
}

async function printGithub(report: RenderCardsReport, io: CliIO): Promise<void> {
  for (const w of report.warnings) writeCommand(io, annotation("warning", w));
  for (const c of report.cards) {
    if (c.mlflowDisagreements) writeCommand(io, annotation("warning", `${c.mlflowDisagreements} disagreement(s) between the YAML and MLflow`, { file: c.file }));
    if (c.status !== "stale" && c.status !== "missing") continue;
    writeCommand(io, annotation("error", `${c.file} is ${c.status}: run steward card and commit the result`, { file: c.file, title: "stale model card" }));
    writeCommand(io, formatCommand("group", {}, `diff ${c.file}`));
    io.stdout(c.diff ? (c.diff.endsWith("\n") ? c.diff : `${c.diff}\n`) : "");
    writeCommand(io, formatCommand("endgroup", {}, ""));
  }
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (summary) {
    const rows = report.cards.map((c) => `| ${codeCell(c.file)} | ${c.status} | ${c.mlflowDisagreements} |`);
    await appendStepSummary(summary, ["### Model cards", "", "| Card | Status | MLflow disagreements |", "|---|---|---:|", ...rows, ""].join("\n"));
  }
}

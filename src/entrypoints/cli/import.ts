import { resolve } from "node:path";
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { sageMakerAws } from "../../adapters/aws/sagemaker-aws.js";
import { awsClientOptions } from "../../adapters/aws/sagemaker-client-options.js";
import { sageMakerInventory } from "../../adapters/aws/sagemaker-inventory.js";
import { fsRepoFiles } from "../../adapters/fs/repo-files.js";
import { gitCliHistory } from "../../adapters/git/git-cli-history.js";
import { consoleLogger } from "../../adapters/log/console-logger.js";
import { mlflowClient } from "../../adapters/mlflow/mlflow-client.js";
import { mlflowConfigFromEnv } from "../../adapters/mlflow/mlflow-config.js";
import { mlflowModelRegistry } from "../../adapters/mlflow/mlflow-model-registry.js";
import { mlflowRegistryCatalog } from "../../adapters/mlflow/mlflow-registry-catalog.js";
import { mlflowTransport } from "../../adapters/mlflow/mlflow-transport.js";
import { runImport, type ImportDeps, type ImportReport, type ImportSource } from "../../commands/import.js";
import { UserError } from "../../core/errors.js";
import { formatFinding } from "../../core/result.js";
import { commonFlags, EXIT_FINDINGS, EXIT_OK, parseFlags, readFormat, type CliCommand } from "./io.js";

const HELP = `usage: steward import [--mlflow] [--sagemaker] [--model NAME] [--force] [--root DIR] [--format text|json]

Writes models/<model>/model.yaml, versions/<version>.yaml and MODEL_CARD.md from what already
exists: MLflow's registered models (versions with their runs, aliases as stages, steward.* and
other tags) and SageMaker's endpoints (variants, weights, instance types, autoscaling). Then it
checks its own work: the files must validate and \`steward plan\` against the same live state must
find no changes (steward's own bookkeeping tags aside: the first apply records them). Reads MLflow and AWS; never writes to them.

Whatever it could not map is listed, never guessed: resources it left out, fields written with
starter values (owners, task, policy, description when the registry has none) and every change the
plan would still make. Then the exit status is 1; it is 0 only when the import is exact. The
bookkeeping the first apply records (steward's own tags) is listed too; it changes nothing.

  --mlflow      read MLflow (MLFLOW_TRACKING_URI); default: every configured source
  --sagemaker   read SageMaker (the AWS SDK's region and credentials)
  --model NAME  only this model (its name here, or its registered-model name in MLflow)
  --force       overwrite files that exist (default: a model whose files exist is not written)

Exit 0 exact, 1 something listed (see above), 2 usage or a source that is asked for but not configured.
`;

export const importCli: CliCommand = async (argv, io) => {
  const { values } = parseFlags(argv, { ...commonFlags, mlflow: { type: "boolean" }, sagemaker: { type: "boolean" }, model: { type: "string" }, force: { type: "boolean" } });
  if (values.help) return io.stdout(HELP), EXIT_OK;
  const format = readFormat(values.format, ["text", "json"]);
  const root = resolve(io.cwd, values.root ?? ".");
  const asked: ImportSource[] = values.mlflow || values.sagemaker ? [...(values.mlflow ? ["mlflow" as const] : []), ...(values.sagemaker ? ["sagemaker" as const] : [])] : ["mlflow", "sagemaker"];

  const skipped: Partial<Record<ImportSource, string>> = {};
  const mlflowConfig = mlflowConfigFromEnv(io.env);
  if (!mlflowConfig) skipped.mlflow = "MLFLOW_TRACKING_URI is not set";
  const region = io.env.AWS_REGION || io.env.AWS_DEFAULT_REGION;
  if (!region) skipped.sagemaker = "AWS_REGION is not set";
  const missing = asked.filter((s) => skipped[s]);
  if ((values.mlflow || values.sagemaker) && missing.length) throw new UserError(`usage: --${missing[0]} asks for ${missing[0]}, but ${skipped[missing[0]!]}`);
  if (missing.length === asked.length) throw new UserError(`nothing to import from: ${asked.map((s) => `${s} (${skipped[s]})`).join(", ")}`);

  const deps: ImportDeps = { files: fsRepoFiles(root), git: gitCliHistory(root), logger: consoleLogger({ write: io.stderr }), skipped };
  if (mlflowConfig) {
    const client = mlflowClient(mlflowTransport(mlflowConfig));
    deps.mlflow = { registry: mlflowModelRegistry(client, { location: mlflowConfig.trackingUri, unityCatalog: mlflowConfig.databricks?.unityCatalog === true }), catalog: mlflowRegistryCatalog(client) };
  }
  if (region) deps.sagemaker = { aws: sageMakerAws(), inventory: sageMakerInventory(new SageMakerClient(awsClientOptions())) };

  const env = (k: string) => (io.env[k] ? io.env[k] : undefined);
  const repo = env("GITHUB_REPOSITORY");
  const report = await runImport(deps, {
    sources: asked,
    force: values.force ?? false,
    now: io.now(),
    ...(values.model ? { model: values.model } : {}),
    ...(env("GITHUB_SHA") ? { commit: env("GITHUB_SHA") } : {}),
    ...(repo ? { repoUrl: `${env("GITHUB_SERVER_URL") ?? "https://github.com"}/${repo}` } : {}),
  });
  if (format === "json") io.stdout(`${JSON.stringify({ headline: headline(report), ...report }, null, 2)}\n`);
  else io.stdout(renderImportText(report));
  return report.incomplete ? EXIT_FINDINGS : EXIT_OK;
};

/** The first line of the output: the outcome in words. */
export function headline(r: ImportReport): string {
  const read = r.sources.map((s) => (s.status === "read" ? `${s.source}: ${s.found} ${s.source === "mlflow" ? "registered model" : "endpoint"}${s.found === 1 ? "" : "s"}` : `${s.source}: SKIPPED (${s.reason})`)).join(", ");
  const what = `${r.models.length} model${r.models.length === 1 ? "" : "s"} written (${read})`;
  const book = r.bookkeeping.length ? ` (the first apply records steward's own tags: ${r.bookkeeping.length} bookkeeping step${r.bookkeeping.length === 1 ? "" : "s"})` : "";
  if (!r.incomplete) return `import: exact: ${what}; the plan against the same live state has no changes${book}`;
  const parts = [
    r.sources.some((s) => s.status === "skipped") ? "a source was skipped" : "",
    r.unmapped.length ? `${r.unmapped.length} not mapped` : "",
    r.placeholders.length ? `${r.placeholders.length} placeholder field${r.placeholders.length === 1 ? "" : "s"}` : "",
    r.kept.length ? `${r.kept.length} model${r.kept.length === 1 ? "" : "s"} not written (files exist)` : "",
    r.findings.length ? `${r.findings.length} validation error${r.findings.length === 1 ? "" : "s"}` : "",
    r.remaining.length ? `the plan would still make ${r.remaining.length} change${r.remaining.length === 1 ? "" : "s"}` : "",
    r.planProblems.length ? `${r.planProblems.length} plan problem${r.planProblems.length === 1 ? "" : "s"}` : "",
  ].filter(Boolean);
  return `import: INCOMPLETE: ${what}; ${parts.join(", ")}`;
}

/** The report for a person: the headline, then each list. */
export function renderImportText(r: ImportReport): string {
  const out = [headline(r)];
  const section = (title: string, lines: string[]) => {
    if (lines.length) out.push("", title, ...lines.map((l) => `  - ${l}`));
  };
  section("Written:", r.written);
  section("Not written (the files exist; --force overwrites them):", r.kept.map((k) => `${k.model}: ${k.files.join(", ")}`));
  section("Not mapped (left as they are in MLflow / SageMaker):", r.unmapped.map((u) => `${u.resource}: ${u.reason}`));
  section("Placeholders (starter values; write the real ones):", r.placeholders.map((p) => `${p.model}: ${p.field}`));
  section("Validation errors in the written files:", r.findings.map((f) => formatFinding(f)));
  section("What `steward plan` would still change:", r.remaining.map((s) => `${s.target}: ${s.summary}`));
  section("Bookkeeping the first apply records (steward's own tags; nothing that serves changes):", r.bookkeeping.map((s) => `${s.target}: ${s.summary}`));
  section("Plan problems:", r.planProblems);
  section("Notes:", r.notes);
  return `${out.join("\n")}\n`;
}


import { resolve } from "node:path";
import { gitCliHistory } from "../../adapters/git/git-cli-history.js";
import { fsRepoFiles } from "../../adapters/fs/repo-files.js";
import { consoleLogger, silentLogger } from "../../adapters/log/console-logger.js";
import { mlflowClient, type MlflowClient } from "../../adapters/mlflow/mlflow-client.js";
import { mlflowConfigFromEnv } from "../../adapters/mlflow/mlflow-config.js";
import { mlflowTransport } from "../../adapters/mlflow/mlflow-transport.js";
import { metricValue, tagsToRecord } from "../../adapters/mlflow/mlflow-wire.js";
import { registerVersion, type RegisterReport } from "../../commands/register.js";
import { UserError } from "../../core/errors.js";
import type { RunSource } from "../../core/registry-edit/run-facts.js";
import { formatFinding } from "../../core/result.js";
import { readGitHubEnv, scmFromEnv } from "../github-env.js";
import { cardHint, commonFlags, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, parseFlags, readFormat, type CliCommand } from "./io.js";

const HELP = `usage: steward register --model M --run-id RUN [--version V] [--open-pr] [--root DIR] [--format text|json]

Reads MLflow run RUN (MLFLOW_TRACKING_URI, MLFLOW_TRACKING_TOKEN or _USERNAME/_PASSWORD) and writes
models/M/versions/V.yaml: the run's metrics, its git commit, the version now in production as
parent, image/framework/artifact from run tags steward.image, steward.framework.name/.version and
steward.artifact.dvc or else copied from the newest version. V defaults to the next integer when
the model's versions are integers. The file is checked as validate would before it is written; an
existing version file is never overwritten. --open-pr proposes the file as a pull request on
GITHUB_BASE_REF (default main) instead of writing it (GITHUB_TOKEN, GITHUB_REPOSITORY).
Exit 0 written or proposed, 1 the file exists or would not validate, 2 usage or environment.
`;

export const registerCli: CliCommand = async (argv, io) => {
  const { values } = parseFlags(argv, { ...commonFlags, model: { type: "string" }, "run-id": { type: "string" }, version: { type: "string" }, "open-pr": { type: "boolean" } });
  if (values.help) return io.stdout(HELP), EXIT_OK;
  const format = readFormat(values.format, ["text", "json"]);
  if (!values.model || !values["run-id"]) throw new UserError("usage: steward register needs --model M and --run-id RUN");
  const mlflow = mlflowConfigFromEnv(io.env);
  if (!mlflow) throw new UserError("MLFLOW_TRACKING_URI must be set to read the run");
  const logger = format === "json" ? silentLogger : consoleLogger({ write: io.stderr });
  const openPr = values["open-pr"] ?? false;
  const gh = readGitHubEnv(io.env);
  if (openPr && (!gh.token || !gh.repository)) {
    io.stderr("steward register: --open-pr needs GITHUB_TOKEN and GITHUB_REPOSITORY (and GITHUB_API_URL outside github.com)\n");
    return EXIT_USAGE;
  }
  const root = resolve(io.cwd, values.root ?? ".");
  const report = await registerVersion(
    { files: fsRepoFiles(root), runs: runSource(mlflowClient(mlflowTransport(mlflow))), git: gitCliHistory(root), logger, ...(openPr ? { scm: scmFromEnv(gh, logger, { required: true })! } : {}) },
    { model: values.model, runId: values["run-id"], ...(values.version !== undefined ? { version: values.version } : {}), openPr, base: io.env.GITHUB_BASE_REF || "main", now: io.now() },
  );
  if (format === "json") io.stdout(JSON.stringify(toJson(report), null, 2) + "\n");
  else io.stdout(renderText(report));
  return report.status === "written" || report.status === "proposed" ? EXIT_OK : EXIT_FINDINGS;
};

/** The MLflow client's runs/get, as the facts register needs. */
export function runSource(client: Pick<MlflowClient, "getRun">): RunSource {
  return {
    async getRun(runId) {
      const run = await client.getRun(runId);
      if (!run) return undefined;
      const metrics: Record<string, number> = {};
      for (const m of run.data.metrics ?? []) metrics[m.key] = metricValue(m.value);
      return {
        runId: run.info.run_id ?? run.info.run_uuid ?? runId,
        ...(run.info.status ? { status: run.info.status } : {}),
        ...(run.info.lifecycle_stage ? { lifecycleStage: run.info.lifecycle_stage } : {}),
        ...(run.info.start_time !== undefined ? { startTime: Number(run.info.start_time) } : {}),
        ...(run.info.artifact_uri ? { artifactUri: run.info.artifact_uri } : {}),
        metrics,
        params: tagsToRecord(run.data.params),
        tags: tagsToRecord(run.data.tags),
      };
    },
  };
}

function toJson(r: RegisterReport) {
  return { ...r, gates: r.gates.map((g) => ({ stage: g.stage, gate: g.check.gate, ok: g.check.ok, message: g.check.message })) };
}

function renderText(r: RegisterReport): string {
  const out: string[] = [];
  if (r.diff) out.push(r.diff.trimEnd());
  for (const n of r.notes) out.push(`note: ${n}`);
  for (const g of r.gates) out.push(`${g.check.ok ? "pass" : "FAIL"}  ${g.stage}: ${g.check.message}`);
  for (const f of r.findings) out.push(formatFinding(f));
  if (r.message) out.push(r.message);
  if (r.status === "written") out.push(`wrote ${r.path}`, cardHint(r.model));
  if (r.status === "proposed") out.push(`proposed ${r.pullRequest!.url}`);
  return out.join("\n") + "\n";
}

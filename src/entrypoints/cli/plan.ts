import { resolve } from "node:path";
import { awsClientOptions } from "../../adapters/aws/sagemaker-client-options.js";
import { fsRepoFiles } from "../../adapters/fs/repo-files.js";
import { consoleLogger } from "../../adapters/log/console-logger.js";
import { mlflowClient } from "../../adapters/mlflow/mlflow-client.js";
import { mlflowConfigFromEnv } from "../../adapters/mlflow/mlflow-config.js";
import { mlflowModelRegistry } from "../../adapters/mlflow/mlflow-model-registry.js";
import { mlflowTransport } from "../../adapters/mlflow/mlflow-transport.js";
import { parseTargets, runPlan, type PlanRun, type TargetSlot } from "../../commands/plan.js";
import { mlflowReconciler } from "../../commands/reconcile-mlflow.js";
import { sagemakerReconciler } from "../../commands/reconcile-sagemaker.js";
import { cloudwatchReconciler } from "../../commands/reconcile-cloudwatch.js";
import { readDvcRemotes } from "../../commands/read-dvc-remotes.js";
import { planJson, renderPlanMarkdown, renderPlanText } from "../../core/plan/render-plan.js";
import type { Target } from "../../core/plan/types.js";
import { formatFinding } from "../../core/result.js";
import type { RepoFiles } from "../../ports.js";
import { emptyDashboardStore, emptyModelRegistry, emptySageMakerAws } from "../../adapters/offline/empty-targets.js";
import { appendStepSummary } from "../github-output.js";
import { annotation } from "../../core/text/workflow-commands.js";
import { commonFlags, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, parseFlags, readFormat, type CliCommand, type CliIO, writeCommand, type OutputFormat } from "./io.js";

const HELP = `usage: steward plan [--root DIR] [--target mlflow,sagemaker,cloudwatch] [--offline] [--commit SHA] [--format text|json|github]

Reads the live state of each target and prints what \`steward apply\` would change. A target whose
environment is not set (MLflow: MLFLOW_TRACKING_URI) is reported and skipped. Changes nothing.
Exit 0 planned, 1 repository errors or a target could not be read, 2 usage or a requested target
is not configured. --offline plans against empty targets instead of live ones: what a first apply
would create (no credentials needed).
`;

/** Both targets against empty live state: what a first apply would create (`plan --offline`). */
export function offlineSlots(files: RepoFiles): TargetSlot[] {
  return [
    { target: "mlflow", reconciler: mlflowReconciler({ registry: emptyModelRegistry(), remotes: () => readDvcRemotes(files) }) },
    { target: "sagemaker", reconciler: sagemakerReconciler({ aws: emptySageMakerAws(), dvcRemotes: () => readDvcRemotes(files), connect: () => ({ aws: emptySageMakerAws() }) }) },
    { target: "cloudwatch", reconciler: cloudwatchReconciler({ store: emptyDashboardStore(), connect: () => ({ dashboards: emptyDashboardStore() }) }) },
  ];
}

/**
 * Every target's reconciler, built from the environment (read here, once). The AWS SDK clients load
 * only when AWS_REGION says the targets are there (start-up time, issue #13).
 */
export async function targetSlots(env: CliIO["env"], files: RepoFiles): Promise<TargetSlot[]> {
  const slots: TargetSlot[] = [];
  const mlflow = mlflowConfigFromEnv(env);
  if (mlflow) {
    const registry = mlflowModelRegistry(mlflowClient(mlflowTransport(mlflow)), { location: mlflow.trackingUri, unityCatalog: mlflow.databricks?.unityCatalog === true });
    slots.push({ target: "mlflow", reconciler: mlflowReconciler({ registry, remotes: () => readDvcRemotes(files) }) });
  } else {
    slots.push({ target: "mlflow", reason: "MLFLOW_TRACKING_URI is not set" });
  }
  const aws = env.AWS_REGION || env.AWS_DEFAULT_REGION ? await loadAws() : undefined;
  // one connection per environment for both AWS targets: each role is assumed once
  const connect = aws?.awsEnvironments({ sessionPrefix: "steward" });
  const identity = aws ? aws.stsIdentity(new aws.STSClient(awsClientOptions())) : undefined;
  if (aws && connect && identity) {
    const { EventBridgeClient, eventBridgeEventBus, sageMakerAws } = aws;
    slots.push({ target: "sagemaker", reconciler: sagemakerReconciler({ aws: sageMakerAws(), identity, connect, dvcRemotes: () => readDvcRemotes(files), events: eventBridgeEventBus({ client: new EventBridgeClient(awsClientOptions()) }) }) });
  } else {
    slots.push({ target: "sagemaker", reason: "AWS_REGION is not set" });
  }
  if (aws && connect && identity) {
    const { CloudWatchClient, cloudWatchDashboards } = aws;
    slots.push({ target: "cloudwatch", reconciler: cloudwatchReconciler({ store: cloudWatchDashboards(new CloudWatchClient(awsClientOptions())), identity, connect }) });
  } else {
    slots.push({ target: "cloudwatch", reason: "AWS_REGION is not set" });
  }
  return slots;
}

/** The AWS SDK clients and adapters plan and apply use, loaded together. */
async function loadAws() {
  const [{ STSClient }, { EventBridgeClient }, { CloudWatchClient }, { stsIdentity }, { eventBridgeEventBus }, { sageMakerAws }, { cloudWatchDashboards }, { awsEnvironments }] = await Promise.all([
    import("../../adapters/aws/sdk/sts.js"),
    import("../../adapters/aws/sdk/eventbridge.js"),
    import("../../adapters/aws/sdk/cloudwatch.js"),
    import("../../adapters/aws/sts-identity.js"),
    import("../../adapters/aws/eventbridge-event-bus.js"),
    import("../../adapters/aws/sagemaker-aws.js"),
    import("../../adapters/aws/cloudwatch-dashboards.js"),
    import("../../adapters/aws/aws-environment.js"),
  ]);
  return { STSClient, EventBridgeClient, CloudWatchClient, stsIdentity, eventBridgeEventBus, sageMakerAws, cloudWatchDashboards, awsEnvironments };
}

/** The flags plan and apply share, parsed; environment defaults for commit and repository URL. */
export function readPlanFlags(argv: string[], io: CliIO, extra: Record<string, { type: "boolean" | "string" }> = {}) {
  const { values } = parseFlags(argv, { ...commonFlags, target: { type: "string" }, commit: { type: "string" }, ...extra });
  const env = (k: string) => (io.env[k] ? io.env[k] : undefined);
  const repo = env("GITHUB_REPOSITORY");
  return {
    values: values as Record<string, string | boolean | undefined>,
    format: readFormat(values.format as string | undefined),
    root: resolve(io.cwd, (values.root as string | undefined) ?? "."),
    targets: parseTargets(values.target as string | undefined),
    commit: (values.commit as string | undefined) ?? env("GITHUB_SHA"),
    repoUrl: repo ? `${env("GITHUB_SERVER_URL") ?? "https://github.com"}/${repo}` : undefined,
  };
}

/** Prints a plan or apply run in `format`; returns the exit code. */
export async function printRun(run: PlanRun, io: CliIO, format: OutputFormat, mode: "plan" | "apply" | "dry-run", targets: Target[] | undefined, extra: { text?: string; json?: Record<string, unknown> } = {}): Promise<number> {
  const blocked = run.findings.some((f) => f.severity === "error");
  if (format === "json") {
    io.stdout(`${JSON.stringify({ ...planJson(run.reports, mode), ...(blocked ? { findings: run.findings } : {}), ...extra.json }, null, 2)}\n`);
  } else {
    if (blocked) io.stdout(`nothing planned: the repository has errors\n${run.findings.map((f) => formatFinding(f)).join("\n")}\n`);
    else {
      // The first line says a target failed, whichever it is (a read, a step, or a target models need that is not configured).
      const failed = run.reports.filter((r) => r.status === "failed");
      const head = failed.length && run.reports[0]?.status !== "failed" ? `${mode === "apply" ? "apply" : "plan"}: FAILED for ${failed.map((r) => r.target).join(", ")} (below)\n` : "";
      io.stdout(head + renderPlanText(run.reports) + (extra.text ?? ""));
    }
  }
  if (format === "github") {
    for (const f of run.findings.filter((x) => x.severity === "error")) writeCommand(io, annotation("error", f.message, { file: f.file, ...(f.line ? { line: f.line } : {}) }));
    for (const r of run.reports.filter((x) => x.status === "failed")) writeCommand(io, annotation("error", r.reason ?? "failed", { title: `steward ${mode} ${r.target}` }));
    const summary = io.env.GITHUB_STEP_SUMMARY;
    if (summary && !blocked) await appendStepSummary(summary, renderPlanMarkdown(run.reports, { title: mode === "apply" ? "Apply" : "Plan" }) + (extra.text ? `\n\`\`\`\n${extra.text}\`\`\`\n` : ""));
  }
  if (blocked || run.reports.some((r) => r.status === "failed")) return EXIT_FINDINGS;
  if (targets && run.reports.some((r) => r.status === "skipped")) return EXIT_USAGE;
  return EXIT_OK;
}

export const planCli: CliCommand = async (argv, io) => {
  const flags = readPlanFlags(argv, io, { offline: { type: "boolean" } });
  if (flags.values.help) return io.stdout(HELP), EXIT_OK;
  const files = fsRepoFiles(flags.root);
  const run = await runPlan(
    { files, reconcilers: flags.values.offline === true ? offlineSlots(files) : await targetSlots(io.env, files), logger: consoleLogger({ write: io.stderr }) },
    { now: io.now(), ...(flags.targets ? { targets: flags.targets } : {}), ...(flags.commit ? { commit: flags.commit } : {}), ...(flags.repoUrl ? { repoUrl: flags.repoUrl } : {}) },
  );
  return printRun(run, io, flags.format, "plan", flags.targets);
};

import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { workerEvaluator } from "../../adapters/detect/worker-evaluator.js";
import { fsRepoFiles } from "../../adapters/fs/repo-files.js";
import { gitCliHistory } from "../../adapters/git/git-cli-history.js";
import { consoleLogger } from "../../adapters/log/console-logger.js";
import { runMonitor } from "../../commands/monitor.js";
import { runPlan } from "../../commands/plan.js";
import { UserError } from "../../core/errors.js";
import { renderReportMarkdown, renderReportText } from "../../core/monitor/render-report.js";
import { parseShard } from "../../core/monitor/shard.js";
import type { EventBus } from "../../ports.js";
import { readGitHubEnv } from "../github-env-read.js";
import { loadScmFromEnv } from "../github-scm.js";
import { captureStoreFromFlag, metricSourceFromFlag } from "./metric-source-flag.js";
import { redactDeep } from "../../adapters/output/redaction.js";
import { appendStepSummary } from "../github-output.js";
import { annotation } from "../../core/text/workflow-commands.js";
import { commonFlags, EXIT_USAGE, EXIT_FINDINGS, EXIT_OK, parseFlags, readFormat, type CliCommand, type CliIO, writeCommand } from "./io.js";
import { targetSlots } from "./plan.js";

const HELP = `usage: steward monitor [--root DIR] [--source cloudwatch|DIR|samples] [--shard I/N] [--model M] [--alarm NAME] [--dry-run] [--out DIR]
                       [--format text|json|github] [--base BRANCH] [--now ISO] [--drift]

Reads every monitored metric, runs the checks of each model's policy and remediates per its rules:
issues, rollback and scale PRs, EventBridge events; closes incidents that recovered.

  --source   cloudwatch (the default: GetMetricData, the AWS SDK's credentials and region), a folder
             of metric files <DIR>/<model>/<metric>.csv|json, or samples: the tool's own sample
             files, replayed so that they end now (the demo's; never read unless named).
  --shard    I/N: only the models whose name hashes to shard I of N (1-based).
  --model    M: only this model (repeatable; e.g. the model an alarm's repository_dispatch names).
             The model-health issue is left to the next full run.
  --alarm    NAME: only the model whose deployment alarm (or rollbackAlarms entry) this is; what the
             real-time path (docs/aws/README.md) passes. Unknown alarms and models exit 2.
  --dry-run  change nothing; with --out, write the issue bodies (.md), PR patches (.patch) and events
             (.json) it would create, plus report.json.
  --now      evaluate as of this time (replays a past run).
  --drift    also compare live MLflow/SageMaker with git (steward plan) and report drift as issues.

Environment: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL (issues and PRs; required unless
--dry-run), AWS_REGION or AWS_DEFAULT_REGION (events), GITHUB_SERVER_URL/GITHUB_RUN_ID (links),
GITHUB_STEP_SUMMARY (--format github).

Exit status (the first line of the report says which, in words):
  0  OK: every check was read and passed, every intended action completed
  1  FINDINGS: findings (no data and stale data included) were acted on
  2  BLIND (a check could not be read: credentials, region, endpoint, throttling), COULD NOT ACT
     (a GitHub or EventBridge write was refused after retries), or a usage or environment error
`;

async function eventBus(env: CliIO["env"]): Promise<EventBus | undefined> {
  if (!env.AWS_REGION && !env.AWS_DEFAULT_REGION) return undefined;
  const { EventBridgeClient } = await import("../../adapters/aws/sdk/eventbridge.js");
  const { eventBridgeEventBus } = await import("../../adapters/aws/eventbridge-event-bus.js");
  return eventBridgeEventBus({ client: new EventBridgeClient({}) });
}

export const monitorCli: CliCommand = async (argv, io) => {
  const { values } = parseFlags(argv, {
    ...commonFlags,
    source: { type: "string" },
    shard: { type: "string" },
    model: { type: "string", multiple: true },
    alarm: { type: "string" },
    "dry-run": { type: "boolean" },
    out: { type: "string" },
    base: { type: "string" },
    now: { type: "string" },
    drift: { type: "boolean" },
    verbose: { type: "boolean" },
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const format = readFormat(values.format);
  const root = resolve(io.cwd, values.root ?? ".");
  const dryRun = values["dry-run"] ?? false;
  const shard = values.shard ? parseShard(values.shard) : undefined;
  const now = values.now ? new Date(values.now) : io.now();
  if (Number.isNaN(+now)) throw new UserError(`usage: --now must be an ISO time, not "${values.now}"`);
  const out = values.out ? resolve(io.cwd, values.out) : undefined;
  // Progress goes to stderr so that --format json keeps stdout clean.
  const logger = consoleLogger({ write: io.stderr, verbose: values.verbose ?? false });
  const files = fsRepoFiles(root);
  const scm = await loadScmFromEnv(readGitHubEnv(io.env), logger);
  if (!dryRun && !scm) throw new UserError("steward monitor needs GITHUB_TOKEN and GITHUB_REPOSITORY (or --dry-run)");
  const events = dryRun ? undefined : await eventBus(io.env);
  const env = io.env;
  const runUrl = env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  if (out) await mkdir(out, { recursive: true });

  const capture = await captureStoreFromFlag(values.source, root, io.cwd, now);
  const report = await runMonitor(
    {
      metrics: (await metricSourceFromFlag(values.source, root, io.cwd))!,
      ...(capture ? { capture } : {}),
      files,
      logger,
      // Detection on worker threads (one per core beyond the first, at least 2) for runs of more than 200 checks.
      evaluateAll: workerEvaluator({ logger }),
      history: gitCliHistory(root),
      ...(scm ? { scm } : {}),
      ...(events ? { events } : {}),
      ...(out ? { out: fsRepoFiles(out) } : {}),
      ...(values.drift
        ? { livePlans: async () => (await runPlan({ files, reconcilers: await targetSlots(env, files), logger }, { now })).reports.filter((r) => r.status !== "skipped" && r.status !== "failed") }
        : {}),
    },
    { now, dryRun, ...(shard ? { shard } : {}), ...(values.model?.length ? { models: values.model as string[] } : {}), ...(values.alarm ? { alarm: values.alarm as string } : {}), ...(values.base ? { base: values.base } : {}), ...(runUrl ? { runUrl } : {}) },
  );

  if (out) await writeFile(join(out, "report.json"), `${JSON.stringify(redactDeep(report), null, 2)}\n`);
  if (format === "json") io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else io.stdout(renderReportText(report));
  if (format === "github") {
    for (const f of report.findings) {
      const level = f.severity === "critical" ? "error" : f.severity === "warning" ? "warning" : "notice";
      writeCommand(io, annotation(level, f.summary, { title: `${f.model}/${f.checkId}` }));
    }
    for (const w of report.warnings) writeCommand(io, annotation("warning", w, { title: "steward monitor" }));
    const md = renderReportMarkdown(report);
    if (env.GITHUB_STEP_SUMMARY) await appendStepSummary(env.GITHUB_STEP_SUMMARY, `${md}\n`);
    else io.stdout(`${md}\n`);
  }
  if (format === "github" && report.status.exitCode === 2) writeCommand(io, annotation("error", report.status.headline, { title: "steward monitor" }));
  return report.status.exitCode === 2 ? EXIT_USAGE : report.status.exitCode === 1 ? EXIT_FINDINGS : EXIT_OK;
};

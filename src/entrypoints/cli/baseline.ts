import { resolve } from "node:path";
import { fsRepoFiles } from "../../adapters/fs/repo-files.js";
import { gitCliHistory } from "../../adapters/git/git-cli-history.js";
import { consoleLogger, silentLogger } from "../../adapters/log/console-logger.js";
import { runBaseline, type BaselineReport } from "../../commands/baseline.js";
import { UserError } from "../../core/errors.js";
import { formatFinding } from "../../core/result.js";
import { readGitHubEnv, scmFromEnv } from "../github-env.js";
import { commonFlags, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, parseFlags, readFormat, type CliCommand } from "./io.js";
import { metricSourceFromFlag } from "./metric-source-flag.js";

const HELP = `usage: steward baseline --model M [--since TIME] [--until TIME] [--source cloudwatch|DIR|samples] [--dry-run] [--root DIR] [--format text|json]

Computes the reference statistics (mean, std, p50, p95) of each metric the model's policy checks
over a healthy period, from the metric source (CloudWatch by default, or a folder of metric files),
and proposes them as monitoring.metrics.<metric>.reference in models/M/model.yaml: a pull request on
GITHUB_BASE_REF (default main) built from the remote base, its model card re-rendered, with the
before/after in its body (GITHUB_TOKEN, GITHUB_REPOSITORY). --dry-run prints the change instead.
--since/--until: ISO dates or times; default the 14 days up to now. A metric with fewer than 12
datapoints in the period keeps its reference (said). Exit 0 proposed or printed, 1 no metric could
be computed or the edit would not validate, 2 usage or environment.
`;

const DAY = 86_400_000;

function readTime(flag: string, text: string | undefined, fallback: Date): Date {
  if (text === undefined) return fallback;
  const t = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Date.parse(text);
  if (!Number.isFinite(t)) throw new UserError(`usage: --${flag} takes an ISO date or time (2026-11-01 or 2026-11-01T06:00:00Z), not "${text}"`);
  return new Date(t);
}

export const baselineCli: CliCommand = async (argv, io) => {
  const { values } = parseFlags(argv, { ...commonFlags, model: { type: "string" }, since: { type: "string" }, until: { type: "string" }, source: { type: "string" }, "dry-run": { type: "boolean" } });
  if (values.help) return io.stdout(HELP), EXIT_OK;
  const format = readFormat(values.format, ["text", "json"]);
  if (!values.model) throw new UserError("usage: steward baseline --model M [--since TIME] [--until TIME] [--dry-run]");
  const now = io.now();
  const until = readTime("until", values.until as string | undefined, now);
  const since = readTime("since", values.since as string | undefined, new Date(+until - 14 * DAY));
  const dryRun = values["dry-run"] === true;
  const gh = readGitHubEnv(io.env);
  if (!dryRun && (!gh.token || !gh.repository)) {
    io.stderr("steward baseline: proposing the change needs GITHUB_TOKEN and GITHUB_REPOSITORY (and GITHUB_API_URL outside github.com); --dry-run prints it instead\n");
    return EXIT_USAGE;
  }
  const logger = format === "json" ? silentLogger : consoleLogger({ write: io.stderr });
  const root = resolve(io.cwd, (values.root as string | undefined) ?? ".");
  const report = await runBaseline(
    {
      files: fsRepoFiles(root),
      metrics: (await metricSourceFromFlag(values.source as string | undefined, root, io.cwd))!,
      logger,
      ...(dryRun ? {} : { scm: scmFromEnv(gh, logger, { required: true })!, git: gitCliHistory(root) }),
    },
    { model: values.model as string, since, until, now, dryRun, base: io.env.GITHUB_BASE_REF || "main" },
  );
  if (format === "json") io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else io.stdout(renderText(report));
  return report.status === "failed" ? EXIT_FINDINGS : EXIT_OK;
};

function renderText(r: BaselineReport): string {
  const out: string[] = [];
  const left = r.rows.filter((x) => x.problem).length;
  const kept = left && r.status !== "failed" ? ` (${left} metric${left === 1 ? "" : "s"} left as they are)` : "";
  const head = r.status === "failed" ? `baseline of ${r.model}: FAILED, nothing proposed` : r.status === "dry-run" ? `baseline of ${r.model} (dry run, nothing proposed): ${r.since} .. ${r.until}` : `baseline of ${r.model}: proposed ${r.pullRequest?.url ?? ""}`;
  const caveats = r.rows.reduce((n, x) => n + (x.caveats?.length ?? 0), 0);
  const warned = caveats && r.status !== "failed" ? `; ${caveats} warning${caveats === 1 ? "" : "s"}: read them before merging` : "";
  out.push(head + kept + warned);
  for (const row of r.rows) {
    if (row.after) out.push(`  ${row.metric}: mean ${row.before?.mean ?? "-"} -> ${row.after.mean}, std ${row.before?.std ?? "-"} -> ${row.after.std}, p50 ${row.before?.p50 ?? "-"} -> ${row.after.p50}, p95 ${row.before?.p95 ?? "-"} -> ${row.after.p95} (${row.after.points} points)`);
    else out.push(`  ${row.metric}: left as it is (${row.problem})`);
  }
  for (const f of r.findings) out.push(formatFinding(f));
  if (r.diff) out.push(r.diff.trimEnd());
  for (const w of r.warnings) out.push(`warning: ${w}`);
  return `${out.join("\n")}\n`;
}

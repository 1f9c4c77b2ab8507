import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { fsRepoFiles } from "../../adapters/fs/repo-files.js";
import { gitCliHistory } from "../../adapters/git/git-cli-history.js";
import { consoleLogger } from "../../adapters/log/console-logger.js";
import { buildDashboard } from "../../commands/dashboard.js";
import type { LinkBases } from "../../core/dashboard/model-links.js";
import { UserError } from "../../core/errors.js";
import type { ChangeRecords, Logger } from "../../ports.js";
import { createOctokit } from "../../adapters/github/create-octokit.js";
import { octokitChangeRecords } from "../../adapters/github/octokit-change-records.js";
import { parseRepository } from "../../adapters/github/octokit-scm.js";
import { readGitHubEnv } from "../github-env.js";
import { metricSourceFromFlag } from "./metric-source-flag.js";
import { commonFlags, EXIT_OK, parseFlags, readFormat, type CliCommand } from "./io.js";

const HELP = `usage: steward dashboard --out DIR [--root DIR] [--reports DIR] [--source cloudwatch|DIR|samples] [--now ISO]
                         [--format text|json]

Writes a static HTML dashboard: DIR/index.html (every model, its stages, health, open incidents
and proposed PRs) and DIR/models/<model>.html (versions against the promotion gates, stage history
from git, a chart per monitored metric with thresholds and anomalies, remediation history).
Self-contained: no network, works from file:// and on GitHub Pages.

  --reports  a folder of monitor reports (the JSON of steward monitor --format json, or the
             report.json that --out writes), read at any depth: the newest report per model gives
             its health, all of them its remediation history.
             Without it, one dry-run monitor pass runs over --source (GitHub is not touched).
  --source   where chart series are read: cloudwatch, a folder <DIR>/<model>/<metric>.csv|json, or
             samples (the tool's own sample files, replayed to end at --now; only when named).
             Default without --reports: cloudwatch. With --reports: none (charts show the
             reports' evidence points).
  --now      build as of this time (default: now); the same inputs and --now give the same files.

Exit 0 when the site was written (unhealthy models are shown, not failed), 2 on usage errors.
`;

/**
 * Where the pages link to: the repository on GitHub (GITHUB_SERVER_URL, GITHUB_REPOSITORY, at
 * GITHUB_SHA) for cards and DVC pointers, and the MLflow UI (MLFLOW_TRACKING_URI, without any
 * user:password it carries) for registered models and versions.
 */
function linkBases(env: Record<string, string | undefined>): LinkBases {
  const repo = env.GITHUB_REPOSITORY;
  let mlflowUrl: string | undefined;
  if (env.MLFLOW_TRACKING_URI) {
    try {
      const u = new URL(env.MLFLOW_TRACKING_URI);
      if (u.protocol === "http:" || u.protocol === "https:") {
        u.username = "";
        u.password = "";
        u.search = "";
        mlflowUrl = u.toString().replace(/\/+$/, "");
      }
    } catch {
      // not a URL (a local folder, databricks): no MLflow links
    }
  }
  return {
    ...(repo ? { repoUrl: `${env.GITHUB_SERVER_URL || "https://github.com"}/${repo}` } : {}),
    ...(env.GITHUB_SHA ? { ref: env.GITHUB_SHA } : {}),
    ...(mlflowUrl ? { mlflowUrl } : {}),
  };
}

/** GitHub's pull requests, reviews and check runs for the audit page, when GITHUB_TOKEN and GITHUB_REPOSITORY are set. */
function changeRecordsFromEnv(env: Record<string, string | undefined>, logger: Logger): { changeRecords?: ChangeRecords } {
  const gh = readGitHubEnv(env);
  if (!gh.token || !gh.repository) return {};
  const { owner, repo } = parseRepository(gh.repository);
  return { changeRecords: octokitChangeRecords({ octokit: createOctokit({ token: gh.token, logger, ...(gh.apiUrl ? { baseUrl: gh.apiUrl } : {}) }), owner, repo }) };
}

export const dashboardCli: CliCommand = async (argv, io) => {
  const { values } = parseFlags(argv, { ...commonFlags, out: { type: "string" }, reports: { type: "string" }, source: { type: "string" }, now: { type: "string" } });
  if (values.help) return io.stdout(HELP), EXIT_OK;
  const format = readFormat(values.format, ["text", "json"]);
  if (!values.out) throw new UserError("usage: steward dashboard needs --out DIR");
  const now = values.now ? new Date(values.now) : io.now();
  if (Number.isNaN(+now)) throw new UserError(`usage: --now must be an ISO time, not "${values.now}"`);
  const root = resolve(io.cwd, values.root ?? ".");
  const out = resolve(io.cwd, values.out);
  // The site is written over whatever has its names (index.html, models/<model>.html): never into the
  // repository's own folder, a folder above it, or its models/ and policies/.
  const inside = (dir: string, parent: string) => { const r = relative(parent, dir); return r === "" || (!r.startsWith("..") && !isAbsolute(r)); };
  if (inside(root, out) || inside(out, resolve(root, "models")) || inside(out, resolve(root, "policies"))) {
    throw new UserError(`usage: --out ${values.out} would write the site into the repository's own files (${out}); choose a folder of its own, e.g. --out site`);
  }
  const reportsDir = values.reports ? resolve(io.cwd, values.reports) : undefined;
  if (reportsDir && !existsSync(reportsDir)) throw new UserError(`usage: --reports: no folder ${reportsDir}`);
  const metrics = await metricSourceFromFlag(values.source, root, io.cwd, { optional: reportsDir !== undefined });
  await mkdir(out, { recursive: true });

  const logger = consoleLogger({ write: io.stderr });
  const result = await buildDashboard(
    {
      files: fsRepoFiles(root),
      out: fsRepoFiles(out),
      logger,
      git: gitCliHistory(root),
      ...(metrics ? { metrics } : {}),
      ...(reportsDir ? { reports: fsRepoFiles(reportsDir) } : {}),
      ...changeRecordsFromEnv(io.env, logger),
    },
    { now, links: linkBases(io.env) },
  );
  for (const w of result.warnings) io.stderr(`warning: ${w}\n`);
  if (format === "json") {
    const models = result.view.models.map((m) => ({ model: m.name, health: m.health, incidents: m.incidents.length, changes: m.changes.length, page: `models/${m.slug}.html` }));
    io.stdout(`${JSON.stringify({ out, files: result.written, models, warnings: result.warnings }, null, 2)}\n`);
  } else {
    // What could not be read is said on the first line too (the pages show it), not only on stderr.
    const n = result.warnings.length;
    const incomplete = n ? `; ${n} warning${n === 1 ? "" : "s"}, the pages are incomplete (first: ${result.warnings[0]!.length > 160 ? `${result.warnings[0]!.slice(0, 160)}…` : result.warnings[0]})` : "";
    io.stdout(`wrote ${result.written.length} page(s) to ${out}: index.html and ${result.view.models.length} model page(s)${incomplete}\n`);
  }
  return EXIT_OK;
};

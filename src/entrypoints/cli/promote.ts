import { resolve } from "node:path";
import { fsRepoFiles } from "../../adapters/fs/repo-files.js";
import { gitCliHistory } from "../../adapters/git/git-cli-history.js";
import { consoleLogger, silentLogger } from "../../adapters/log/console-logger.js";
import { promoteVersion, type PromoteReport } from "../../commands/promote.js";
import { gitPromotionHistory } from "../../commands/promotion-history.js";
import { UserError } from "../../core/errors.js";
import { describeVariants } from "../../core/registry-edit/plan-stage-change.js";
import { formatFinding } from "../../core/result.js";
import { readGitHubEnv, scmFromEnv } from "../github-env.js";
import { cardHint, commonFlags, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, parseFlags, readFormat, type CliCommand } from "./io.js";

const HELP = `usage: steward promote M V STAGE [--canary PERCENT] [--open-pr] [--root DIR] [--format text|json]

Moves version V of model M to STAGE after checking the promotion gates of the model's policy
(order, minimum time in the previous stage from git history at HEAD, metric bounds), and edits
models/M/model.yaml in place, keeping its comments and layout; prints the diff. --canary P splits
the stage: the current version keeps 100-P percent and V gets P. --open-pr proposes the edit as a
pull request on GITHUB_BASE_REF (default main) instead of writing it (GITHUB_TOKEN, GITHUB_REPOSITORY).
Exit 0 done (or already so), 1 gates failed or the move is refused, 2 usage or environment.
`;

export const promoteCli: CliCommand = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, { ...commonFlags, canary: { type: "string" }, "open-pr": { type: "boolean" } }, true);
  if (values.help) return io.stdout(HELP), EXIT_OK;
  const format = readFormat(values.format, ["text", "json"]);
  if (positionals.length !== 3) throw new UserError("usage: steward promote M V STAGE [--canary PERCENT] [--open-pr]");
  const [model, version, stage] = positionals as [string, string, string];
  const canary = values.canary === undefined ? undefined : readPercent(values.canary);
  const logger = format === "json" ? silentLogger : consoleLogger({ write: io.stderr });
  const openPr = values["open-pr"] ?? false;
  const gh = readGitHubEnv(io.env);
  if (openPr && (!gh.token || !gh.repository)) {
    io.stderr("steward promote: --open-pr needs GITHUB_TOKEN and GITHUB_REPOSITORY (and GITHUB_API_URL outside github.com)\n");
    return EXIT_USAGE;
  }
  const root = resolve(io.cwd, values.root ?? ".");
  const git = gitCliHistory(root);
  const report = await promoteVersion(
    { files: fsRepoFiles(root), history: gitPromotionHistory(git, "HEAD"), git, logger, ...(openPr ? { scm: scmFromEnv(gh, logger, { required: true })! } : {}) },
    { model, version, stage, ...(canary !== undefined ? { canary } : {}), openPr, base: io.env.GITHUB_BASE_REF || "main", now: io.now() },
  );
  if (format === "json") io.stdout(JSON.stringify(report, null, 2) + "\n");
  else io.stdout(renderText(report));
  return report.status === "written" || report.status === "proposed" || report.status === "unchanged" ? EXIT_OK : EXIT_FINDINGS;
};

function readPercent(text: string): number {
  if (!/^[0-9]{1,2}$/.test(text) || Number(text) < 1) throw new UserError(`usage: --canary must be a whole percent from 1 to 99, not "${text}"`);
  return Number(text);
}

function renderText(r: PromoteReport): string {
  const out: string[] = [];
  if (r.gates) {
    out.push(`gates (policy ${r.gates.policy}) for ${r.model} ${r.version} -> ${r.stage}:`);
    if (r.gates.checks.length === 0) out.push("  (the policy sets no gate for this stage)");
    for (const c of r.gates.checks) out.push(`  ${c.ok ? "pass" : "FAIL"}  ${c.message}`);
  }
  if (r.diff) out.push(r.diff.trimEnd());
  for (const f of r.findings) out.push(formatFinding(f));
  for (const w of r.warnings) out.push(`warning: ${w}`);
  if (r.message) out.push(r.message);
  if (r.status === "written") out.push(`wrote ${r.path}: ${r.stage} serves ${describeVariants(r.after!)}`, cardHint(r.model));
  if (r.status === "proposed") out.push(`proposed ${r.pullRequest!.url}`);
  return out.join("\n") + "\n";
}

import { resolve } from "node:path";
import { fsRepoFiles } from "../../adapters/fs/repo-files.js";
import { gitCliHistory } from "../../adapters/git/git-cli-history.js";
import { consoleLogger } from "../../adapters/log/console-logger.js";
import { createOctokit } from "../../adapters/github/create-octokit.js";
import { octokitChangeRecords } from "../../adapters/github/octokit-change-records.js";
import { parseRepository } from "../../adapters/github/octokit-scm.js";
import { runAudit } from "../../commands/audit.js";
import { renderAuditCsv, renderAuditJson, renderAuditMarkdown } from "../../core/audit/render-audit.js";
import { UserError } from "../../core/errors.js";
import { readGitHubEnv } from "../github-env.js";
import { commonFlags, EXIT_OK, EXIT_USAGE, parseFlags, type CliCommand } from "./io.js";

const HELP = `usage: steward audit [--root DIR] [--model M] [--since DATE] [--format md|csv|json]

Every stage change of the governed models (or of --model M) since DATE (ISO, default: all), from
the git history of each models/<model>/model.yaml, with the pull request that proposed it, its
author, the approving reviewers, when it was merged, when the apply workflow ran on the commit and
how it ended (the check run named "apply"), and how the version reached the stage: through the
previous stage of the policy's promotion order, as a rollback, under promotion.allowSkip, or
SKIPPED. Markdown by default; csv for a spreadsheet; json for tools.

Environment: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL. Without them the trail has git's facts
only. Exit 0 when the trail is complete, 2 when GitHub could not be read (the first line says what
is missing; the rows are still printed) or on usage errors.
`;

export const auditCli: CliCommand = async (argv, io) => {
  const { values } = parseFlags(argv, { ...commonFlags, model: { type: "string" }, since: { type: "string" } });
  if (values.help) return io.stdout(HELP), EXIT_OK;
  const format = values.format ?? "md";
  if (!["md", "csv", "json"].includes(format)) throw new UserError(`usage: --format takes md, csv or json, not "${format}"`);
  const since = values.since ? new Date(values.since) : undefined;
  if (since && Number.isNaN(+since)) throw new UserError(`usage: --since must be an ISO date, not "${values.since}"`);
  const root = resolve(io.cwd, values.root ?? ".");
  const logger = consoleLogger({ write: io.stderr });
  const gh = readGitHubEnv(io.env);
  let github;
  if (gh.token && gh.repository) {
    const { owner, repo } = parseRepository(gh.repository);
    github = octokitChangeRecords({ octokit: createOctokit({ token: gh.token, logger, ...(gh.apiUrl ? { baseUrl: gh.apiUrl } : {}) }), owner, repo });
  }
  const result = await runAudit({ files: fsRepoFiles(root), git: gitCliHistory(root), ...(github ? { github } : {}) }, { ...(values.model ? { model: values.model } : {}), ...(since ? { since } : {}) });
  if (!result.complete) io.stderr(`audit incomplete: ${result.notes.join("; ")}\n`);
  io.stdout(format === "json" ? renderAuditJson(result.entries, result.notes) : format === "csv" ? renderAuditCsv(result.entries) : renderAuditMarkdown(result.entries, result.notes));
  return result.complete ? EXIT_OK : EXIT_USAGE;
};

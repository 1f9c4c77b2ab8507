import { resolve } from "node:path";
import { fsRepoFiles } from "../../adapters/fs/repo-files.js";
import { gitCliHistory } from "../../adapters/git/git-cli-history.js";
import { consoleLogger, silentLogger } from "../../adapters/log/console-logger.js";
import { parallelChecker } from "../../adapters/fs/parallel-checker.js";
import { gitPromotionHistory } from "../../commands/promotion-history.js";
import { validateRepo } from "../../commands/validate.js";
import { renderValidateSummary, renderValidateText, toValidateJson } from "../../core/report/validate-report.js";
import { emitAnnotations, writeJobSummary } from "../github-output.js";
import { readGitHubEnv } from "../github-env-read.js";
import { commonFlags, EXIT_FINDINGS, EXIT_OK, parseFlags, readFormat, type CliCommand, writeCommand } from "./io.js";

const HELP = `usage: steward validate [--root DIR] [--base REF [--changed-only]] [--check-remote] [--format text|json|github]

Checks every file under models/ and policies/ against its schema, the references between them,
the DVC pointers they name (with --check-remote: the objects in the DVC remote), and, with
--base, the promotion gates of every stage change since REF. --changed-only (with --base) checks
only the models the change touches, every model.yaml and policy, and the models whose policy it
changes. Exit 0 valid, 1 problems, 2 usage.
`;

export const validateCli: CliCommand = async (argv, io) => {
  const { values } = parseFlags(argv, { ...commonFlags, base: { type: "string" }, "check-remote": { type: "boolean" }, "changed-only": { type: "boolean" }, workers: { type: "string" } });
  if (values.help) return io.stdout(HELP), EXIT_OK;
  const format = readFormat(values.format);
  const root = resolve(io.cwd, values.root ?? ".");
  const git = gitCliHistory(root);
  const logger = format === "json" ? silentLogger : consoleLogger({ write: io.stderr });
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  // In a pull request's workflow (GITHUB_EVENT_PATH names one), the approvals gate counts its reviews.
  const gh = readGitHubEnv(io.env);
  // Octokit and the S3 client load only when used (--base, --check-remote): a plain validate starts fast.
  const pullRequest = values.base ? await (async () => {
    const { pullRequestFromEnv, scmFromEnv } = await import("../github-env.js");
    return pullRequestFromEnv(gh, scmFromEnv(gh, logger));
  })() : undefined;
  const s3DvcRemote = values["check-remote"] ? (await import("../../adapters/aws/s3-dvc-remote.js")).s3DvcRemote : undefined;
  const report = await validateRepo(
    {
      files: fsRepoFiles(root),
      git,
      history: values.base ? gitPromotionHistory(git, values.base) : undefined,
      ...(s3DvcRemote ? { remoteFor: (options: Record<string, string>) => s3DvcRemote(options) } : {}),
      checker: parallelChecker(root, workers === undefined ? {} : { workers }),
      logger,
      ...(pullRequest ? { pullRequest } : {}),
    },
    { ...(values.base ? { base: values.base } : {}), checkRemote: values["check-remote"] ?? false, changedOnly: values["changed-only"] ?? false, now: io.now() },
  );
  if (format === "json") io.stdout(JSON.stringify(toValidateJson(report), null, 2) + "\n");
  else io.stdout(renderValidateText(report));
  if (format === "github") {
    emitAnnotations(report.findings, "steward validate", (line) => writeCommand(io, line));
    await writeJobSummary(renderValidateSummary(report));
  }
  return report.errorCount > 0 ? EXIT_FINDINGS : EXIT_OK;
};

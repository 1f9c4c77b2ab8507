import { fsRepoFiles } from "../../adapters/fs/repo-files.js";
import { consoleLogger } from "../../adapters/log/console-logger.js";
import { runApply, writeBackModelVersions } from "../../commands/apply.js";
import { assignedVersions } from "../../commands/reconcile-mlflow.js";
import { applyLockFromEnv, DEFAULT_LOCK_WAIT, UNLOCKED_NOTE } from "../apply-lock-env.js";
import { readGitHubEnv } from "../github-env-read.js";
import { EXIT_OK, type CliCommand } from "./io.js";
import { printRun, readPlanFlags, targetSlots } from "./plan.js";

const HELP = `usage: steward apply [--root DIR] [--target mlflow,sagemaker,cloudwatch] [--dry-run] [--write-back] [--commit SHA]
                     [--lock-wait DURATION] [--break-lock] [--no-lock] [--format text|json|github]

Brings each target to the repository's state: plans from live state, then runs the steps in order,
stopping a target at its first failure. Safe to re-run: a second run changes nothing, and a run after
a failure resumes where it stopped. Nothing is applied while the repository has errors. MLflow
version numbers assigned to new versions are printed; with --write-back they are also recorded as
mlflow.modelVersion in the version files (for a follow-up pull request).

Two applies never interleave: each takes a lock per target before it plans, a GitHub deployment to
environment steward-apply/<target> (GITHUB_TOKEN with deployments: write, GITHUB_REPOSITORY). A second
apply waits up to --lock-wait (default ${DEFAULT_LOCK_WAIT}; 0 fails at once), saying who holds the lock,
then fails with exit 2. A holder silent for 10 minutes (a crashed run) is taken over; --break-lock takes
a live one over (only when you know that run is dead). --no-lock applies without a lock, and says so.
Exit 0 applied, 1 repository errors or a failed step, 2 usage, a requested target is not configured,
or the lock could not be taken.
`;

export const applyCli: CliCommand = async (argv, io) => {
  const flags = readPlanFlags(argv, io, { "dry-run": { type: "boolean" }, "write-back": { type: "boolean" }, "lock-wait": { type: "string" }, "break-lock": { type: "boolean" }, "no-lock": { type: "boolean" } });
  if (flags.values.help) return io.stdout(HELP), EXIT_OK;
  const dryRun = flags.values["dry-run"] === true;
  const noLock = flags.values["no-lock"] === true;
  const files = fsRepoFiles(flags.root);
  const logger = consoleLogger({ write: io.stderr });
  const lockWait = flags.values["lock-wait"] as string | undefined;
  const lock = dryRun
    ? undefined
    : applyLockFromEnv(readGitHubEnv(io.env), io.env, logger, { noLock, breakLock: flags.values["break-lock"] === true, ...(lockWait !== undefined ? { wait: lockWait } : {}), ...(flags.commit ? { commit: flags.commit } : {}) });
  const unlocked = !dryRun && noLock;
  if (unlocked) io.stderr(`steward apply: ${UNLOCKED_NOTE}\n`);
  const run = await runApply(
    { files, reconcilers: await targetSlots(io.env, files), logger, ...(lock ? { lock } : {}) },
    { now: io.now(), dryRun, ...(flags.targets ? { targets: flags.targets } : {}), ...(flags.commit ? { commit: flags.commit } : {}), ...(flags.repoUrl ? { repoUrl: flags.repoUrl } : {}) },
  );
  const assigned = assignedVersions(run.reports.flatMap((r) => r.outcomes ?? []));
  const writeBack = flags.values["write-back"] === true ? await writeBackModelVersions(files, assigned) : undefined;
  const status = (file: string) => {
    const w = writeBack?.find((x) => x.file === file);
    return w ? ` ${w.status}${w.reason ? `: ${w.reason}` : ""}` : "";
  };
  const text = assigned.length
    ? `\nMLflow versions assigned (record them as mlflow.modelVersion):\n${assigned.map((a) => `  ${a.name} ${a.stewardVersion} -> ${a.version}  (${a.file}${status(a.file)})`).join("\n")}\n`
    : "";
  if (unlocked && flags.format !== "json") io.stdout(`${UNLOCKED_NOTE}\n`);
  return printRun(run, io, flags.format, dryRun ? "dry-run" : "apply", flags.targets, { text, json: { assigned, ...(writeBack ? { writeBack } : {}), ...(dryRun ? {} : { locked: !unlocked }) } });
};

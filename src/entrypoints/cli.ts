import { describeError, ExternalError, UserError } from "../core/errors.js";
import { configureRedaction, redactOutput } from "../adapters/output/redaction.js";
import { guardedWriter } from "../adapters/output/stdout-guard.js";
import { configureReadLimit } from "../adapters/fs/read-inside.js";
import { STEWARD_VERSION } from "../version.js";
import { examplesFor } from "./cli/examples.js";
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from "./cli/io.js";

/** Every command, loaded lazily so that `steward detect` does not pay for the AWS SDK. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  init: { summary: "start model-steward in a repository (starter layout, workflows, editor schemas)", load: async () => (await import("./cli/init.js")).initCli },
  import: { summary: "write models/ and versions/ from the live MLflow registry and SageMaker endpoints", load: async () => (await import("./cli/import.js")).importCli },
  validate: { summary: "check schemas, references, DVC pointers and promotion gates", load: async () => (await import("./cli/validate.js")).validateCli },
  card: { summary: "render MODEL_CARD.md per model (--check: fail on a stale card)", load: async () => (await import("./cli/card.js")).cardCli },
  register: { summary: "write a new version file from an MLflow run", load: async () => (await import("./cli/register.js")).registerCli },
  promote: { summary: "move a version to a stage after checking the gates", load: async () => (await import("./cli/promote.js")).promoteCli },
  plan: { summary: "what apply would change in MLflow and SageMaker", load: async () => (await import("./cli/plan.js")).planCli },
  apply: { summary: "reconcile MLflow and SageMaker to the repository", load: async () => (await import("./cli/apply.js")).applyCli },
  monitor: { summary: "detect anomalies in metrics and remediate per policy", load: async () => (await import("./cli/monitor.js")).monitorCli },
  detect: { summary: "score one series (CSV timestamp,value) for anomalies", load: async () => (await import("./cli/detect.js")).detectCli },
  baseline: { summary: "propose a PR refreshing a model's metric reference statistics from a healthy period", load: async () => (await import("./cli/baseline.js")).baselineCli },
  drift: { summary: "compare two samples column by column with drift tests", load: async () => (await import("./cli/drift.js")).driftCli },
  dashboard: { summary: "write a static HTML dashboard", load: async () => (await import("./cli/dashboard.js")).dashboardCli },
  codeowners: { summary: "the CODEOWNERS section from the models' owners (--check: fail when out of date; --write)", load: async () => (await import("./cli/codeowners.js")).codeownersCli },
  chatops: { summary: "run the /steward command of an issue_comment event (plan, rollback) for a user with write access", load: async () => (await import("./cli/chatops.js")).chatopsCli },
  audit: { summary: "every stage change with its PR, approvers, merge and apply times", load: async () => (await import("./cli/audit.js")).auditCli },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    `usage: steward <command> [flags]          (model-steward ${STEWARD_VERSION})`,
    "",
    "commands:",
    ...rows,
    "",
    "Every command takes --root DIR (default: the current folder).",
    "`steward help <command>` (or `steward <command> --help`) shows its flags and examples; `steward --version` the version.",
    "Exit status: 0 ok, 1 findings (invalid files, failed gates, anomalies), 2 usage or environment errors.",
    "",
  ].join("\n");
}

/** Runs one CLI invocation and returns the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [first, ...args] = argv;
  if (first === "--version" || first === "-V" || first === "version") {
    io.stdout(`${STEWARD_VERSION}\n`);
    return EXIT_OK;
  }
  // `steward help validate` is `steward validate --help`.
  const asHelp = first === "help" && args.length > 0;
  const name = asHelp ? args[0] : first;
  const rest = asHelp ? ["--help"] : args;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return name ? EXIT_OK : EXIT_USAGE;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr(`steward: unknown command "${name}"\n\n${usage()}`);
    return EXIT_USAGE;
  }
  // Everything written is redacted; plain text can never start a workflow command (only `command` can).
  configureRedaction(io.env);
  const out = guardedWriter(io.stdout);
  const errOut = guardedWriter(io.stderr);
  const guarded: CliIO = { ...io, stdout: out.write, stderr: errOut.write, command: (line) => io.stdout(redactOutput(line)) };
  try {
    if (rest.includes("--help") || rest.includes("-h")) {
      const code = await (await entry.load())(["--help"], io);
      io.stdout(examplesFor(name));
      return code;
    }
    configureReadLimit(io.env.STEWARD_MAX_FILE_BYTES);
    const command = await entry.load();
    return await command(rest, guarded);
  } catch (err) {
    guarded.stderr(`steward ${name}: ${describeError(err)}\n`);
    if (!(err instanceof UserError) && io.env.STEWARD_DEBUG && err instanceof Error) guarded.stderr(`${err.stack}\n`);
    return exitCodeFor(err);
  } finally {
    out.flush();
    errOut.flush();
  }
}

/** Exit status by error class (never by `name`, which subclasses change): 2 for usage and environment, 70 for bugs. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof UserError || err instanceof ExternalError) return EXIT_USAGE;
  return 70;
}

import { actionLog, setOutput } from "../github-output.js";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describeError } from "../../core/errors.js";
import { runCli } from "../cli.js";
import { booleanInput, optionalInput } from "./inputs.js";

/**
 * The monitor action: the same wiring as `steward monitor --format github` (annotations, job summary),
 * with the JSON report written to `out` for the artifact, and a few numbers as outputs.
 */
export async function run(env: Record<string, string | undefined> = process.env): Promise<void> {
  try {
    const out = resolve(optionalInput("out") ?? "monitor-out");
    const argv = ["monitor", "--format", "github", "--root", optionalInput("root") ?? ".", "--source", optionalInput("source") ?? "cloudwatch", "--out", out];
    const shard = optionalInput("shard");
    if (shard) argv.push("--shard", shard);
    const model = optionalInput("model");
    if (model) argv.push("--model", model);
    const alarm = optionalInput("alarm");
    if (alarm) argv.push("--alarm", alarm);
    if (booleanInput("dry-run")) argv.push("--dry-run");
    if (booleanInput("drift")) argv.push("--drift");
    const code = await runCli(argv, {
      stdout: (s) => void process.stdout.write(s),
      stderr: (s) => void process.stderr.write(s),
      env,
      cwd: process.cwd(),
      readStdin: async () => "",
      now: () => new Date(),
    });
    const report = JSON.parse(await readFile(join(out, "report.json"), "utf8").catch(() => "{}")) as { status?: { headline: string; outcome: string }; findings?: unknown[]; actions?: { status: string }[]; stats?: { models: number } };
    setOutput("findings", String(report.findings?.length ?? 0));
    setOutput("models", String(report.stats?.models ?? 0));
    setOutput("report", join(out, "report.json"));
    setOutput("outcome", report.status?.outcome ?? "error");
    // Exit 1 means findings acted on: they became issues and PRs, the job stays green. A blind run, one
    // that could not act, and usage or environment errors (2) fail the step.
    if (code > 1) actionLog.fail(report.status?.headline ?? `steward monitor exited with ${code}`);
  } catch (err) {
    actionLog.fail(describeError(err));
  }
}

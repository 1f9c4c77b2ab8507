// `steward detect` and `steward drift` as Unix tools start fast: bin/steward.js runs them from this
// small bundle (dist/cli-tools.js), which holds neither the AWS SDK nor Octokit. Same commands,
// same exit codes as the full CLI (src/entrypoints/cli.ts).
import { describeError, UserError } from "../core/errors.js";
import { detectCli } from "./cli/detect.js";
import { driftCli } from "./cli/drift.js";
import { exitStatusAfterOutput, stdStream } from "./cli/std-stream.js";

const [name, ...rest] = process.argv.slice(2);
const command = name === "detect" ? detectCli : name === "drift" ? driftCli : undefined;
const chunks: Buffer[] = [];
const stdout = stdStream(process.stdout);
const stderr = stdStream(process.stderr);
try {
  if (!command) throw new UserError(`cli-tools runs detect and drift, not "${name}"`);
  process.exitCode = await command(rest, {
    stdout: stdout.write,
    stderr: stderr.write,
    env: process.env,
    cwd: process.cwd(),
    readStdin: async () => {
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
    stdinStream: () => process.stdin,
    stdoutStream: process.stdout,
    now: () => new Date(),
  });
} catch (err) {
  stderr.write(`steward ${name}: ${describeError(err)}\n`);
  if (!(err instanceof UserError) && process.env.STEWARD_DEBUG && err instanceof Error) stderr.write(`${err.stack}\n`);
  process.exitCode = err instanceof UserError ? 2 : err instanceof Error && err.name === "ExternalError" ? 2 : 70;
}
await stdout.settled();
if (stdout.error) stderr.write(`steward ${name}: cannot write standard output: ${stdout.error.message}\n`);
process.exitCode = exitStatusAfterOutput(Number(process.exitCode ?? 0), stdout);

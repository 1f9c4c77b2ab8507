// The AWS SDK warns on every run under Node 20 that its 2027 releases will need Node 22. This tool
// supports Node 20 with the SDK versions it locks; the warning would only clutter terminal output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

import { runCli } from "./cli.js";
import { exitStatusAfterOutput, stdStream } from "./cli/std-stream.js";

// Every write of every command goes through these: a reader that goes away (`| head -1`) ends the output quietly.
const stdout = stdStream(process.stdout);
const stderr = stdStream(process.stderr);

const chunks: Buffer[] = [];
async function readStdin(): Promise<string> {
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function ask(question: string): Promise<string> {
  const { createInterface } = await import("node:readline/promises");
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

const code = await runCli(process.argv.slice(2), {
  stdout: stdout.write,
  stderr: stderr.write,
  env: process.env,
  cwd: process.cwd(),
  readStdin,
  stdinStream: () => process.stdin,
  stdoutStream: process.stdout,
  now: () => new Date(),
  ...(process.stdin.isTTY ? { ask } : {}),
});
await stdout.settled();
if (stdout.error) stderr.write(`steward: cannot write standard output: ${stdout.error.message}\n`);
process.exitCode = exitStatusAfterOutput(code, stdout);

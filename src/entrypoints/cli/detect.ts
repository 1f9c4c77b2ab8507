import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { UserError } from "../../core/errors.js";
import { detectStream, detectorsFromPolicy } from "../../commands/detect.js";
import { readPolicyFlag } from "./policy-flag.js";
import { commonFlags, EXIT_OK, parseFlags, type CliCommand, type CliIO } from "./io.js";

const HELP = `usage: steward detect --input FILE|- --output FILE|- [--policy NAME|FILE] [--check METRIC] [--root DIR]

Scores one series (CSV timestamp,value; NAB, ISO or epoch timestamps) with the detectors the
monitor uses and writes timestamp,value,anomaly_score (score in [0,1], one row per input row).
`;

/** The input in chunks: a file is streamed (1 MiB reads); `-` is standard input as CliIO gives it. */
async function* readInput(io: CliIO, file: string): AsyncGenerator<string> {
  if (file === "-") {
    yield await io.readStdin();
    return;
  }
  const stream = createReadStream(path.resolve(io.cwd, file), { encoding: "utf8", highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) yield chunk as string;
  } catch (err) {
    throw new UserError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

/** Where the output goes: standard output, or a file written as it is produced (with backpressure). */
function openOutput(io: CliIO, file: string): { write(s: string): Promise<void>; close(): Promise<void> } {
  if (file === "-") return { write: async (s) => io.stdout(s), close: async () => {} };
  const ws = createWriteStream(path.resolve(io.cwd, file));
  const failed = once(ws, "error").then(([err]) => {
    throw new UserError(`cannot write ${file}: ${(err as Error).message}`);
  });
  failed.catch(() => {});
  return {
    async write(s) {
      if (s && !ws.write(s)) await Promise.race([once(ws, "drain"), failed]);
    },
    async close() {
      ws.end();
      await Promise.race([once(ws, "finish"), failed]);
    },
  };
}

/** `steward detect`: exit 0 after writing the scores, 2 on usage or input errors. */
export const detectCli: CliCommand = async (argv, io) => {
  const { values } = parseFlags(argv, { ...commonFlags, input: { type: "string" }, output: { type: "string" }, policy: { type: "string" }, check: { type: "string" } });
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (!values.input || !values.output) throw new UserError(`usage: --input and --output are required\n${HELP}`);
  const root = path.resolve(io.cwd, values.root ?? ".");
  let refs;
  if (values.policy) {
    refs = detectorsFromPolicy(await readPolicyFlag(root, io.cwd, values.policy), values.check);
  }
  const stream = detectStream(refs, values.input === "-" ? "stdin" : values.input);
  const chunks = readInput(io, values.input);
  const first = await chunks.next(); // fail on an unreadable input before creating the output file
  const out = openOutput(io, values.output);
  try {
    if (!first.done) await out.write(stream.write(first.value));
    for await (const chunk of chunks) await out.write(stream.write(chunk));
    await out.write(stream.end());
  } finally {
    await out.close();
  }
  return EXIT_OK;
};

import path from "node:path";
import { UserError } from "../../core/errors.js";
import { detectStream, detectorsFromPolicy } from "../../commands/detect.js";
import { commonFlags, EXIT_OK, parseFlags, type CliCommand } from "./io.js";
import { readPolicyFlag } from "./policy-flag.js";
import { openOutput, readChunks } from "./stream-io.js";

const HELP = `usage: steward detect --input FILE|- --output FILE|- [--policy NAME|FILE] [--check METRIC] [--skip-bad-rows] [--root DIR]

Scores one series with the detectors the monitor uses and writes timestamp,value,anomaly_score
(score in [0,1], one row per input row). Input: CSV timestamp,value with or without a header
(recognised by its column names), NDJSON, or a JSON array of {"timestamp", "value"} objects;
NAB, ISO or epoch timestamps. Streams: memory does not grow with the input. A bad row is an
error naming its line, or with --skip-bad-rows is left out and counted on stderr. A file output
is written to a temporary file and renamed at the end; a closed output pipe ends quietly.
`;

/** `steward detect`: exit 0 after writing the scores (or when the reader of standard output goes away), 2 on usage or input errors. */
export const detectCli: CliCommand = async (argv, io) => {
  const { values } = parseFlags(argv, {
    ...commonFlags,
    input: { type: "string" },
    output: { type: "string" },
    policy: { type: "string" },
    check: { type: "string" },
    "skip-bad-rows": { type: "boolean" },
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (!values.input || !values.output) throw new UserError(`usage: --input and --output are required\n${HELP}`);
  const root = path.resolve(io.cwd, values.root ?? ".");
  const refs = values.policy ? detectorsFromPolicy(await readPolicyFlag(root, io.cwd, values.policy), values.check) : undefined;
  if (!values.policy && values.check) throw new UserError("usage: --check needs --policy");
  const stream = detectStream(refs, values.input === "-" ? "stdin" : values.input, { skipBadRows: values["skip-bad-rows"] });
  const chunks = readChunks(io, values.input);
  const first = await chunks.next(); // fail on an unreadable input before creating the output file
  const out = openOutput(io, values.output);
  try {
    if (!first.done) await out.write(stream.write(first.value));
    for await (const chunk of chunks) {
      if (out.closed) break;
      await out.write(stream.write(chunk));
    }
    if (!out.closed) await out.write(stream.end());
    await out.commit();
  } catch (err) {
    await out.abort();
    throw err;
  }
  const summary = stream.summary();
  if (summary.skipped > 0) {
    const f = summary.firstSkipped!;
    io.stderr(`steward detect: skipped ${summary.skipped} bad row(s); the first, line ${f.line}: ${f.message}\n`);
  }
  return EXIT_OK;
};

import path from "node:path";
import { UserError } from "../../core/errors.js";
import { notCompared } from "../../core/drift/compare-samples.js";
import { checkTestNames, driftOptionsFromPolicy, formatDriftText, runDriftOnSamples, sampleReader } from "../../commands/drift.js";
import { readChunks } from "./stream-io.js";
import { readPolicyFlag } from "./policy-flag.js";
import { commonFlags, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, parseFlags, readFormat, type CliCommand } from "./io.js";

const HELP = `usage: steward drift --baseline A.csv --current B.csv [--format text|json] [--policy NAME|FILE] [--tests ks,psi,...] [--threshold TEST=VALUE]...

Compares every column of two samples: numeric columns with KS, PSI, Wasserstein and
Jensen-Shannon; text columns with chi-square and Jensen-Shannon. --policy takes the tests and
thresholds of the policy's monitoring.drift; --tests and --threshold override them.
Exit 1 when a column drifts; 2 when no column could be compared (an empty sample, no column in common).
`;

/** `steward drift`: exit 1 when any column drifts, 0 when none does, 2 on usage or input errors. */
export const driftCli: CliCommand = async (argv, io) => {
  const { values } = parseFlags(argv, {
    ...commonFlags,
    baseline: { type: "string" },
    current: { type: "string" },
    tests: { type: "string" },
    policy: { type: "string" },
    threshold: { type: "string", multiple: true },
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (!values.baseline || !values.current) throw new UserError(`usage: --baseline and --current are required\n${HELP}`);
  const format = readFormat(values.format, ["text", "json"]);
  const root = path.resolve(io.cwd, values.root ?? ".");
  // each sample is read as a stream into its columns (numbers, category counts), never whole as text
  const read = async (file: string) => {
    const reader = sampleReader(file);
    for await (const chunk of readChunks(io, file, root)) reader.write(chunk);
    return { name: file, columns: reader.end() };
  };
  let fromPolicy: ReturnType<typeof driftOptionsFromPolicy> = { thresholds: {} };
  if (values.policy) {
    fromPolicy = driftOptionsFromPolicy(await readPolicyFlag(root, io.cwd, values.policy));
  }
  const thresholds: Record<string, number> = { ...fromPolicy.thresholds };
  for (const t of values.threshold ?? []) {
    const [k, v] = t.split("=");
    if (!k || v === undefined || !Number.isFinite(Number(v))) throw new UserError(`usage: --threshold expects TEST=NUMBER, not "${t}"`);
    thresholds[k] = Number(v);
  }
  const tests = values.tests ? values.tests.split(",").map((s) => s.trim()).filter(Boolean) : fromPolicy.tests;
  checkTestNames(tests);
  const doc = runDriftOnSamples({
    baseline: await read(values.baseline),
    current: await read(values.current),
    tests,
    thresholds,
  });
  io.stdout(format === "json" ? JSON.stringify(doc, null, 2) + "\n" : formatDriftText(doc));
  // Two samples with nothing in common to compare (an empty current sample, other column names) are not "no drift".
  const skipped = notCompared(doc);
  if (skipped.nothing) {
    io.stderr(`steward drift: nothing compared: no column of ${values.current} could be compared with ${values.baseline}${skipped.text ? `; ${skipped.text}` : ""}\n`);
    return EXIT_USAGE;
  }
  return doc.drift ? EXIT_FINDINGS : EXIT_OK;
};

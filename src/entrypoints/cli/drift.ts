import { readFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../../core/errors.js";
import { driftOptionsFromPolicy, formatDriftText, runDrift } from "../../commands/drift.js";
import { readPolicyFlag } from "./policy-flag.js";
import { commonFlags, EXIT_FINDINGS, EXIT_OK, parseFlags, readFormat, type CliCommand } from "./io.js";

const HELP = `usage: steward drift --baseline A.csv --current B.csv [--format text|json] [--policy NAME|FILE] [--tests ks,psi,...] [--threshold TEST=VALUE]...

Compares every column of two samples: numeric columns with KS, PSI, Wasserstein and
Jensen-Shannon; text columns with chi-square and Jensen-Shannon. --policy takes the tests and
thresholds of the policy's monitoring.drift; --tests and --threshold override them.
Exit 1 when a column drifts.
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
  const read = async (file: string) => {
    if (file === "-") return io.readStdin();
    return readFile(path.resolve(root, file), "utf8").catch((err: Error) => {
      throw new UserError(`cannot read ${file}: ${err.message}`);
    });
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
  const doc = runDrift({
    baseline: { name: values.baseline, text: await read(values.baseline) },
    current: { name: values.current, text: await read(values.current) },
    tests: values.tests ? values.tests.split(",").map((s) => s.trim()).filter(Boolean) : fromPolicy.tests,
    thresholds,
  });
  io.stdout(format === "json" ? JSON.stringify(doc, null, 2) + "\n" : formatDriftText(doc));
  return doc.drift ? EXIT_FINDINGS : EXIT_OK;
};

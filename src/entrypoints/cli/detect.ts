import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { UserError } from "../../core/errors.js";
import { detectCsv, detectorsFromPolicy } from "../../commands/detect.js";
import { commonFlags, EXIT_OK, parseFlags, type CliCommand, type CliIO } from "./io.js";

const HELP = `usage: steward detect --input FILE|- --output FILE|- [--policy NAME|FILE] [--check METRIC] [--root DIR]

Scores one series (CSV timestamp,value; NAB, ISO or epoch timestamps) with the detectors the
monitor uses and writes timestamp,value,anomaly_score (score in [0,1], one row per input row).
`;

async function readInput(io: CliIO, file: string): Promise<string> {
  if (file === "-") return io.readStdin();
  try {
    return await readFile(path.resolve(io.cwd, file), "utf8");
  } catch (err) {
    throw new UserError(`cannot read ${file}: ${(err as Error).message}`);
  }
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
    const file = /\.ya?ml$/.test(values.policy) ? path.resolve(root, values.policy) : path.join(root, "policies", `${values.policy}.yaml`);
    const text = await readFile(file, "utf8").catch(() => {
      throw new UserError(`cannot read policy ${path.relative(io.cwd, file)}`);
    });
    refs = detectorsFromPolicy(parseYaml(text), values.check);
  }
  const text = await readInput(io, values.input);
  const result = detectCsv(text, refs, values.input === "-" ? "stdin" : values.input);
  if (values.output === "-") io.stdout(result.csv);
  else await writeFile(path.resolve(io.cwd, values.output), result.csv);
  return EXIT_OK;
};

import { resolve } from "node:path";
import { fsRepoFiles } from "../../adapters/fs/repo-files.js";
import { codeowners } from "../../commands/codeowners.js";
import { UserError } from "../../core/errors.js";
import { commonFlags, EXIT_FINDINGS, EXIT_OK, parseFlags, readFormat, type CliCommand } from "./io.js";

const HELP = `usage: steward codeowners [--check | --write] [--root DIR] [--format text|json]

The CODEOWNERS section generated from every model's owners (users and @org/team): one line per
model folder (/models/<name>/ @owner ...), between the lines "# BEGIN model-steward ..." and
"# END model-steward". The file is the one GitHub uses (.github/CODEOWNERS, CODEOWNERS or
docs/CODEOWNERS; .github/CODEOWNERS when there is none). Without a flag, prints the section.
--check exits 1 with a diff when the file is out of date; --write updates only the marked section
(appended at the end when the file has none: GitHub applies the last matching rule).
Exit 0 up to date (or written), 1 out of date, 2 usage, an invalid repository or broken markers.
`;

export const codeownersCli: CliCommand = async (argv, io) => {
  const { values } = parseFlags(argv, { ...commonFlags, check: { type: "boolean" }, write: { type: "boolean" } });
  if (values.help) return io.stdout(HELP), EXIT_OK;
  const format = readFormat(values.format, ["text", "json"]);
  if (values.check && values.write) throw new UserError("usage: steward codeowners takes --check or --write, not both");
  const mode = values.check ? "check" : values.write ? "write" : "print";
  const r = await codeowners(fsRepoFiles(resolve(io.cwd, values.root ?? ".")), { mode });
  if (format === "json") io.stdout(`${JSON.stringify({ file: r.file, status: r.status, section: r.section, ...(r.diff ? { diff: r.diff } : {}) }, null, 2)}\n`);
  else if (mode === "print") io.stdout(r.section);
  else if (r.status === "fresh") io.stdout(`${r.file}: up to date\n`);
  else if (r.status === "written") io.stdout(`${r.file}: written\n${r.diff ?? ""}`);
  else io.stdout(`${r.file}: ${r.status === "missing" ? "missing" : "out of date"}; run \`steward codeowners --write\` and commit it\n${r.diff ?? ""}`);
  return mode === "check" && (r.status === "stale" || r.status === "missing") ? EXIT_FINDINGS : EXIT_OK;
};

import { resolve } from "node:path";
import { fsRepoFiles } from "../../adapters/fs/repo-files.js";
import { localDefaultBranch } from "../../adapters/git/default-branch.js";
import { planInit, runInit } from "../../commands/init.js";
import { majorTag, nextSteps } from "../../core/init/starter-layout.js";
import { UserError } from "../../core/errors.js";
import { STEWARD_VERSION } from "../../version.js";
import { commonFlags, EXIT_OK, parseFlags, type CliCommand } from "./io.js";

const HELP = `usage: steward init [--model NAME] [--yes] [--force] [--root DIR]

Starts model-steward in a repository (empty or not): models/NAME/model.yaml, policies/default.yaml,
.github/workflows/steward-{pr,apply,monitor}.yml calling the published reusable workflows at
${majorTag(STEWARD_VERSION)}, and .vscode/settings.json mapping the schemas for the YAML extension.
With --model NAME in a repository that has the layout, adds that model only.

  --model NAME  the model to create (default: my-model)
  --yes         write without asking (required when standard input is not a terminal)
  --force       overwrite files that exist (default: keep them, and say so)

Then prints the next three steps. Exit 0 written, 2 usage (a model that exists, a bad name).
`;

export const initCli: CliCommand = async (argv, io) => {
  const { values } = parseFlags(argv, { ...commonFlags, model: { type: "string" }, yes: { type: "boolean", short: "y" }, force: { type: "boolean" } });
  if (values.help) return io.stdout(HELP), EXIT_OK;
  const root = resolve(io.cwd, values.root ?? ".");
  const files = fsRepoFiles(root);
  // The apply workflow runs on pushes to the branch merges land on: this clone's default, not always main.
  const branch = await localDefaultBranch(root);
  const opts = { model: values.model ?? "my-model", modelOnly: values.model !== undefined, force: values.force ?? false, ref: majorTag(STEWARD_VERSION), ...(branch ? { branch } : {}) };
  if (!values.yes) {
    const plan = await planInit(files, opts);
    const list = plan.files.map((f) => `  ${f.path}${plan.existing.has(f.path) ? (opts.force ? "  (overwrite)" : "  (exists, kept)") : ""}`).join("\n");
    if (!io.ask) throw new UserError(`usage: init would write these files under ${root}; pass --yes to write them without asking:\n${list}`);
    const answer = await io.ask(`steward init will write under ${root}:\n${list}\nWrite them? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) return io.stderr("nothing written\n"), EXIT_OK;
  }
  const result = await runInit(files, opts);
  // Files kept as they were are said first: a workflow of your own is not the reusable workflow's caller.
  if (result.kept.length) io.stdout(`init: ${result.written.length} file(s) written, ${result.kept.length} KEPT because they exist (${result.kept.join(", ")}); --force overwrites them\n`);
  for (const f of result.written) io.stdout(`wrote ${f}\n`);
  for (const f of result.kept) io.stdout(`kept  ${f} (exists; --force overwrites it)\n`);
  if (result.written.includes(".github/workflows/steward-apply.yml")) {
    io.stdout(`apply runs on pushes to ${branch ?? "main"} (${branch ? "this clone's default branch" : "no branch found in this clone"}); change \`branches:\` in .github/workflows/steward-apply.yml if merges land elsewhere\n`);
  }
  io.stdout(`\nNext:\n${nextSteps(opts.model).map((s, i) => `  ${i + 1}. ${s}`).join("\n")}\n`);
  return EXIT_OK;
};

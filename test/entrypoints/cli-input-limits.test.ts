/**
 * A file nested too deep to parse safely, or an alias bomb, refuses the input in every command that
 * reads the repository's YAML: exit 2 with the file and line, the same in each (not a finding, exit 1).
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import type { CliIO } from "../../src/entrypoints/cli/io.js";
import { loadCases, materializeCase } from "../support/scratch-repo.js";

const CASES = [
  ["too deep", "39-too-deep", "models/scorer/model.yaml:5:1: the document nests deeper than 64 levels: refused before parsing"],
  ["alias bomb", "03-alias-bomb", "policies/base.yaml:5:1: too many alias expansions (over 100): possible alias bomb"],
] as const;

/** Every command that reads models/ and policies/, with the arguments it needs to get that far. */
const COMMANDS: Array<[string, string[], Record<string, string>?]> = [
  ["validate", ["validate"]],
  ["validate --format github", ["validate", "--format", "github"]],
  ["card", ["card", "--out", "cards-out"]],
  ["card --check", ["card", "--check"]],
  ["plan", ["plan", "--offline"]],
  ["apply --dry-run", ["apply", "--dry-run"]],
  ["monitor", ["monitor", "--source", ".", "--dry-run"]],
  ["promote", ["promote", "scorer", "2", "production"]],
  ["dashboard", ["dashboard", "--out", "dash-out"]],
  ["audit", ["audit"]],
  // The repository is read before MLflow is asked anything: nothing listens at this address.
  ["register", ["register", "--model", "scorer", "--run-id", "0123456789abcdef0123456789abcdef"], { MLFLOW_TRACKING_URI: "http://127.0.0.1:9" }],
];

function io(cwd: string, env: Record<string, string> = {}): { io: CliIO; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return { io: { stdout: (s) => void (out += s), stderr: (s) => void (err += s), env, cwd, readStdin: async () => "", now: () => new Date("2026-11-26T00:00:00Z") }, out: () => out, err: () => err };
}

describe.each(CASES)("a repository with a file %s", (_name, caseName, message) => {
  const c = loadCases().find((x) => x.name === caseName)!;
  it.each(COMMANDS)("steward %s: exit 2 naming file and line", async (_label, argv, env) => {
    using repo = materializeCase(c);
    const r = io(repo.root, env);
    const code = await runCli(argv, r.io);
    expect(code, r.out() + r.err()).toBe(2);
    expect(r.err()).toContain(message);
  });
});

/**
 * Exit status by error class, per command: 0 ok, 1 findings, 2 usage or environment, 70 a bug.
 * The class decides (instanceof), never the error's `name`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { exitCodeFor, runCli } from "../../src/entrypoints/cli.js";
import { ExternalError, InternalError, UserError } from "../../src/core/errors.js";
import { MlflowError } from "../../src/adapters/mlflow/mlflow-error.js";
import { captureIO } from "../support/cli-io.js";

class RenamedUserError extends UserError {
  override name = "SomethingElse";
}

describe("exitCodeFor: the class decides", () => {
  const impostor = Object.assign(new Error("looks like one"), { name: "UserError" });
  it.each([
    ["UserError", new UserError("bad flag"), 2],
    ["a UserError subclass with another name", new RenamedUserError("bad"), 2],
    ["ExternalError", new ExternalError("aws", 403, "AccessDenied"), 2],
    ["MlflowError (an ExternalError)", new MlflowError(503, "TEMPORARILY_UNAVAILABLE", "down", "/api/2.0/mlflow/registered-models/get"), 2],
    ["a plain Error named UserError", impostor, 70],
    ["InternalError", new InternalError("bug"), 70],
    ["TypeError", new TypeError("x is undefined"), 70],
    ["a thrown string", "oops", 70],
  ] as const)("%s -> %i", (_name, err, code) => {
    expect(exitCodeFor(err)).toBe(code);
  });
});

const empty = mkdtempSync(join(tmpdir(), "steward-empty-root-"));
const series = join(empty, "s.csv");
writeFileSync(series, "timestamp,value\n2026-01-01T00:00:00Z,1\n");
afterAll(() => rmSync(empty, { recursive: true, force: true }));

/** [command, argv, exit code, what stderr says]. */
const TABLE: [string, string[], number, RegExp][] = [];
const REPO_COMMANDS: Record<string, string[]> = {
  validate: [],
  card: ["--check"],
  plan: ["--offline"],
  apply: ["--dry-run"],
  monitor: ["--source", empty, "--dry-run"],
  dashboard: ["--out", join(empty, "site")],
  promote: ["m", "1", "production"],
};
for (const [command, args] of Object.entries(REPO_COMMANDS)) {
  TABLE.push([command, [command, ...args, "--root", empty], 2, /no model-steward files under .*steward-empty-root-/]);
}
for (const command of ["init", "validate", "card", "register", "promote", "plan", "apply", "monitor", "detect", "drift", "dashboard"]) {
  TABLE.push([command, [command, "--no-such-flag"], 2, /usage: .*--no-such-flag/]);
}
TABLE.push(
  ["register", ["register", "--model", "m", "--run-id", "r", "--root", empty], 2, /MLFLOW_TRACKING_URI must be set/],
  ["detect", ["detect", "--input", series], 2, /--input and --output are required/],
  ["detect", ["detect", "--input", join(empty, "missing.csv"), "--output", "-"], 2, /cannot read/],
  ["drift", ["drift", "--baseline", series], 2, /--baseline and --current are required/],
  ["init", ["init", "--root", empty], 2, /pass --yes to write them without asking/],
  ["init", ["init", "--model", "Bad_Name", "--yes", "--root", empty], 2, /"Bad_Name" is not a model name/],
  ["(none)", ["no-such-command"], 2, /unknown command "no-such-command"/],
  ["(none)", [], 2, /^$/],
);

describe("steward <command>: usage and environment errors exit 2 with one line naming the problem", () => {
  it.each(TABLE)("%s %j -> %i", async (_command, argv, code, stderr) => {
    const io = captureIO({ cwd: empty });
    expect(await runCli(argv, io)).toBe(code);
    expect(io.err()).toMatch(stderr);
    expect(io.err()).not.toMatch(/\n\s+at /);
  });
});

describe("steward --version, help <command>, <command> --help", () => {
  it("--version prints the package version", async () => {
    const { version } = (await import("../../package.json", { with: { type: "json" } })).default;
    for (const flag of ["--version", "-V", "version"]) {
      const io = captureIO();
      expect(await runCli([flag], io)).toBe(0);
      expect(io.out()).toBe(`${version}\n`);
    }
  });

  it.each(["init", "validate", "card", "register", "promote", "plan", "apply", "monitor", "detect", "drift", "dashboard"])("help %s = %s --help: usage, flags and examples, exit 0", async (command) => {
    const a = captureIO();
    const b = captureIO();
    expect(await runCli(["help", command], a)).toBe(0);
    expect(await runCli([command, "--help"], b)).toBe(0);
    expect(a.out()).toBe(b.out());
    expect(a.out()).toMatch(new RegExp(`^usage: steward ${command}`));
    expect(a.out()).toMatch(new RegExp(`\\nExamples:\\n(  steward ${command} .*\\n)+`));
  });

  it("help for an unknown command is a usage error", async () => {
    const io = captureIO();
    expect(await runCli(["help", "nope"], io)).toBe(2);
    expect(io.err()).toMatch(/unknown command "nope"/);
  });
});

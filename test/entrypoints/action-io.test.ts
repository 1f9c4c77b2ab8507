/**
 * The actions read inputs and write outputs without @actions/core (start-up time): the same
 * contract as its getInput, setOutput, isDebug and group.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { actionsLogger } from "../../src/adapters/log/actions-logger.js";
import { UserError } from "../../src/core/errors.js";
import { getInput } from "../../src/entrypoints/actions/inputs.js";
import { setOutput } from "../../src/entrypoints/github-output.js";
import { loadScmFromEnv } from "../../src/entrypoints/github-scm.js";
import { readGitHubEnv } from "../../src/entrypoints/github-env-read.js";
import { silentLogger } from "../../src/adapters/log/console-logger.js";
import { configureRedaction } from "../../src/adapters/output/redaction.js";

/** Reads a GITHUB_OUTPUT file as the runner does (name<<delimiter blocks). */
function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const end = lines.indexOf(m[2]!, i + 1);
    out[m[1]!] = lines.slice(i + 1, end).join("\n");
    i = end;
  }
  return out;
}

let dir: string;
let written: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "steward-action-io-"));
  written = [];
  vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => (written.push(String(s)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe("getInput", () => {
  it("reads INPUT_<NAME> with spaces as underscores, upper case, trimmed; unset is empty", () => {
    const env = { "INPUT_CHECK-REMOTE": " true \n", INPUT_MY_INPUT: "x", INPUT_ROOT: "" };
    expect(getInput("check-remote", env)).toBe("true");
    expect(getInput("my input", env)).toBe("x");
    expect(getInput("root", env)).toBe("");
    expect(getInput("base", env)).toBe("");
  });
});

describe("setOutput", () => {
  it("appends a delimited block per output to GITHUB_OUTPUT, multi-line values intact", () => {
    const file = join(dir, "output");
    writeFileSync(file, "");
    setOutput("errors", "3", { GITHUB_OUTPUT: file });
    setOutput("assigned", '[{"a":"x\\ny"}]\nsecond line', { GITHUB_OUTPUT: file });
    const text = readFileSync(file, "utf8");
    expect(parseOutputFile(text)).toEqual({ errors: "3", assigned: '[{"a":"x\\ny"}]\nsecond line' });
    // A fresh random delimiter each time: a value cannot end its own block.
    const delimiters = [...text.matchAll(/<<(ghadelimiter_[0-9a-f-]{36})$/gm)].map((m) => m[1]);
    expect(delimiters).toHaveLength(2);
    expect(delimiters[0]).not.toBe(delimiters[1]);
    expect(written.join("")).toBe("");
  });

  it("refuses a GITHUB_OUTPUT that does not exist", () => {
    expect(() => setOutput("errors", "1", { GITHUB_OUTPUT: join(dir, "missing") })).toThrow(/does not exist/);
  });

  it("without GITHUB_OUTPUT writes the set-output command, its value escaped", () => {
    setOutput("stale", "1\n::error::x", {});
    expect(written.join("")).toBe("\n::set-output name=stale::1%0A::error::x\n");
  });
});

describe("actionsLogger", () => {
  it("folds a group and ends it when the body throws; the title cannot break the line", async () => {
    const log = actionsLogger();
    await expect(log.group("DVC\nremote", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(written.join("")).toBe("::group::DVC remote\n::endgroup::\n");
    written.length = 0;
    await expect(log.group("x", async () => 7)).resolves.toBe(7);
  });

  it("debug lines only in a debug run (RUNNER_DEBUG=1)", () => {
    vi.stubEnv("RUNNER_DEBUG", "");
    actionsLogger().debug("hidden");
    vi.stubEnv("RUNNER_DEBUG", "1");
    actionsLogger().debug("shown");
    expect(written.join("")).toBe("debug: shown\n");
  });
});

describe("loadScmFromEnv", () => {
  it("is undefined without a token or repository, an error when required, an Scm otherwise", async () => {
    const none = readGitHubEnv({});
    await expect(loadScmFromEnv(none, silentLogger)).resolves.toBeUndefined();
    await expect(loadScmFromEnv(none, silentLogger, { required: true })).rejects.toBeInstanceOf(UserError);
    const scm = await loadScmFromEnv(readGitHubEnv({ GITHUB_TOKEN: "ghs_startupTestToken0123456789", GITHUB_REPOSITORY: "acme/models" }), silentLogger);
    expect(typeof scm?.proposeChange).toBe("function");
    configureRedaction({});
  });
});

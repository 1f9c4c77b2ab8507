/**
 * The `unit` project runs without per-file isolation (vitest.config.ts): its files share worker threads and
 * the modules they import. That is safe only while they share no process state, so no test file there, nor
 * a helper it imports, may mock modules, stub the environment or globals, fake timers, change the working
 * directory or exit code, or leave a spy in place. Such a file is listed in ISOLATED (the `unit-isolated`
 * project, one worker and module graph per file); the setup files (the same for every file) are exempt.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import config, { E2E, ISOLATED } from "../vitest.config.js";

const ROOT = new URL("../", import.meta.url).pathname;
const SELF = relative(ROOT, new URL(import.meta.url).pathname);
const FORBIDDEN: [RegExp, string][] = [
  [/\bvi\.(mock|doMock|unmock|stubEnv|stubGlobal|useFakeTimers|setSystemTime)\(/, "mocks, stubs or fake timers"],
  [/process\.env(\.[A-Za-z_]+|\[[^\]]+\])\s*=[^=]/, "assigns an environment variable"],
  [/\bdelete process\.env\b/, "deletes an environment variable"],
  [/process\.(chdir|exitCode\s*=)/, "changes the working directory or exit code"],
];
/** A spy replaces a shared module's function: the file must restore it (restoreAllMocks or mockRestore). */
const SPY = /\bvi\.spyOn\(/;
const RESTORED = /\b(restoreAllMocks|mockRestore)\(/;

const setupFiles = new Set([...(config.test?.setupFiles as string[]), ...(config.test?.globalSetup as string[])]);
/** Whether a repository path is one of `patterns` (exact paths, or a folder followed by a glob). */
const listed = (path: string, patterns: string[]) => patterns.some((p) => (p.includes("*") ? path.startsWith(p.slice(0, p.indexOf("*"))) : path === p));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith(".ts") ? [join(dir, d.name)] : []));
}

/** What a file in the shared project does that changes process state. */
function violations(text: string): string[] {
  const found = FORBIDDEN.filter(([re]) => re.test(text)).map(([, why]) => why);
  if (SPY.test(text) && !RESTORED.test(text)) found.push("leaves a spy in place");
  return found;
}

describe("the unit project shares workers: no file there changes process state", () => {
  it("no mock, stub, fake timer, environment, working-directory or exit-code change, or unrestored spy, outside ISOLATED", () => {
    const shared = files(join(ROOT, "test"))
      .map((f) => relative(ROOT, f))
      .filter((f) => f !== SELF && !f.startsWith("test/live/") && !setupFiles.has(f) && !listed(f, [...E2E, ...ISOLATED]));
    expect(shared.length).toBeGreaterThan(100);
    const bad = shared.flatMap((f) => violations(readFileSync(join(ROOT, f), "utf8")).map((why) => `${f}: ${why}`));
    expect(bad).toEqual([]);
  });

  it("every ISOLATED file exists and needs isolation (else it belongs in the shared project)", () => {
    for (const f of ISOLATED) expect(violations(readFileSync(join(ROOT, f), "utf8")), f).not.toEqual([]);
  });

  it("src keeps no other module-level variable than the ones each file resets or that only cache", () => {
    // test/support/shared-state-setup.ts resets these two; the third caches one compiled Ajv, the same for every file.
    const allowed = new Set(["src/adapters/fs/read-inside.ts", "src/adapters/output/redaction.ts", "src/core/schema/ajv-instance.ts"]);
    const withLet = files(join(ROOT, "src")).map((f) => relative(ROOT, f)).filter((f) => /^(export )?let /m.test(readFileSync(join(ROOT, f), "utf8")));
    expect(withLet.filter((f) => !allowed.has(f))).toEqual([]);
  });

  it("the rules see what they forbid", () => {
    expect(violations('vi.stubEnv("A", "1"); process.env.X = "1"; process.chdir("/"); vi.spyOn(fs, "readFileSync")')).toEqual([
      "mocks, stubs or fake timers",
      "assigns an environment variable",
      "changes the working directory or exit code",
      "leaves a spy in place",
    ]);
    expect(violations('vi.spyOn(fs, "readFileSync"); afterEach(() => vi.restoreAllMocks());')).toEqual([]);
    expect(listed("test/e2e/x/y.test.ts", ["test/e2e/**/*.test.ts"])).toBe(true);
  });
});

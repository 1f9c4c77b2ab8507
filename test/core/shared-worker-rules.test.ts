/**
 * test/core runs without per-file isolation (the unit-core project in vitest.config.ts): its files
 * share workers and modules. That is safe only while they share no process state, so none may mock
 * modules, stub the environment, fake timers or change the working directory; such a test belongs
 * in another folder (the isolated unit project).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../../", import.meta.url).pathname;
const FORBIDDEN: [RegExp, string][] = [
  [/\bvi\.(mock|doMock|stubEnv|stubGlobal|useFakeTimers|setSystemTime)\(/, "mocks, stubs or fake timers"],
  [/process\.env(\.[A-Za-z_]+|\[[^\]]+\])\s*=[^=]/, "assigns an environment variable"],
  [/\bdelete process\.env\b/, "deletes an environment variable"],
  [/process\.(chdir|exitCode\s*=)/, "changes the working directory or exit code"],
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith(".ts") ? [join(dir, d.name)] : []));
}

describe("test/core shares workers: no test there changes process state", () => {
  it("no mock, stub, fake timer, environment or working-directory change under test/core", () => {
    const bad = files(join(ROOT, "test/core")).flatMap((f) => {
      const text = readFileSync(f, "utf8");
      return FORBIDDEN.filter(([re]) => re.test(text) && f !== new URL(import.meta.url).pathname).map(([, why]) => `${relative(ROOT, f)}: ${why}`);
    });
    expect(bad).toEqual([]);
  });

  it("the rules see what they forbid", () => {
    expect(FORBIDDEN.filter(([re]) => re.test('vi.stubEnv("A", "1"); process.env.X = "1"; process.chdir("/")')).map(([, why]) => why)).toEqual(["mocks, stubs or fake timers", "assigns an environment variable", "changes the working directory or exit code"]);
  });
});

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const CORE = new URL("../../src/core/", import.meta.url).pathname;
const files = readdirSync(CORE, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith(".ts"));

/** What the pure core may never reach for (DESIGN.md: no adapter, no SDK, no fs, no process, no clock). */
// node:crypto is allowed for hashing (content-addressed names), which is deterministic; its random
// functions are caught below.
const FORBIDDEN_IMPORTS = [/^node:(?!crypto$)/, /^@aws-sdk\//, /^@octokit\//, /^@actions\//, /\/adapters\//, /\/commands\//, /\/entrypoints\//];
const FORBIDDEN_CALLS = [/\bprocess\./, /\bDate\.now\(/, /\bnew Date\(\)/, /\bMath\.random\(/, /\bconsole\./, /\bfetch\(/, /\brandom(UUID|Bytes|Int)\(/];

describe("src/core is pure", () => {
  it("has source files to check", () => expect(files.length).toBeGreaterThan(20));

  it.each(files)("%s imports no I/O, SDK or outer layer", (file) => {
    const text = readFileSync(join(CORE, file), "utf8");
    const imports = [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1]!);
    for (const spec of imports) for (const re of FORBIDDEN_IMPORTS) expect(spec, `${file} imports ${spec}`).not.toMatch(re);
    const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    for (const re of FORBIDDEN_CALLS) expect(code, `${file} calls ${re}`).not.toMatch(re);
  });
});

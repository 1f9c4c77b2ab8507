import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import type { CliIO } from "../../src/entrypoints/cli/io.js";

// Untrusted text with newlines followed by workflow commands, in a stage key, a version, a description
// and a policy's check: whatever each command prints (text or github), the runner must see no command
// but the annotations and groups the tool itself writes.
const ROOT = new URL("../../", import.meta.url).pathname;
const EVIL = "x\n::add-mask::leak\n::stop-commands::tok\r::set-output name=a::b\n  ##[error]injected\n%0A::error::y";
const ALLOWED = new Set(["error", "warning", "notice", "group", "endgroup"]);

const repo = mkdtempSync(join(tmpdir(), "steward-inject-"));
afterAll(() => rmSync(repo, { recursive: true, force: true }));
for (const d of ["models", "policies", "data", ".dvc"]) cpSync(join(ROOT, d), join(repo, d), { recursive: true, errorOnExist: false });
const model = join(repo, "models/fraud-detection/model.yaml");
const q = JSON.stringify(EVIL);
writeFileSync(
  model,
  readFileSync(model, "utf8")
    .replace(/^description: .*$/m, `description: ${q}`)
    .replace('  staging: "8"', `  staging: "8"\n  ${q}: ${q}`),
);
const version = join(repo, "models/fraud-detection/versions/8.yaml");
writeFileSync(version, readFileSync(version, "utf8").replace(/^notes: .*$/m, `notes: ${q}`) + `${JSON.stringify(`extra${EVIL}`)}: 1\n`);

/** Command lines as the runner reads them: lines split as .NET does, leading white space trimmed. */
function commands(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/^[\s\u0085\u180e]+/, ""))
    .filter((l) => l.startsWith("::") || l.startsWith("##["));
}

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  let all = "";
  const io: CliIO = { stdout: (s) => void (all += s), stderr: (s) => void (all += s), env: {}, cwd: repo, readStdin: async () => "", now: () => new Date("2026-11-26T00:05:00Z") };
  const code = await runCli(argv, io);
  return { code, out: all };
}

describe("workflow-command injection through untrusted YAML", () => {
  const runs: [string, string[]][] = [
    ["validate text", ["validate"]],
    ["validate github", ["validate", "--format", "github"]],
    ["card --check github", ["card", "--check", "--format", "github"]],
    ["plan --offline text", ["plan", "--offline"]],
    ["plan --offline github", ["plan", "--offline", "--format", "github"]],
    ["monitor github", ["monitor", "--dry-run", "--source", "samples", "--format", "github", "--now", "2026-11-26T00:05:00Z"]],
  ];
  it.each(runs)("%s: no injected command reaches the runner", async (_name, argv) => {
    const { code, out } = await run(argv);
    expect(code, out).toBeLessThan(2); // the run got as far as its report
    const cmds = commands(out);
    expect(cmds.filter((c) => !ALLOWED.has(/^::([a-z-]+)/.exec(c)?.[1] ?? "")), out).toEqual([]);
    expect(out).not.toMatch(/^\s*::(add-mask|stop-commands|set-output)/m);
  });
});

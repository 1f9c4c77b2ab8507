import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

/** `steward detect` as a real process (through tsx), with its peak resident memory written to stderr at exit. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dir = mkdtempSync(path.join(tmpdir(), "steward-detect-proc-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const wrapper = path.join(dir, "run.mjs");
writeFileSync(
  wrapper,
  `process.on("exit", () => process.stderr.write("maxRSS=" + process.resourceUsage().maxRSS + "\\n"));\nawait import(${JSON.stringify(path.join(root, "src/entrypoints/cli-main.ts"))});\n`,
);
const policy = path.join(dir, "cheap.yaml");
// a cheap detector, so that the run measures the streaming, not the ensemble's arithmetic
writeFileSync(policy, "apiVersion: steward/v1\nkind: Policy\nname: cheap\npromotion:\n  order: [production]\nmonitoring:\n  checks:\n    - { metric: m, detectors: [ewma] }\n");

function run(args: string[]) {
  // tsx's compile cache would be left in the run's temporary folder (tmp-guard reports it): not needed for one run.
  return spawn(process.execPath, ["--import", "tsx", wrapper, "detect", ...args], { cwd: root, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, TSX_DISABLE_CACHE: "1" } });
}

/** NDJSON or CSV rows generated lazily: the input is never in memory as a whole, here or in the child. */
function rows(n: number): Readable {
  let i = 0;
  return new Readable({
    read() {
      const lines: string[] = [];
      for (let k = 0; k < 20_000 && i < n; k++, i++) lines.push(`${1_600_000_000 + i * 60},${(i * 7919) % 1000}`);
      this.push(lines.length ? lines.join("\n") + "\n" : null);
    },
  });
}

const ROWS = Number(process.env.STEWARD_DETECT_ROWS ?? 1_000_000);

describe("steward detect as a process", () => {
  it(`streams ${ROWS.toLocaleString("en")} rows from stdin to stdout in bounded memory`, async () => {
    const child = run(["--input", "-", "--output", "-", "--policy", policy]);
    rows(ROWS).pipe(child.stdin);
    let lines = 0;
    let last = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (s: string) => {
      for (let i = s.indexOf("\n"); i >= 0; i = s.indexOf("\n", i + 1)) lines++;
      last = s;
    });
    let err = "";
    child.stderr.on("data", (s) => (err += s));
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code, err).toBe(0);
    expect(lines).toBe(ROWS + 1);
    expect(last.trimEnd().split("\n").at(-1)).toMatch(new RegExp(`^${1_600_000_000 + (ROWS - 1) * 60},\\d+,[01]\\.\\d{6}$`));
    const rss = Number(/maxRSS=(\d+)/.exec(err)![1]) / 1024; // MiB
    // node + tsx alone take about 60-90 MiB; reading the input whole would take several hundred more
    expect(rss).toBeLessThan(200);
  }, 300_000);

  it("ends quietly with exit 0 when the reader of its output goes away (EPIPE)", async () => {
    const child = run(["--input", "-", "--output", "-", "--policy", policy]);
    rows(2_000_000).pipe(child.stdin).on("error", () => {});
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    child.stdout.destroy();
    let err = "";
    child.stderr.on("data", (s) => (err += s));
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(err.replace(/maxRSS=\d+\n/, "")).toBe("");
  }, 120_000);
});

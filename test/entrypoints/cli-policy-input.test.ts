import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import { captureIO } from "../support/cli-io.js";

const root = mkdtempSync(path.join(tmpdir(), "steward-policy-input-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(path.join(root, "policies"));
writeFileSync(path.join(root, "a.csv"), "x\n1\n2\n3\n");
const head = "apiVersion: steward/v1\nkind: Policy\nname: p\npromotion: { order: [production] }\n";

function policy(name: string, text: string | Buffer): string {
  writeFileSync(path.join(root, "policies", `${name}.yaml`), text);
  return name;
}

async function run(cmd: "detect" | "drift", name: string) {
  const io = captureIO({ cwd: root, stdin: "timestamp,value\n1700000000,1\n" });
  const argv = cmd === "detect" ? ["detect", "--input", "-", "--output", "-", "--policy", name] : ["drift", "--baseline", "a.csv", "--current", "a.csv", "--policy", name];
  const code = await runCli(argv, io);
  return { code, err: io.err(), out: io.out() };
}

// Each hostile policy, with the file:line the message must name.
const cases: [string, string | Buffer, RegExp][] = [
  ["syntax", `${head}monitoring: { checks: [ }\n`, /policies\/syntax\.yaml:5:\d+: a \[ list \] is not closed: add the closing \]/],
  ["null-detector", `${head}monitoring:\n  checks:\n    - { metric: m, detectors: [null] }\n`, /policies\/null-detector\.yaml:7:\d+: /],
  ["proto", `${head}monitoring:\n  checks:\n    - { metric: m, detectors: [iqr] }\n__proto__: { polluted: true }\n`, /policies\/proto\.yaml:8:1: the key "__proto__" is not allowed/],
  ["nested-proto", `${head}monitoring:\n  checks:\n    - { metric: m, detectors: [{ name: iqr, constructor: { prototype: 1 } }] }\n`, /policies\/nested-proto\.yaml:7:\d+: the key "constructor" is not allowed/],
  ["not-a-policy", "apiVersion: steward/v1\nkind: Model\nname: p\n", /policies\/not-a-policy\.yaml:2:\d+: a file at .* must have kind: Policy/],
  ["unknown-field", `${head}monitoring:\n  checks: []\n  detectorz: 1\n`, /policies\/unknown-field\.yaml:7:\d+: /],
  ["deep", `${head}monitoring: ${"[".repeat(5000)}${"]".repeat(5000)}\n`, /policies\/deep\.yaml:5:1: the document nests deeper than 64 levels/],
  ["bomb", `${head}a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`, /policies\/bomb\.yaml:\d+:1: too many alias expansions/],
  ["binary", Buffer.from([0x00, 0x01, 0xff]), /policies\/binary\.yaml:1:1: file is binary/],
];

describe("detect and drift --policy: every input error is exit 2 with file:line, never a stack", () => {
  for (const cmd of ["detect", "drift"] as const) {
    it.each(cases)(`${cmd}: %s`, async (name, text, message) => {
      const r = await run(cmd, policy(name, text));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it("a huge policy file ends in exit 2 before it is read", async () => {
    const big = path.join(root, "policies", "huge.yaml");
    writeFileSync(big, "");
    execFileSync("truncate", ["-s", "3G", big]);
    const started = Date.now();
    const r = await run("drift", "huge");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/policies\/huge\.yaml: refused: 3221225472 bytes, over the limit of 10485760 bytes/);
    expect(Date.now() - started).toBeLessThan(5000);
    rmSync(big);
  });

  it("a FIFO or a link to /dev/zero as the policy ends in exit 2 within 5 s", async () => {
    execFileSync("mkfifo", [path.join(root, "policies", "fifo.yaml")]);
    symlinkSync("/dev/zero", path.join(root, "policies", "zero.yaml"));
    const started = Date.now();
    expect((await run("detect", "fifo")).err).toMatch(/policies\/fifo\.yaml: refused: it is a FIFO/);
    expect((await run("detect", "zero")).err).toMatch(/policies\/zero\.yaml: refused: .*outside the repository/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("a valid policy still works", async () => {
    const r = await run("detect", policy("ok", `${head}monitoring:\n  checks:\n    - { metric: m, detectors: [iqr] }\n`));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
  });
});

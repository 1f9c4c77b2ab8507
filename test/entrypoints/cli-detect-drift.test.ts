import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import type { CliIO } from "../../src/entrypoints/cli/io.js";

function io(cwd: string, stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIO = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: {}, cwd, readStdin: async () => stdin, now: () => new Date(0) };
  return { io: value, out: () => out.join(""), err: () => err.join("") };
}

const dir = mkdtempSync(path.join(tmpdir(), "steward-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const series = ["timestamp,value", ...Array.from({ length: 100 }, (_, i) => `${1_700_000_000 + i * 600},${i % 5}`)].join("\n");
// 24 rows a side: enough to test (a column needs MIN_VALUES, 20, in each sample)
const rows24 = "1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n".repeat(4);
writeFileSync(path.join(dir, "a.csv"), `x,kind\n${rows24}`);
writeFileSync(path.join(dir, "b.csv"), `x,kind\n${rows24}`);
writeFileSync(path.join(dir, "c.csv"), "x,kind\n" + Array.from({ length: 50 }, (_, i) => `${100 + i},z`).join("\n"));
writeFileSync(path.join(dir, "a50.csv"), "x,kind\n" + Array.from({ length: 50 }, (_, i) => `${i},a`).join("\n"));

describe("steward detect", () => {
  it("reads stdin and writes stdout", async () => {
    const t = io(dir, series);
    expect(await runCli(["detect", "--input", "-", "--output", "-"], t.io)).toBe(0);
    expect(t.out().split("\n")[0]).toBe("timestamp,value,anomaly_score");
    expect(t.out().trim().split("\n")).toHaveLength(101);
  });

  it("reads and writes files, and takes a policy's detectors", async () => {
    writeFileSync(path.join(dir, "s.csv"), series);
    writeFileSync(path.join(dir, "p.yaml"), "apiVersion: steward/v1\nkind: Policy\nname: p\npromotion: { order: [production] }\nmonitoring:\n  checks:\n    - { metric: m, detectors: [iqr] }\n");
    const t = io(dir);
    expect(await runCli(["detect", "--input", "s.csv", "--output", "o.csv", "--policy", "p.yaml"], t.io)).toBe(0);
    expect(readFileSync(path.join(dir, "o.csv"), "utf8").trim().split("\n")).toHaveLength(101);
  });

  it("exits 2 on usage errors", async () => {
    const t = io(dir);
    expect(await runCli(["detect", "--input", "-"], t.io)).toBe(2);
    expect(t.err()).toMatch(/--input and --output are required/);
    expect(await runCli(["detect", "--input", "nope.csv", "--output", "-"], io(dir).io)).toBe(2);
    expect(await runCli(["detect", "--bogus"], io(dir).io)).toBe(2);
  });
});

describe("steward drift", () => {
  it("exits 0 without drift, 1 with drift, 2 on usage errors", async () => {
    const same = io(dir);
    expect(await runCli(["drift", "--baseline", "a.csv", "--current", "b.csv"], same.io)).toBe(0);
    expect(same.out()).toContain("no drift");
    const drifted = io(dir);
    expect(await runCli(["drift", "--baseline", "a50.csv", "--current", "c.csv", "--format", "json"], drifted.io)).toBe(1);
    expect(JSON.parse(drifted.out())).toMatchObject({ schemaVersion: 1, drift: true });
    expect(await runCli(["drift", "--baseline", "a.csv"], io(dir).io)).toBe(2);
    expect(await runCli(["drift", "--baseline", "a.csv", "--current", "b.csv", "--format", "github"], io(dir).io)).toBe(2);
    expect(await runCli(["drift", "--baseline", "a.csv", "--current", "missing.csv"], io(dir).io)).toBe(2);
    expect(await runCli(["drift", "--baseline", "a.csv", "--current", "b.csv", "--threshold", "ks"], io(dir).io)).toBe(2);
  });

  it("an empty sample, or none of the same columns, compares nothing: exit 2 and said, never 'no drift'; a column in one sample only is named", async () => {
    writeFileSync(path.join(dir, "empty.csv"), "x,kind\n");
    writeFileSync(path.join(dir, "other.csv"), "y\n1\n2\n");
    writeFileSync(path.join(dir, "x-only.csv"), `x\n${"1\n2\n3\n4\n5\n6\n".repeat(4)}`);
    for (const current of ["empty.csv", "other.csv"]) {
      const t = io(dir);
      expect(await runCli(["drift", "--baseline", "a.csv", "--current", current], t.io)).toBe(2);
      expect(t.out()).toMatch(/\nNOTHING COMPARED: no column of the two samples could be compared\n$/);
      expect(t.out()).not.toContain("no drift");
      expect(t.err()).toMatch(new RegExp(`^steward drift: nothing compared: no column of ${current} could be compared with a\\.csv; \\d column\\(s\\) not compared`));
    }
    const part = io(dir);
    expect(await runCli(["drift", "--baseline", "a.csv", "--current", "x-only.csv"], part.io)).toBe(0);
    expect(part.out()).toMatch(/\nno drift; 1 column\(s\) not compared \(kind: only in the baseline sample\)\n$/);
  });

  it("gives no verdict on a handful of rows: the columns are not compared (exit 2), never 'no drift'", async () => {
    writeFileSync(path.join(dir, "tiny.csv"), "x,kind\n1,a\n2,b\n");
    const t = io(dir);
    expect(await runCli(["drift", "--baseline", "a.csv", "--current", "tiny.csv"], t.io)).toBe(2);
    expect(t.out()).toMatch(/\nNOTHING COMPARED: no column of the two samples could be compared\n$/);
    expect(t.err()).toContain("too few values to test (24 in the baseline, 2 in the current sample; at least 20 in each)");
  });

  it("takes the tests and thresholds a policy names", async () => {
    writeFileSync(path.join(dir, "drift-policy.yaml"), "apiVersion: steward/v1\nkind: Policy\nname: drift-policy\npromotion: { order: [production] }\nmonitoring:\n  checks: []\n  drift:\n    tests: [psi]\n    thresholds: { psi: 100 }\n");
    const t = io(dir);
    expect(await runCli(["drift", "--baseline", "a50.csv", "--current", "c.csv", "--format", "json", "--policy", "drift-policy.yaml"], t.io)).toBe(0);
    const doc = JSON.parse(t.out());
    expect(doc.columns[0].tests).toEqual([expect.objectContaining({ test: "psi", threshold: 100, drift: false })]);
    expect(await runCli(["drift", "--baseline", "a.csv", "--current", "b.csv", "--policy", "nope"], io(dir).io)).toBe(2);
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import type { CliIO } from "../../src/entrypoints/cli/io.js";

const dir = mkdtempSync(path.join(tmpdir(), "steward-detect-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(stdin = "") {
  let out = "";
  let err = "";
  const value: CliIO = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), env: {}, cwd: dir, readStdin: async () => stdin, now: () => new Date(0) };
  return { io: value, out: () => out, err: () => err };
}

const N = 300;
const ts = (i: number) => 1_700_000_000 + i * 600;
const val = (i: number) => (i === 250 ? 90 : 10 + (i % 3));
const scoresOf = (csv: string) => csv.trim().split("\n").slice(1).map((l) => l.split(",").at(-1));

async function detect(input: string, ...flags: string[]) {
  const t = io(input);
  const code = await runCli(["detect", "--input", "-", "--output", "-", ...flags], t.io);
  return { code, out: t.out(), err: t.err() };
}

describe("steward detect: input formats", () => {
  const csvRows = Array.from({ length: N }, (_, i) => `${ts(i)},${val(i)}`);
  let reference: (string | undefined)[] = [];

  it("CSV with a header: one output row per input row", async () => {
    const r = await detect(["timestamp,value", ...csvRows].join("\n"));
    expect(r.code).toBe(0);
    reference = scoresOf(r.out);
    expect(reference).toHaveLength(N);
    expect(Number(reference[250])).toBeGreaterThanOrEqual(0.5);
  });

  it("CSV without a header keeps its first row, even one of numbers", async () => {
    const r = await detect(csvRows.join("\n"));
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[1]).toBe(`${ts(0)},${val(0)},0.000000`);
    expect(scoresOf(r.out)).toEqual(reference);
  });

  it("a header is recognised by its names, in any order and with other columns", async () => {
    const r = await detect(["host,Value,time", ...Array.from({ length: N }, (_, i) => `a,${val(i)},${ts(i)}`)].join("\n"));
    expect(r.code).toBe(0);
    expect(scoresOf(r.out)).toEqual(reference);
    const bad = await detect(["foo,bar", ...csvRows].join("\n"));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/stdin:1: unreadable timestamp "foo" \(a header row names its columns/);
  });

  it("NDJSON", async () => {
    const r = await detect(Array.from({ length: N }, (_, i) => JSON.stringify({ timestamp: ts(i), value: val(i) })).join("\n") + "\n");
    expect(r.code).toBe(0);
    expect(scoresOf(r.out)).toEqual(reference);
  });

  it("a JSON array, pretty-printed over many lines, values as numbers, strings or null", async () => {
    const items = Array.from({ length: N }, (_, i) => ({ timestamp: new Date(ts(i) * 1000).toISOString(), value: i === 3 ? String(val(i)) : val(i) }));
    const r = await detect(JSON.stringify(items, null, 2));
    expect(r.code).toBe(0);
    expect(scoresOf(r.out)).toEqual(reference);
    const withNull = await detect(JSON.stringify([{ timestamp: 1, value: null }, { timestamp: 2, value: 3 }]));
    expect(withNull.out.split("\n")[1]).toBe("1,,0.000000");
  });

  it("JSON timestamps and values are echoed as CSV cells", async () => {
    const r = await detect(JSON.stringify([{ timestamp: "2024-01-01T00:00:00Z", value: 1 }]));
    expect(r.out.split("\n")[1]).toBe("2024-01-01T00:00:00Z,1,0.000000");
    const odd = await detect('{"timestamp": 1704067200, "value": "1"}\n');
    expect(odd.out.split("\n")[1]).toBe("1704067200,1,0.000000");
  });
});

describe("steward detect: bad input", () => {
  it("a bad row is an error naming its line; --skip-bad-rows leaves it out and counts it on stderr", async () => {
    const text = "timestamp,value\n1700000000,1\nyesterday,2\n1700000600,abc\n1700001200\n1700001800,4\n";
    const r = await detect(text);
    expect(r.code).toBe(2);
    expect(r.err).toContain('stdin:3: unreadable timestamp "yesterday"');
    const s = await detect(text, "--skip-bad-rows");
    expect(s.code).toBe(0);
    expect(s.out.trim().split("\n")).toEqual(["timestamp,value,anomaly_score", "1700000000,1,0.000000", "1700001800,4,0.000000"]);
    expect(s.err).toBe('steward detect: skipped 3 bad row(s); the first, line 3: unreadable timestamp "yesterday"\n');
  });

  it("missing values (empty, NaN, null) are not bad rows", async () => {
    const r = await detect("1700000000,\n1700000600,NaN\n1700001200,null\n");
    expect(r.code).toBe(0);
    expect(scoresOf(r.out)).toEqual(["0.000000", "0.000000", "0.000000"]);
  });

  it("bad NDJSON lines and JSON array elements name their line; a broken array is an error even when skipping", async () => {
    const nd = await detect('{"timestamp":1,"value":1}\n{"timestamp":2,"value":\n');
    expect(nd.code).toBe(2);
    expect(nd.err).toMatch(/stdin:2: not a JSON object/);
    const arr = await detect('[\n  {"timestamp": 1, "value": 1},\n  {"timestamp": "soon", "value": 2}\n]');
    expect(arr.code).toBe(2);
    expect(arr.err).toContain('stdin:3: unreadable timestamp "soon"');
    const open = await detect('[{"timestamp": 1, "value": 1},\n', "--skip-bad-rows");
    expect(open.code).toBe(2);
    expect(open.err).toMatch(/stdin:2: the JSON array is not closed/);
    const trailing = await detect('[{"timestamp": 1, "value": 1}] x');
    expect(trailing.code).toBe(2);
    expect(trailing.err).toMatch(/after the end of the JSON array/);
  });

  it("an error leaves no output file, not even a partial one, and an existing one untouched", async () => {
    const input = path.join(dir, "bad.csv");
    writeFileSync(input, ["timestamp,value", ...Array.from({ length: 5000 }, (_, i) => `${ts(i)},${i}`), "oops,1"].join("\n"));
    const t = io();
    expect(await runCli(["detect", "--input", "bad.csv", "--output", "new.csv"], t.io)).toBe(2);
    expect(t.err()).toContain("bad.csv:5002: unreadable timestamp");
    expect(existsSync(path.join(dir, "new.csv"))).toBe(false);
    writeFileSync(path.join(dir, "old.csv"), "previous\n");
    expect(await runCli(["detect", "--input", "bad.csv", "--output", "old.csv"], io().io)).toBe(2);
    expect(readFileSync(path.join(dir, "old.csv"), "utf8")).toBe("previous\n");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("--policy is validated as `steward validate` would: exit 2 naming file and line", async () => {
    writeFileSync(
      path.join(dir, "bad-policy.yaml"),
      "apiVersion: steward/v1\nkind: Policy\nname: bad\npromotion:\n  order: [production]\nmonitoring:\n  checks:\n    - { metric: m, detectors: [prophet] }\n",
    );
    const t = io("1700000000,1\n");
    expect(await runCli(["detect", "--input", "-", "--output", "-", "--policy", "bad-policy.yaml"], t.io)).toBe(2);
    expect(t.err()).toMatch(/bad-policy\.yaml:8:\d+: /);
    writeFileSync(path.join(dir, "broken.yaml"), "apiVersion: steward/v1\nkind: Policy\nname: [\n");
    const b = io("1700000000,1\n");
    expect(await runCli(["detect", "--input", "-", "--output", "-", "--policy", "broken.yaml"], b.io)).toBe(2);
    expect(b.err()).toMatch(/broken\.yaml:\d+:\d+: a \[ list \] is not closed/);
  });
});

import { describe, expect, it } from "vitest";
import { formatDriftText, runDrift } from "../../src/commands/drift.js";

const csv = (rows: (string | number)[][]) => rows.map((r) => r.join(",")).join("\n") + "\n";
const base = csv([["score", "country"], ...Array.from({ length: 400 }, (_, i) => [((i * 37) % 100) / 100, ["fr", "de", "us"][i % 3]!])]);
const shifted = csv([["score", "country"], ...Array.from({ length: 400 }, (_, i) => [0.3 + ((i * 37) % 100) / 100, ["fr", "us"][i % 2]!])]);

describe("runDrift", () => {
  it("returns the documented JSON shape", () => {
    const doc = runDrift({ baseline: { name: "a.csv", text: base }, current: { name: "b.csv", text: base } });
    expect(doc).toMatchObject({ schemaVersion: 1, baseline: "a.csv", current: "b.csv", drift: false });
    expect(Object.keys(doc.columns[0]!).sort()).toEqual(["baselineCount", "column", "currentCount", "drift", "kind", "missing", "tests"]);
    expect(Object.keys(doc.columns[0]!.tests[0]!).sort()).toEqual(["drift", "pValue", "statistic", "test", "threshold"]);
  });

  it("finds drift and prints one row per column and test", () => {
    const doc = runDrift({ baseline: { name: "a.csv", text: base }, current: { name: "b.csv", text: shifted } });
    expect(doc.drift).toBe(true);
    const text = formatDriftText(doc);
    expect(text).toMatch(/score\s+numeric\s+ks\s+\S+\s+\S+\s+0\.0100\s+DRIFT/);
    expect(text).toMatch(/country\s+categorical\s+chi-square/);
    expect(text).toContain("drift in 2 column(s): score, country");
  });

  it("rejects unknown tests and unreadable CSV", () => {
    expect(() => runDrift({ baseline: { name: "a", text: base }, current: { name: "b", text: base }, tests: ["t-test"] })).toThrow(/unknown drift test/);
    expect(() => runDrift({ baseline: { name: "a.csv", text: "" }, current: { name: "b", text: base } })).toThrow(/a.csv: the CSV has no header/);
  });
});

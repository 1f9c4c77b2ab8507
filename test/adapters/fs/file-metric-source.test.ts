import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileMetricSource } from "../../../src/adapters/fs/file-metric-source.js";
import type { SeriesQuery } from "../../../src/ports.js";

const dir = mkdtempSync(join(tmpdir(), "metrics-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, "m"));
writeFileSync(join(dir, "m", "accuracy.csv"), "timestamp,value\n2026-11-26T00:00:00Z,0.9\n2026-11-26T00:10:00Z,\n2026-11-26T00:20:00Z,0.8\n2026-11-26T00:24:00Z,0.7\n");
writeFileSync(join(dir, "m", "latency.json"), JSON.stringify({ Timestamps: ["2026-11-26T00:00:00Z", "2026-11-26T00:10:00Z"], Values: [1, 2] }));
writeFileSync(join(dir, "m", "accuracy@8.json"), JSON.stringify([{ timestamp: Date.parse("2026-11-26T00:30:00Z") / 1000, value: 0.5 }]));
writeFileSync(join(dir, "m", "bad.csv"), "timestamp,value\nyesterday,1\n");
writeFileSync(join(dir, "m", "mixed.csv"), "timestamp,value\n2026-11-26T00:00:00Z,0.9\nyesterday,1\n2026-11-26T00:10:00Z,n/a\n2026-11-26T00:20:00Z,0.8\n");

const q = (name: string): SeriesQuery => ({ id: `m/${name}`, namespace: "n", metric: name, dimensions: {}, stat: "Average", period: 600, model: "m", name });
const range = { start: new Date("2026-11-26T00:00:00Z"), end: new Date("2026-11-26T01:00:00Z") };

describe("fileMetricSource", () => {
  it("reads CSV (gaps stay gaps, one point per period bucket) and both JSON shapes", async () => {
    const [acc, lat, variant] = await fileMetricSource(dir).read([q("accuracy"), q("latency"), q("accuracy@8")], range);
    expect(acc!.points).toEqual([
      { t: Date.parse("2026-11-26T00:00:00Z"), value: 0.9 },
      { t: Date.parse("2026-11-26T00:20:00Z"), value: 0.7 },
    ]);
    expect(lat!.points.map((p) => p.value)).toEqual([1, 2]);
    expect(variant!.points).toEqual([{ t: Date.parse("2026-11-26T00:30:00Z"), value: 0.5 }]);
  });

  it("reports a missing or malformed file as that series' error", async () => {
    const [missing, bad] = await fileMetricSource(dir).read([q("errors"), q("bad")], range);
    expect(missing).toMatchObject({ points: [], error: expect.stringMatching(/no file m\/errors/) });
    expect(bad!.error).toMatch(/m\/bad\.csv:2: bad timestamp "yesterday"/);
    expect(bad!.points).toEqual([]);
  });

  it("keeps the rest of a series around a bad row, and names each bad row by file:line", async () => {
    const [mixed] = await fileMetricSource(dir).read([q("mixed")], range);
    expect(mixed!.points).toEqual([
      { t: Date.parse("2026-11-26T00:00:00Z"), value: 0.9 },
      { t: Date.parse("2026-11-26T00:20:00Z"), value: 0.8 },
    ]);
    expect(mixed!.error).toBe(`2 row(s) skipped: ${dir}/m/mixed.csv:3: bad timestamp "yesterday"; ${dir}/m/mixed.csv:4: bad value "n/a"`);
  });

  it("replays old files so that they end in the requested range", async () => {
    const later = { start: new Date("2026-12-01T00:00:00Z"), end: new Date("2026-12-01T01:00:00Z") };
    expect((await fileMetricSource(dir).read([q("accuracy")], later))[0]!.points).toEqual([]);
    const replayed = (await fileMetricSource(dir, { replay: true }).read([q("accuracy")], later))[0]!.points;
    expect(replayed.map((p) => new Date(p.t).toISOString().slice(11, 16))).toEqual(["00:30", "00:50"]);
  });
});

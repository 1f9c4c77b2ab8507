import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectCsv } from "../../../src/commands/detect.js";
import { nabRawScore, type NabFile } from "./nab-score.js";

const dir = new URL("../../fixtures/nab/", import.meta.url);
const windows = JSON.parse(readFileSync(new URL("windows.json", dir), "utf8")) as Record<string, [string, string][]>;

/**
 * Measured 77.1 on these 8 files when the floor was first set (standard profile at threshold 0.5;
 * NAB's own score.mjs agrees with this scorer with --thresholds 0.5), 75.9 with the first
 * cross-validated default, 78.3 with the LSTM view weighted 0.65, and 73.5 with today's (`strict`
 * records, no learned view: the LSTM view was over the bench's time budget on an idle machine).
 * These 8 files are in-sample; the held-out NAB mean is the measure (66.8 for today's default,
 * 62.6 for the one the floor of 73 was set under). The floor guards against regressions: a point
 * and a half under today's figure. Raise it when quality improves.
 */
const FLOOR = 72;

describe("default detector on NAB series (quality floor)", () => {
  it(`scores at least ${FLOOR} (standard profile, normalised) on the fixture series`, () => {
    let raw = 0;
    let count = 0;
    for (const [file, wins] of Object.entries(windows)) {
      const text = readFileSync(new URL(file, dir), "utf8");
      const rows = detectCsv(text).csv.trim().split("\n").slice(1).map((l) => l.split(","));
      const f: NabFile = { timestamps: rows.map((r) => r[0]!), scores: rows.map((r) => Number(r[2])), windows: wins };
      raw += nabRawScore(f, 0.5);
      count += wins.length;
    }
    const normalised = (100 * (raw + count)) / (2 * count);
    expect(normalised, `NAB fixture score ${normalised.toFixed(1)} over ${count} windows`).toBeGreaterThanOrEqual(FLOOR);
  });
});

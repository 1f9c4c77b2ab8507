import { describe, expect, it } from "vitest";
import { detectCsv, detectStream, detectorsFromPolicy } from "../../src/commands/detect.js";
import { DEFAULT_DETECTORS } from "../../src/core/detect/default-config.js";
import { parseTimestamp } from "../../src/core/detect/timestamp.js";

describe("detectCsv", () => {
  it("writes one row per input row, echoing timestamp and value, score in [0,1]", () => {
    const rows = Array.from({ length: 300 }, (_, i) => `2015-02-26 ${String(Math.floor(i / 60) % 24).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:00,${i === 250 ? 90 : 10 + (i % 3)}`);
    const r = detectCsv(["timestamp,value", ...rows, ""].join("\n"));
    const out = r.csv.trim().split("\n");
    expect(out[0]).toBe("timestamp,value,anomaly_score");
    expect(out).toHaveLength(301);
    expect(out[1]).toBe(`${rows[0]},0.000000`);
    expect(out.slice(1).every((l) => /^[^,]+,[^,]*,(0|1)\.\d{6}$/.test(l))).toBe(true);
    expect(Number(out[251]!.split(",")[2])).toBeGreaterThanOrEqual(0.5);
    expect(r.rows).toBe(300);
  });

  it("accepts ISO and epoch timestamps, no header, missing values; rejects unreadable timestamps with the line", () => {
    const r = detectCsv("2024-01-01T00:00:00Z,1\n1704067260,\n1704067320000,NaN\n");
    expect(r.rows).toBe(3);
    expect(r.missing).toBe(2);
    expect(r.csv.split("\n")[2]).toBe("1704067260,,0.000000");
    expect(() => detectCsv("timestamp,value\nyesterday,1\n", DEFAULT_DETECTORS, "x.csv")).toThrow("x.csv:2: unreadable timestamp");
    expect(() => detectCsv("1,2\n", [{ name: "prophet", params: {} }])).toThrow(/unknown detector/);
  });

  it("gives the same output whatever the chunking of the input (lines split anywhere, CRLF)", () => {
    const text = ["timestamp,value", ...Array.from({ length: 500 }, (_, i) => `${1_700_000_000 + i * 60},${(i * 7919) % 101}`)].join("\r\n");
    const whole = detectCsv(text).csv;
    for (const size of [1, 7, 64, 1000]) {
      const s = detectStream();
      let out = "";
      for (let i = 0; i < text.length; i += size) out += s.write(text.slice(i, i + size));
      out += s.end();
      expect(out).toBe(whole);
      expect(s.summary().rows).toBe(500);
    }
  });

  it("parses timestamps", () => {
    expect(parseTimestamp("2015-02-26 21:42:53")).toBe(Date.UTC(2015, 1, 26, 21, 42, 53));
    expect(parseTimestamp("2015-02-26T21:42:53+01:00")).toBe(Date.UTC(2015, 1, 26, 20, 42, 53));
    expect(parseTimestamp("2015-02-26")).toBe(Date.UTC(2015, 1, 26));
    expect(parseTimestamp("1424986973")).toBe(1424986973000);
    expect(parseTimestamp("tomorrow")).toBeNaN();
  });

  it("reads a check's detectors from a policy document", () => {
    const policy = { monitoring: { checks: [{ metric: "auc", detectors: ["zscore", { name: "trend", window: 20 }] }, { metric: "latency" }] } };
    expect(detectorsFromPolicy(policy)).toEqual([
      { name: "zscore", params: {} },
      { name: "trend", params: { window: 20 } },
    ]);
    expect(detectorsFromPolicy(policy, "latency")).toEqual([...DEFAULT_DETECTORS]);
    expect(() => detectorsFromPolicy(policy, "nope")).toThrow(/no check named/);
  });

  it("skips multi-metric checks by default and refuses one by name (detect scores one series)", () => {
    const policy = { monitoring: { checks: [{ name: "pair", metrics: ["latency", "invocations"], detectors: ["correlation-break"] }, { metric: "auc", detectors: ["zscore"] }] } };
    expect(detectorsFromPolicy(policy)).toEqual([{ name: "zscore", params: {} }]);
    expect(() => detectorsFromPolicy(policy, "pair")).toThrow(/scores several metrics together/);
  });
});

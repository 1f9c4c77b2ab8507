import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateCheck } from "../../../src/core/detect/evaluate-check.js";
import type { MonitoringCheck } from "../../../src/core/types.js";

/**
 * The monitor runs the same engine as NAB's measure: a check that names no detector gets
 * DEFAULT_DETECTORS. On the sample metrics (samples/metrics, the demo's data) the default finds
 * the demo's incident (fraud-detection's accuracy and latency degrade at the end) and nothing on
 * the healthy series, whatever default the cross-validation picks.
 */
const root = new URL("../../../samples/metrics/", import.meta.url);
const incident = new Set(["fraud-detection/accuracy.csv", "fraud-detection/latency.csv"]);

const series = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== "capture")
  .flatMap((d) =>
    readdirSync(new URL(`${d.name}/`, root))
      .filter((f) => f.endsWith(".csv") && f !== "drift.csv")
      .map((f) => `${d.name}/${f}`),
  )
  .sort();

const check = (metric: string): MonitoringCheck => ({
  id: metric,
  metric,
  metrics: [metric],
  detectors: [],
  threshold: {},
  sustained: 3,
  severity: "warning",
  compareVariants: false,
});

function read(rel: string) {
  const lines = readFileSync(new URL(rel, root), "utf8").trim().split("\n").slice(1);
  return lines.map((l) => {
    const [t, v] = l.split(",");
    return { t: Date.parse(t!), value: Number(v) };
  });
}

describe("DEFAULT_DETECTORS on the sample metrics", () => {
  it("reads the samples", () => {
    expect(series.length).toBeGreaterThanOrEqual(10);
    for (const s of incident) expect(series).toContain(s);
  });

  it.each(series)("%s", (rel) => {
    const v = evaluateCheck(read(rel), check(rel), { periodSeconds: 600 });
    if (incident.has(rel)) {
      expect(v.status, v.summary).toBe("anomaly");
      expect(v.sustainedPoints).toBeGreaterThanOrEqual(30);
    } else expect(v.status, v.summary).toBe("ok");
  });
});

import { describe, expect, it } from "vitest";
import { CHART, chartLabel, renderLineChart, yDomain } from "../../../src/core/dashboard/line-chart.js";
import type { ChartView } from "../../../src/core/dashboard/types.js";

const chart = (over: Partial<ChartView> = {}): ChartView => ({
  checkId: "accuracy",
  metric: "accuracy",
  severity: "critical",
  points: [
    { t: Date.UTC(2026, 10, 20), value: 0.95 },
    { t: Date.UTC(2026, 10, 21), value: 0.94 },
    { t: Date.UTC(2026, 10, 22), value: 0.8 },
  ],
  threshold: { min: 0.9 },
  marked: [{ t: Date.UTC(2026, 10, 22), value: 0.8, reason: "breach" }],
  source: "metrics",
  ...over,
});

const attr = (svg: string, re: RegExp) => svg.match(re)?.[1];

describe("renderLineChart", () => {
  it("draws one polyline point per datapoint inside the plot area, first left and last right", () => {
    const svg = renderLineChart(chart(), "c1");
    const pts = attr(svg, /<polyline class="series" points="([^"]+)"/)!.split(" ").map((p) => p.split(",").map(Number) as [number, number]);
    expect(pts).toHaveLength(3);
    expect(pts[0]![0]).toBe(CHART.left);
    expect(pts[2]![0]).toBe(CHART.width - CHART.right);
    for (const [, y] of pts) expect(y).toBeGreaterThanOrEqual(CHART.top);
    for (const [, y] of pts) expect(y).toBeLessThanOrEqual(CHART.height - CHART.bottom);
    // Lower values are drawn lower (larger y).
    expect(pts[2]![1]).toBeGreaterThan(pts[0]![1]);
  });

  it("draws the threshold as a dashed line between the values it separates", () => {
    const svg = renderLineChart(chart(), "c1");
    const y = Number(attr(svg, /<line class="threshold" data-bound="min" x1="\d+" x2="\d+" y1="([\d.]+)"/));
    const pts = attr(svg, /points="([^"]+)"/)!.split(" ").map((p) => Number(p.split(",")[1]));
    expect(y).toBeGreaterThan(pts[0]!); // 0.9 is below 0.95
    expect(y).toBeLessThan(pts[2]!); // and above 0.8
    expect(svg).not.toContain('data-bound="max"');
  });

  it("marks the marked points as circles with a title", () => {
    const svg = renderLineChart(chart({ marked: [{ t: Date.UTC(2026, 10, 21), value: 0.94, reason: "anomaly" }, { t: Date.UTC(2026, 10, 22), value: 0.8, reason: "breach" }] }), "c1");
    expect(svg.match(/<circle class="marker anomaly"/g)).toHaveLength(1);
    expect(svg.match(/<circle class="marker breach"/g)).toHaveLength(1);
    expect(svg).toContain("<title>outside threshold: 0.8 at 2026-11-22 00:00 UTC</title>");
  });

  it("is an accessible image with a label that summarizes it", () => {
    const svg = renderLineChart(chart(), "c1");
    expect(svg).toMatch(/^<svg class="chart" id="c1" viewBox="0 0 720 240" role="img" aria-label="[^"]+"/);
    expect(chartLabel(chart())).toBe(
      "accuracy: 3 points from 2026-11-20 00:00 UTC to 2026-11-22 00:00 UTC; ranging 0.8 to 0.95, latest 0.8; threshold ≥ 0.9; 0 anomalous and 1 out-of-threshold points marked.",
    );
  });

  it("says there is no data instead of drawing an empty plot", () => {
    const svg = renderLineChart(chart({ points: [], marked: [] }), "c1");
    expect(svg).not.toContain("<polyline");
    expect(svg).toContain("No data points for accuracy");
  });

  it("draws a single point and a flat series without dividing by zero", () => {
    const one = renderLineChart(chart({ points: [{ t: 5, value: 2 }], marked: [], threshold: {} }), "c1");
    expect(one).not.toMatch(/NaN|Infinity/);
    const flat = renderLineChart(chart({ points: [{ t: 1, value: 0 }, { t: 2, value: 0 }], marked: [], threshold: {} }), "c1");
    expect(flat).not.toMatch(/NaN|Infinity/);
  });

  it("escapes the metric name and id", () => {
    const svg = renderLineChart(chart({ metric: '<script>alert("x")</script>' }), 'a"b');
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;");
    expect(svg).toContain('id="a&quot;b"');
  });
});

describe("yDomain", () => {
  it("includes the thresholds and does not go below zero for non-negative series", () => {
    const [lo, hi] = yDomain({ points: [{ t: 1, value: 0.2 }, { t: 2, value: 3 }], threshold: { max: 10 } });
    expect(lo).toBe(0);
    expect(hi).toBeGreaterThan(10);
  });
});

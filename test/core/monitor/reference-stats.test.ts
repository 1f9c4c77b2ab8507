import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { compactDuration, computeReference, editReferences, quantile, referenceTable } from "../../../src/core/monitor/reference-stats.js";

const period = { since: new Date("2026-11-01T00:00:00Z"), until: new Date("2026-11-15T00:00:00Z"), computedAt: new Date("2026-12-03T12:00:00Z") };
const REF = { mean: 0.93, std: 0.01, p50: 0.931, p95: 0.945, window: "14d", since: "2026-11-01T00:00:00.000Z", until: "2026-11-15T00:00:00.000Z", points: 336, computedAt: "2026-12-03T12:00:00.000Z" };

describe("reference statistics", () => {
  it("mean, sample std, p50 and p95 (linear between ranks), rounded to 6 significant digits", () => {
    const xs = Array.from({ length: 20 }, (_, i) => i + 1); // 1..20
    const r = computeReference([...xs].reverse(), period);
    expect(r).toEqual({ ok: true, stats: { mean: 10.5, std: 5.91608, p50: 10.5, p95: 19.05, window: "14d", since: "2026-11-01T00:00:00.000Z", until: "2026-11-15T00:00:00.000Z", points: 20, computedAt: "2026-12-03T12:00:00.000Z" } });
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([5], 0.95)).toBe(5);
  });

  it("too few finite points is a reason, not a statistic", () => {
    expect(computeReference([1, 2, Number.NaN, 3], period)).toEqual({ ok: false, reason: "3 datapoints in the period; at least 12 are needed" });
  });

  it("windows as durations the schema accepts", () => {
    expect([compactDuration(14 * 86400), compactDuration(3.5 * 86400), compactDuration(5400), compactDuration(7 * 86400 + 3600)]).toEqual(["14d", "3d12h", "1h30m", "7d1h"]);
  });

  it("adds a reference inside a flow map, keeping every other byte", () => {
    const text = "monitoring:\n  metrics:\n    accuracy: { namespace: Acme/Quality, metric: Accuracy, stat: Average } # quality\n    latency: { namespace: AWS/SageMaker, metric: ModelLatency, stat: p99 }\n";
    const out = editReferences(text, { accuracy: REF });
    expect(out).toBe(
      'monitoring:\n  metrics:\n    accuracy: { namespace: Acme/Quality, metric: Accuracy, stat: Average, reference: { mean: 0.93, std: 0.01, p50: 0.931, p95: 0.945, window: "14d", since: "2026-11-01T00:00:00.000Z", until: "2026-11-15T00:00:00.000Z", points: 336, computedAt: "2026-12-03T12:00:00.000Z" } } # quality\n    latency: { namespace: AWS/SageMaker, metric: ModelLatency, stat: p99 }\n',
    );
    expect((parse(out) as { monitoring: { metrics: { accuracy: { reference: unknown } } } }).monitoring.metrics.accuracy.reference).toEqual(REF);
  });

  it("adds a line to a block map, and replaces an existing reference where it is", () => {
    const block = "monitoring:\n  metrics:\n    accuracy:\n      namespace: Acme/Quality\n      metric: Accuracy\n      stat: Average\n  window: 14d\n";
    const added = editReferences(block, { accuracy: REF });
    expect(added.split("\n")[6]).toMatch(/^ {6}reference: \{ mean: 0\.93, /);
    expect(added.split("\n")[7]).toBe("  window: 14d");
    const replaced = editReferences(added, { accuracy: { ...REF, mean: 0.91 } });
    expect(replaced).toBe(added.replace("mean: 0.93,", "mean: 0.91,"));
  });

  it("refuses a metric that is not there", () => {
    expect(() => editReferences("monitoring:\n  metrics:\n    a: { namespace: N, metric: M, stat: Sum }\n", { b: REF })).toThrow(/monitoring.metrics.b is not a map/);
  });

  it("the before/after table escapes names and shows a dash for a first reference", () => {
    const t = referenceTable([{ metric: "acc|uracy", after: REF }, { metric: "latency", before: { ...REF, mean: 1 }, after: { ...REF, mean: 2 } }]);
    expect(t).toContain("| acc\\|uracy | mean | — | 0.93 |");
    expect(t).toContain("| latency | mean | 1 | 2 |");
    expect(t).toContain("| latency | window | 14d | 14d |");
  });
});

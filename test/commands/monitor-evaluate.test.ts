/**
 * evaluateChecks on a weighted split with a check that compares the variants: each version's series is
 * read for the comparison only, and is reported under its own name (`accuracy@7`), with its latest
 * value, never as a second `accuracy` next to the endpoint's.
 */
import { describe, expect, it } from "vitest";
import { evaluateChecks, evaluateJobs } from "../../src/commands/monitor-evaluate.js";
import { buildQueries } from "../../src/core/monitor/build-queries.js";
import { modelHealth } from "../../src/core/monitor/model-health.js";
import { healthRow } from "../../src/core/monitor/render-health.js";
import type { MonitoringCheck, PolicySpec } from "../../src/core/types.js";
import type { SeriesResult } from "../../src/ports.js";
import { aModelSpec, aPolicySpec } from "../support/builders.js";

const NOW = Date.parse("2026-11-26T00:00:00Z");
const accuracy: MonitoringCheck = { id: "accuracy", metric: "accuracy", metrics: ["accuracy"], detectors: [], threshold: { min: 0.5 }, sustained: 3, severity: "critical", compareVariants: true };
const policy = aPolicySpec({ monitoring: { checks: [accuracy], recovery: 0 } });
const model = aModelSpec({
  policy: policy.name,
  stages: { production: { variants: [{ version: "7", weight: 90 }, { version: "8", weight: 10 }] } },
  // A metric the model publishes itself: one series for the endpoint, and one per version for the comparison.
  monitoring: { window: 86400, period: 600, metrics: { accuracy: { namespace: "Acme/Quality", metric: "Accuracy", dimensions: { Model: "fraud" }, stat: "Average" } } },
});
const series = (value: number) => Array.from({ length: 48 }, (_, i) => ({ t: NOW - (48 - i) * 600_000, value: value + (i % 3) * 0.001 }));

describe("evaluateChecks on a split that compares its variants", () => {
  it("names each version's comparison series apart, with its latest value", async () => {
    const planned = buildQueries([model], new Map<string, PolicySpec>([[policy.name, policy]]));
    const values = [0.93, 0.94, 0.91];
    const results = new Map<string, SeriesResult>(planned.flatMap((p) => p.queries).map((q, i) => [q.id, { id: q.id, points: series(values[i % values.length]!) }]));
    const out = await evaluateChecks(planned, results, async (jobs) => evaluateJobs(jobs), { now: NOW, freshness: () => 86_400_000 });
    const ids = out.statuses.map((s) => s.checkId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(["accuracy", "accuracy@7", "accuracy@8"]);
    for (const s of out.statuses.filter((x) => x.checkId !== "accuracy")) {
      expect(s.verdict).toMatchObject({ status: "ok", summary: "read for the comparison between variants" });
      expect(s.verdict.latest?.value).toBeTypeOf("number");
    }
    const [health] = modelHealth([model], out.statuses, out.findings, [], []);
    const cell = healthRow(health!)[3]!;
    expect(cell).toContain("`accuracy@7` 0.9");
    expect(cell).toContain("`accuracy@8` 0.9");
    expect(cell.match(/`accuracy`/g)).toHaveLength(1);
  });

  it("a version's comparison series below the check's threshold is not shown green: a breach, still no finding of its own", async () => {
    const planned = buildQueries([model], new Map<string, PolicySpec>([[policy.name, policy]]));
    // endpoint and both versions at 0.3, below min 0.5
    const results = new Map<string, SeriesResult>(planned.flatMap((p) => p.queries).map((q) => [q.id, { id: q.id, points: series(0.3) }]));
    const out = await evaluateChecks(planned, results, async (jobs) => evaluateJobs(jobs), { now: NOW, freshness: () => 86_400_000 });
    for (const s of out.statuses.filter((x) => x.checkId !== "accuracy")) {
      expect(s.verdict).toMatchObject({ status: "breach", summary: expect.stringMatching(/^read for the comparison between variants; latest 0\.30\d* is below min 0\.5/) });
    }
    expect(out.findings.map((f) => f.checkId)).toEqual(["accuracy"]);
    const [health] = modelHealth([model], out.statuses, out.findings, [], []);
    expect(healthRow(health!)[3]!).not.toContain("🟢");
  });
});

import { describe, expect, it } from "vitest";
import { buildQueries, checksFor, uniqueQueries } from "../../../src/core/monitor/build-queries.js";
import { actionsFor } from "../../../src/core/monitor/match-rules.js";
import type { MonitorFinding } from "../../../src/core/monitor/types.js";
import type { MonitoringCheck, PolicySpec } from "../../../src/core/types.js";
import { aModelSpec, aPolicySpec } from "../../support/builders.js";

const q = (metric: string, period?: number) => ({ namespace: "AWS/SageMaker", metric, dimensions: { EndpointName: "e" }, stat: "Average", ...(period ? { period } : {}) });
const single = (metric: string): MonitoringCheck => ({ id: metric, metric, metrics: [metric], detectors: [], threshold: {}, sustained: 1, severity: "warning", compareVariants: true });
const multi = (id: string, metrics: string[]): MonitoringCheck => ({ id, metric: metrics[0]!, metrics, detectors: [{ name: "mahalanobis", params: {} }], threshold: {}, sustained: 1, severity: "warning", compareVariants: false });

describe("buildQueries with multi-metric checks", () => {
  const policy = aPolicySpec({ monitoring: { checks: [single("latency"), multi("latency-vs-traffic", ["latency", "invocations"]), multi("health", ["latency", "errors", "cpu"])], recovery: 0 } });
  const policies = new Map<string, PolicySpec>([[policy.name, policy]]);

  it("skips a check whose metrics the model does not all monitor, and reads a shared metric once", () => {
    const model = aModelSpec({ policy: policy.name, monitoring: { window: 86400, period: 600, metrics: { latency: q("ModelLatency"), invocations: q("Invocations"), errors: q("Errors") } } });
    expect(checksFor(model, policy).map((c) => c.id)).toEqual(["latency", "latency-vs-traffic"]);
    const planned = buildQueries([model], policies);
    expect(planned.map((p) => [p.series.key, p.queries.map((x) => x.id)])).toEqual([
      ["fraud-detection/latency", ["fraud-detection/latency"]],
      ["fraud-detection/latency-vs-traffic", ["fraud-detection/latency", "fraud-detection/invocations"]],
    ]);
    expect(uniqueQueries(planned).map((x) => x.id)).toEqual(["fraud-detection/latency", "fraud-detection/invocations"]);
  });

  it("reads every metric of a multi-metric check at its first metric's period, under its own id when that differs", () => {
    const model = aModelSpec({ policy: policy.name, monitoring: { window: 86400, period: 600, metrics: { latency: q("ModelLatency", 300), invocations: q("Invocations") } } });
    const planned = buildQueries([model], policies);
    expect(planned[1]!.queries.map((x) => [x.id, x.period, x.name])).toEqual([
      ["fraud-detection/latency", 300, "latency"],
      ["fraud-detection/invocations~300s", 300, "invocations"],
    ]);
  });

  it("reads a one-version endpoint's SageMaker metric under its variant AllTraffic when model.yaml leaves VariantName out, and keeps a named one", () => {
    const model = aModelSpec({ policy: policy.name, stages: { production: { variants: [{ version: "7", weight: 100 }] } }, monitoring: { window: 86400, period: 600, metrics: { latency: q("ModelLatency"), invocations: { ...q("Invocations"), dimensions: { EndpointName: "e", VariantName: "AllTraffic" } }, quality: { namespace: "Acme/Quality", metric: "Q", dimensions: { Model: "m" }, stat: "Average" } } } });
    const planned = buildQueries([model], policies);
    expect(planned.flatMap((p) => p.queries.map((x) => x.dimensions))).toEqual([{ EndpointName: "e", VariantName: "AllTraffic" }, { EndpointName: "e", VariantName: "AllTraffic" }, { EndpointName: "e", VariantName: "AllTraffic" }]);
  });

  it("on a split, a multi-metric check is one check per variant too: SageMaker metrics under the variant, others as written", () => {
    const model = aModelSpec({
      policy: policy.name,
      stages: { production: { variants: [{ version: "7", weight: 90 }, { version: "8", weight: 10 }] } },
      monitoring: { window: 86400, period: 600, metrics: { latency: q("ModelLatency"), invocations: q("Invocations") } },
    });
    // SageMaker publishes a split endpoint's metrics per variant only: one check per variant, no AllTraffic check
    const planned = buildQueries([model], policies);
    expect(planned.map((p) => p.series.key)).toEqual(["fraud-detection/latency@7", "fraud-detection/latency@8", "fraud-detection/latency-vs-traffic@7", "fraud-detection/latency-vs-traffic@8"]);
    expect(planned.map((p) => [p.series.perVariant, p.series.version, p.queries.map((x) => `${x.id} ${x.dimensions.VariantName}`)])).toEqual([
      [true, "7", ["fraud-detection/latency@7 v-7"]],
      [true, "8", ["fraud-detection/latency@8 v-8"]],
      [true, "7", ["fraud-detection/latency@7 v-7", "fraud-detection/invocations@7 v-7"]],
      [true, "8", ["fraud-detection/latency@8 v-8", "fraud-detection/invocations@8 v-8"]],
    ]);
    // the latency a single-metric and a multi-metric check share is read once per variant
    expect(uniqueQueries(planned).map((x) => x.id)).toEqual(["fraud-detection/latency@7", "fraud-detection/latency@8", "fraud-detection/invocations@7", "fraud-detection/invocations@8"]);

    const mixed = aModelSpec({ ...model, monitoring: { window: 86400, period: 600, metrics: { latency: q("ModelLatency"), invocations: { namespace: "Acme/Traffic", metric: "Requests", dimensions: { Model: "m" }, stat: "Sum" } } } });
    const multiOnly = buildQueries([mixed], policies).filter((p) => p.series.check.id === "latency-vs-traffic");
    expect(multiOnly.map((p) => [p.series.key, p.queries.map((x) => `${x.id} ${x.dimensions.VariantName ?? "-"}`)])).toEqual([
      ["fraud-detection/latency-vs-traffic@7", ["fraud-detection/latency@7 v-7", "fraud-detection/invocations -"]],
      ["fraud-detection/latency-vs-traffic@8", ["fraud-detection/latency@8 v-8", "fraud-detection/invocations -"]],
    ]);
  });

  it("on a split, a multi-metric check on metrics published per model stays one check for the endpoint", () => {
    const own = { namespace: "Acme/Quality", dimensions: { Model: "m" }, stat: "Average" };
    const model = aModelSpec({
      policy: policy.name,
      stages: { production: { variants: [{ version: "7", weight: 90 }, { version: "8", weight: 10 }] } },
      monitoring: { window: 86400, period: 600, metrics: { latency: { ...own, metric: "L" }, invocations: { ...own, metric: "I" } } },
    });
    const planned = buildQueries([model], policies).filter((p) => p.series.check.id === "latency-vs-traffic");
    expect(planned.map((p) => [p.series.key, p.series.perVariant])).toEqual([["fraud-detection/latency-vs-traffic", undefined]]);
  });
});

describe("remediation rules and multi-metric findings", () => {
  const finding = (over: Partial<MonitorFinding>): MonitorFinding => ({ model: "m", checkId: "latency", metric: "latency", kind: "anomaly", severity: "warning", score: 1, fired: [], sustainedPoints: 3, lastedSeconds: 1800, evidence: [], summary: "", ...over });
  const policy = aPolicySpec({ remediation: { rules: [{ when: { metric: "latency" }, do: ["scale-pr"] }, { when: { metric: "latency-vs-traffic" }, do: ["issue"] }, { when: { severity: "warning" }, do: ["event"] }], cooldown: 0 } });

  it("match when.metric by the check's name only, so a rule on one metric does not act on a joint finding", () => {
    expect(actionsFor(finding({}), policy)).toEqual(["scale-pr", "event"]);
    expect(actionsFor(finding({ checkId: "latency-vs-traffic", metrics: ["latency", "invocations"] }), policy)).toEqual(["issue", "event"]);
  });
});

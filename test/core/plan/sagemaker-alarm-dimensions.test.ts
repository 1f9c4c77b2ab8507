import { describe, expect, it } from "vitest";
import { deploymentAlarms, isOwnedAlarm, modelsForAlarm } from "../../../src/core/plan/sagemaker-alarms.js";
import type { MonitoringCheck } from "../../../src/core/types.js";
import { aModelSpec, aPolicySpec } from "../../support/builders.js";

const latency: MonitoringCheck = { id: "latency", metric: "latency", metrics: ["latency"], detectors: [], threshold: { max: 500000 }, sustained: 3, severity: "warning", compareVariants: true };
const policy = aPolicySpec({ monitoring: { checks: [latency], recovery: 0 } });
const metric = (dimensions: Record<string, string>) => ({ window: 86400, period: 600, metrics: { latency: { namespace: "AWS/SageMaker", metric: "ModelLatency", dimensions, stat: "p99" } } });

describe("deploymentAlarms dimensions", () => {
  it("alarms on AllTraffic for a one-version endpoint whose metric leaves VariantName out (as the monitor reads it)", () => {
    const model = aModelSpec({ policy: policy.name, stages: { production: { variants: [{ version: "7", weight: 100 }] } }, monitoring: metric({ EndpointName: "e" }) });
    expect(deploymentAlarms(model, "e", policy).alarms.map((a) => a.dimensions)).toEqual([{ EndpointName: "e", VariantName: "AllTraffic" }]);
  });

  it("keeps a VariantName model.yaml names, and a metric outside SageMaker's namespace as written", () => {
    const named = aModelSpec({ policy: policy.name, stages: { production: { variants: [{ version: "7", weight: 100 }] } }, monitoring: metric({ EndpointName: "e", VariantName: "AllTraffic" }) });
    expect(deploymentAlarms(named, "e", policy).alarms[0]!.dimensions).toEqual({ EndpointName: "e", VariantName: "AllTraffic" });
    const own = aModelSpec({ policy: policy.name, stages: { production: { variants: [{ version: "7", weight: 100 }] } }, monitoring: { ...metric({}), metrics: { latency: { namespace: "Acme/Quality", metric: "L", dimensions: { EndpointName: "e" }, stat: "p99" } } } });
    expect(deploymentAlarms(own, "e", policy).alarms[0]!.dimensions).toEqual({ EndpointName: "e" });
  });

  it("a split alarms on each variant's own VariantName with the same threshold, and names them as rollback alarms", () => {
    const split = { production: { variants: [{ version: "2026.10", weight: 80 }, { version: "2026.11", weight: 20 }] } };
    const model = aModelSpec({ policy: policy.name, stages: split, monitoring: metric({ EndpointName: "e" }) });
    const { alarms } = deploymentAlarms(model, "e", policy);
    expect(alarms.map((a) => [a.name, a.dimensions, a.threshold, a.comparison])).toEqual([
      ["steward-e-latency-2026-10-max", { EndpointName: "e", VariantName: "v-2026-10" }, 500000, "GreaterThanThreshold"],
      ["steward-e-latency-2026-11-max", { EndpointName: "e", VariantName: "v-2026-11" }, 500000, "GreaterThanThreshold"],
    ]);
    expect(alarms[1]!.description).toBe("model-steward: fraud-detection latency of variant v-2026-11 (v2026.11) above 500000 (policy strict, check latency@2026.11); rolls back deployments of e");
    expect(modelsForAlarm({ models: [{ ...model, deployment: { sagemaker: { ...model.deployment!.sagemaker!, endpoint: "e" } } }], policies: [policy] }, "steward-e-latency-2026-11-max")).toEqual([model.name]);
  });

  it("an alarm is this model's to delete only with apply's name, description and steward:model tag", () => {
    const model = aModelSpec({ policy: policy.name, stages: { production: { variants: [{ version: "7", weight: 100 }] } }, monitoring: metric({ EndpointName: "e" }) });
    const [a] = deploymentAlarms(model, "e", policy).alarms;
    const tags = { "steward:model": model.name };
    expect(isOwnedAlarm({ ...a!, tags }, model.name, "e")).toBe(true);
    expect(isOwnedAlarm({ ...a!, tags: {} }, model.name, "e")).toBe(false);
    expect(isOwnedAlarm({ ...a!, tags, description: "paged by hand" }, model.name, "e")).toBe(false);
    expect(isOwnedAlarm({ ...a!, tags }, model.name, "e2")).toBe(false);
    expect(isOwnedAlarm({ ...a!, tags: { "steward:model": "other" } }, model.name, "e")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { deploymentAlarms } from "../../../src/core/plan/sagemaker-alarms.js";
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
});

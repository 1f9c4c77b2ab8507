import { describe, expect, it } from "vitest";
import { waitForEndpoint, type Clock } from "../../../src/adapters/aws/sagemaker-wait-for-endpoint.js";
import type { SageMakerEndpoints } from "../../../src/ports.js";
import type { LiveEndpoint } from "../../../src/core/plan/sagemaker-types.js";
import type { Logger } from "../../../src/ports.js";

function fakeClock(start = Date.parse("2026-11-26T04:00:00Z")): Clock & { slept: number[] } {
  let t = start;
  const slept: number[] = [];
  return { slept, now: () => new Date(t), sleep: async (ms) => { slept.push(ms); t += ms; } };
}
function logger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m), debug: () => {}, group: (_t, fn) => fn() };
}
function describing(states: (Partial<LiveEndpoint> | undefined)[]): SageMakerEndpoints {
  let i = 0;
  return {
    describeEndpoint: async () => {
      const s = states[Math.min(i++, states.length - 1)];
      return s ? { name: "e", status: "InService", variants: [], ...s } : undefined;
    },
  } as unknown as SageMakerEndpoints;
}

describe("waitForEndpoint", () => {
  it("waits for InService on the new config and logs each status once", async () => {
    const clock = fakeClock();
    const log = logger();
    const r = await waitForEndpoint({ sagemaker: describing([{ status: "Updating", configName: "old" }, { status: "Updating", configName: "old" }, { status: "InService", configName: "new" }]), clock, logger: log }, { endpoint: "e", configName: "new", timeoutSeconds: 3600, pollSeconds: 30 });
    expect(r.kind).toBe("in-service");
    expect(clock.slept).toEqual([30000, 30000]);
    expect(log.lines).toEqual(["endpoint e: Updating after 0s", "endpoint e: InService after 1m"]);
  });

  it("reports a SageMaker auto-rollback: back InService on the old config after the update was seen", async () => {
    const r = await waitForEndpoint({ sagemaker: describing([{ status: "Updating", configName: "old" }, { status: "InService", configName: "old" }]), clock: fakeClock(), logger: logger() }, { endpoint: "e", configName: "new", timeoutSeconds: 3600 });
    expect(r).toMatchObject({ kind: "rolled-back", endpoint: { configName: "old" } });
  });

  it("does not mistake the moment before the update starts for a rollback", async () => {
    const r = await waitForEndpoint({ sagemaker: describing([{ status: "InService", configName: "old" }, { status: "Updating", configName: "old" }, { status: "InService", configName: "new" }]), clock: fakeClock(), logger: logger() }, { endpoint: "e", configName: "new", timeoutSeconds: 3600 });
    expect(r.kind).toBe("in-service");
  });

  it("with `accept`, waits until InService shows the requested change (weights), and calls its absence after an update a rollback", async () => {
    const wanted = (e: LiveEndpoint) => e.variants[0]?.desiredWeight === 50;
    const v = (w: number) => [{ name: "v-7", currentWeight: w, desiredWeight: w }];
    const ok = await waitForEndpoint({ sagemaker: describing([{ status: "InService", variants: v(90) }, { status: "Updating", variants: v(90) }, { status: "InService", variants: v(50) }]), clock: fakeClock(), logger: logger() }, { endpoint: "e", accept: wanted, timeoutSeconds: 600 });
    expect(ok.kind).toBe("in-service");
    const back = await waitForEndpoint({ sagemaker: describing([{ status: "RollingBack", variants: v(90) }, { status: "InService", variants: v(90) }]), clock: fakeClock(), logger: logger() }, { endpoint: "e", accept: wanted, timeoutSeconds: 600 });
    expect(back.kind).toBe("rolled-back");
  });

  it("reports Failed and UpdateRollbackFailed with the FailureReason", async () => {
    const r = await waitForEndpoint({ sagemaker: describing([{ status: "Creating" }, { status: "Failed", failureReason: "ping health check failed" }]), clock: fakeClock(), logger: logger() }, { endpoint: "e", timeoutSeconds: 600 });
    expect(r).toMatchObject({ kind: "failed", status: "Failed", reason: "ping health check failed" });
    const u = await waitForEndpoint({ sagemaker: describing([{ status: "UpdateRollbackFailed", failureReason: "rollback failed" }]), clock: fakeClock(), logger: logger() }, { endpoint: "e", timeoutSeconds: 600 });
    expect(u).toMatchObject({ kind: "failed", status: "UpdateRollbackFailed" });
  });

  it("stops at the timeout, having slept no longer than it", async () => {
    const clock = fakeClock();
    const log = logger();
    const r = await waitForEndpoint({ sagemaker: describing([{ status: "Updating" }]), clock, logger: log }, { endpoint: "e", timeoutSeconds: 600, pollSeconds: 60, reportEverySeconds: 300 });
    expect(r).toEqual({ kind: "timeout", status: "Updating", waitedSeconds: 600 });
    expect(clock.slept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(600_000);
    expect(log.lines).toEqual(["endpoint e: Updating after 0s", "endpoint e: Updating after 5m", "endpoint e: Updating after 10m"]);
  });

  it("says so when the endpoint does not exist", async () => {
    expect(await waitForEndpoint({ sagemaker: describing([undefined]), clock: fakeClock(), logger: logger() }, { endpoint: "e", timeoutSeconds: 60 })).toEqual({ kind: "missing" });
  });
});

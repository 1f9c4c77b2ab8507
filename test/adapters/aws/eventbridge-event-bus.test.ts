import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { eventBridgeEventBus } from "../../../src/adapters/aws/eventbridge-event-bus.js";
import type { StewardEvent } from "../../../src/ports.js";

const eb = mockClient(EventBridgeClient);
const event = (i: number): StewardEvent => ({ detailType: "Model Anomaly Detected", detail: { model: `m${i}`, check: "accuracy" }, time: new Date("2026-11-26T00:00:00Z") });
const sleeps: number[] = [];
const bus = (over = {}) => eventBridgeEventBus({ client: new EventBridgeClient({}), sleep: async (ms) => void sleeps.push(ms), random: () => 1, ...over });

describe("eventBridgeEventBus", () => {
  beforeEach(() => {
    eb.reset();
    sleeps.length = 0;
  });

  it("sends at most 10 entries a call, with Source model-steward, the detail-type and the detail as JSON", async () => {
    eb.on(PutEventsCommand).callsFake((input) => ({ FailedEntryCount: 0, Entries: input.Entries.map((_: unknown, i: number) => ({ EventId: `e${i}` })) }));
    await bus().publish(Array.from({ length: 23 }, (_, i) => event(i)));
    const calls = eb.commandCalls(PutEventsCommand);
    expect(calls.map((c) => c.args[0].input.Entries!.length)).toEqual([10, 10, 3]);
    expect(calls[0]!.args[0].input.Entries![0]).toEqual({
      Source: "model-steward",
      DetailType: "Model Anomaly Detected",
      Detail: '{"model":"m0","check":"accuracy"}',
      Time: new Date("2026-11-26T00:00:00Z"),
    });
  });

  it("retries only the failed entries, with backoff, until they pass", async () => {
    eb.on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 2, Entries: [{ EventId: "a" }, { ErrorCode: "ThrottlingException", ErrorMessage: "Rate exceeded" }, { EventId: "c" }, { ErrorCode: "InternalFailure" }] })
      .resolvesOnce({ FailedEntryCount: 1, Entries: [{ EventId: "b" }, { ErrorCode: "InternalFailure" }] })
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: "d" }] });
    await bus().publish([0, 1, 2, 3].map(event));
    const sent = eb.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries!.map((e) => JSON.parse(e.Detail!).model));
    expect(sent).toEqual([["m0", "m1", "m2", "m3"], ["m1", "m3"], ["m3"]]);
    expect(sleeps).toEqual([200, 400]);
  });

  it("gives up after maxRetries and names what still fails", async () => {
    eb.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: "InternalFailure", ErrorMessage: "try later" }] });
    await expect(bus({ maxRetries: 2 }).publish([event(0)])).rejects.toThrow(/1 event\(s\) still failing after 2 retries: Model Anomaly Detected: InternalFailure try later/);
    expect(eb.commandCalls(PutEventsCommand)).toHaveLength(3);
  });

  it("maps a failed call to ExternalError and refuses an entry above 256 KiB", async () => {
    eb.on(PutEventsCommand).rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }));
    await expect(bus().publish([event(0)])).rejects.toMatchObject({ name: "ExternalError", service: "aws", status: 400 });
    await expect(bus().publish([{ detailType: "x", detail: { big: "x".repeat(300_000) } }])).rejects.toThrow(/larger than 256 KiB/);
  });
});

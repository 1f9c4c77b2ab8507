import { readFileSync } from "node:fs";
import { CloudWatchClient, GetMetricDataCommand, type GetMetricDataCommandInput, type GetMetricDataCommandOutput } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { cloudWatchMetricSource } from "../../../src/adapters/aws/cloudwatch-metric-source.js";
import { minimumCalls } from "../../../src/core/monitor/pack-batches.js";
import type { SeriesQuery } from "../../../src/ports.js";

const cw = mockClient(CloudWatchClient);
const PERIOD = 600;
const END = new Date("2026-11-26T04:13:27Z");
const START = new Date(+END - 14 * 86400_000);

const query = (i: number, over: Partial<SeriesQuery> = {}): SeriesQuery => ({
  id: `m${i}/accuracy`,
  namespace: "Acme/ModelQuality",
  metric: "Accuracy",
  dimensions: { Model: `m${i}`, Env: "prod" },
  stat: "Average",
  period: PERIOD,
  model: `m${i}`,
  name: "accuracy",
  ...over,
});

/** Answers like CloudWatch: every bucket of every query has a value except every 7th (a gap), paged at MaxDatapoints (100,800). */
function fakeCloudWatch() {
  const inputs: GetMetricDataCommandInput[] = [];
  cw.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput): GetMetricDataCommandOutput => {
    inputs.push(input);
    // The points of all queries in order, every 7th bucket missing; only this page's are built.
    const offset = input.NextToken ? Number(input.NextToken) : 0;
    const byId = new Map<string, { t: Date[]; v: number[] }>();
    let n = 0;
    for (const q of input.MetricDataQueries!) {
      const p = q.MetricStat!.Period! * 1000;
      const buckets = Math.ceil((+input.EndTime! - +input.StartTime!) / p);
      const present = buckets - Math.floor((buckets + 3) / 7);
      if (n + present > offset && n < offset + 100_800) {
        const mine = byId.get(q.Id!) ?? { t: [], v: [] };
        byId.set(q.Id!, mine);
        for (let t = +input.StartTime!, k = 0; t < +input.EndTime!; t += p, k++) {
          if (k % 7 === 3) continue;
          if (n >= offset && n < offset + 100_800) mine.t.push(new Date(t)), mine.v.push(k);
          n++;
        }
      } else n += present;
    }
    const ids = [...new Set(input.MetricDataQueries!.map((q) => q.Id!))];
    const more = offset + 100_800 < n;
    return {
      $metadata: {},
      MetricDataResults: ids.map((id) => {
        const mine = byId.get(id) ?? { t: [], v: [] };
        return { Id: id, Timestamps: mine.t, Values: mine.v, StatusCode: more ? "PartialData" : "Complete" };
      }),
      ...(more ? { NextToken: String(offset + 100_800) } : {}),
    };
  });
  return inputs;
}

describe("cloudWatchMetricSource", () => {
  beforeEach(() => cw.reset());

  it("uses the minimum number of GetMetricData calls: max(ceil(series/500), ceil(points/100,800))", async () => {
    const inputs = fakeCloudWatch();
    const queries = Array.from({ length: 1234 }, (_, i) => query(i));
    const results = await cloudWatchMetricSource({ client: new CloudWatchClient({}) }).read(queries, { start: START, end: END });
    expect(inputs).toHaveLength(minimumCalls(new Array(1234).fill(2016)));
    expect(inputs).toHaveLength(25);
    for (const input of inputs) {
      expect(input.MetricDataQueries!.length).toBeLessThanOrEqual(500);
      expect(input.MetricDataQueries!.length * 2016).toBeLessThanOrEqual(100_800);
      expect(input.ScanBy).toBe("TimestampAscending");
      expect(new Date(input.EndTime!).toISOString()).toBe("2026-11-26T04:10:00.000Z");
      expect(+input.StartTime! % (PERIOD * 1000)).toBe(0);
    }
    expect(inputs[0]!.MetricDataQueries![0]).toEqual({
      Id: "q0",
      MetricStat: { Metric: { Namespace: "Acme/ModelQuality", MetricName: "Accuracy", Dimensions: [{ Name: "Env", Value: "prod" }, { Name: "Model", Value: "m0" }] }, Period: 600, Stat: "Average" },
      ReturnData: true,
    });
    expect(results.map((r) => r.id)).toEqual(queries.map((q) => q.id));
    // 2,016 buckets, every 7th without data: gaps stay gaps.
    expect(results[0]!.points).toHaveLength(2016 - 288);
    expect(results[0]!.error).toBeUndefined();
    expect(results[0]!.points.every((p, i, a) => i === 0 || p.t > a[i - 1]!.t)).toBe(true);
  });

  it("follows NextToken, completing PartialData results across pages (recorded shape)", async () => {
    const pages = JSON.parse(readFileSync(new URL("../../fixtures/cloudwatch/get-metric-data-partial.json", import.meta.url), "utf8")).pages;
    cw.on(GetMetricDataCommand).resolvesOnce(pages[0]).resolvesOnce(pages[1]);
    const [acc, lat] = await cloudWatchMetricSource({ client: new CloudWatchClient({}) }).read(
      [query(0), query(1, { id: "m1/latency", metric: "ModelLatency", stat: "p99" })],
      { start: new Date("2026-11-26T00:00:00Z"), end: new Date("2026-11-26T00:40:00Z") },
    );
    const calls = cw.commandCalls(GetMetricDataCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.args[0].input.NextToken).toBe("page-2");
    expect(acc!.points.map((p) => p.value)).toEqual([0.94, 0.93, 0.88]);
    expect(acc!.points.map((p) => new Date(p.t).toISOString().slice(11, 16))).toEqual(["00:00", "00:10", "00:30"]);
    expect(lat!.points).toHaveLength(4);
  });

  it("orders a series oldest first and keeps one point per timestamp, the last read, when pages repeat or reorder", async () => {
    const at = (m: number) => new Date(+START + m * 60_000);
    cw.on(GetMetricDataCommand)
      .resolvesOnce({ MetricDataResults: [{ Id: "q0", Timestamps: [at(20), at(10)], Values: [2, 1], StatusCode: "PartialData" }], NextToken: "2" })
      .resolvesOnce({ MetricDataResults: [{ Id: "q0", Timestamps: [at(20), at(30)], Values: [9, 3], StatusCode: "Complete" }] });
    const [series] = await cloudWatchMetricSource({ client: new CloudWatchClient({}) }).read([query(0)], { start: START, end: END });
    expect(series!.points).toEqual([{ t: +at(10), value: 1 }, { t: +at(20), value: 9 }, { t: +at(30), value: 3 }]);
  });

  it("groups by period, each group aligned to its own period", async () => {
    const inputs = fakeCloudWatch();
    await cloudWatchMetricSource({ client: new CloudWatchClient({}) }).read([query(0), query(1, { period: 3600 })], { start: START, end: END });
    expect(inputs.map((i) => [i.MetricDataQueries![0]!.MetricStat!.Period, new Date(i.EndTime!).toISOString()]).sort()).toEqual([
      [3600, "2026-11-26T04:00:00.000Z"],
      [600, "2026-11-26T04:10:00.000Z"],
    ]);
  });

  it("turns a failed call into series errors and a failed result into that series' error; the others are read", async () => {
    const error = Object.assign(new Error("User is not authorized to perform: cloudwatch:GetMetricData"), { name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    cw.on(GetMetricDataCommand)
      .rejectsOnce(error)
      .resolves({ MetricDataResults: [{ Id: "q0", Timestamps: [], Values: [], StatusCode: "Forbidden", Messages: [{ Code: "Forbidden", Value: "no access to namespace" }] }, { Id: "q1", Timestamps: [END], Values: [1], StatusCode: "Complete" }] });
    const source = cloudWatchMetricSource({ client: new CloudWatchClient({}) });
    const failed = await source.read([query(0)], { start: START, end: END });
    expect(failed[0]).toMatchObject({ id: "m0/accuracy", points: [], error: expect.stringMatching(/aws \(HTTP 403 AccessDenied\): GetMetricData: User is not authorized/) });
    const mixed = await source.read([query(0), query(1)], { start: START, end: END });
    expect(mixed[0]!.error).toMatch(/CloudWatch Forbidden: no access to namespace/);
    expect(mixed[1]).toMatchObject({ points: [{ value: 1 }] });
    expect(mixed[1]!.error).toBeUndefined();
  });
});

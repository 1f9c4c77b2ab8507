/**
 * A local fake of the two AWS APIs the monitor calls, on node:http (127.0.0.1, port 0), speaking the
 * wire format the AWS SDK v3 uses for them, so the real clients run unchanged against it through
 * `AWS_ENDPOINT_URL_CLOUDWATCH` / `AWS_ENDPOINT_URL_EVENTBRIDGE` (or `AWS_ENDPOINT_URL`):
 *
 * - CloudWatch `GetMetricData`: AWS JSON 1.0 (`X-Amz-Target: GraniteServiceVersion20100801.GetMetricData`),
 *   query-compatible errors (`x-amzn-query-error: <Code>;Sender`), times in epoch seconds. As the API
 *   reference says: at most 500 queries a call (else ValidationError), results in query order with
 *   `StatusCode` Complete, datapoints only for buckets that have data, `ScanBy` honoured, and paging
 *   every 100,800 datapoints with `NextToken` (PartialData on the results of a page that is not the last).
 * - EventBridge `PutEvents`: AWS JSON 1.1 (`X-Amz-Target: AWSEvents.PutEvents`), at most 10 entries,
 *   one result per entry in order, `FailedEntryCount` and per-entry `ErrorCode`/`ErrorMessage` for
 *   entries it refuses.
 *
 * Faults: `throttle(n)` answers the next n GetMetricData calls with CloudWatch's `Throttling` (400);
 * `failEntries(n)` makes the next n PutEvents entries fail with `ThrottlingException` (a partial failure).
 * Every request is recorded, which is how tests count calls.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface MetricKey {
  namespace: string;
  metric: string;
  dimensions: Record<string, string>;
  stat: string;
  period: number;
}

/** Datapoints (epoch ms) of one metric in [start, end); the fake keeps those aligned to the period. */
export type MetricData = (key: MetricKey, start: number, end: number) => { t: number; value: number }[];

export interface FakeAws extends AsyncDisposable {
  url: string;
  /** Every call: the operation and its JSON body. */
  calls: { operation: string; body: any }[];
  /** Events accepted by PutEvents, in order. */
  events: { Source: string; DetailType: string; Detail: string; Resources?: string[] }[];
  throttle(times: number): void;
  failEntries(times: number): void;
  close(): Promise<void>;
}

const MAX_POINTS = 100_800;
const MAX_QUERIES = 500;

export async function startFakeAws(data: MetricData): Promise<FakeAws> {
  const calls: FakeAws["calls"] = [];
  const events: FakeAws["events"] = [];
  let throttles = 0;
  let entryFailures = 0;
  const pages = new Map<string, { results: any[]; offset: number }>();
  let nextToken = 1;

  const error = (status: number, code: string, message: string, json10: boolean) => ({
    status,
    headers: { "content-type": json10 ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1", "x-amzn-query-error": `${code};Sender`, "x-amzn-requestid": "fake" },
    body: JSON.stringify({ __type: code, message }),
  });

  function getMetricData(body: any) {
    if (throttles > 0) {
      throttles--;
      return error(400, "Throttling", "Rate exceeded", true);
    }
    const queries: any[] = body.MetricDataQueries ?? [];
    if (queries.length === 0 || queries.length > MAX_QUERIES) return error(400, "ValidationError", `The collection MetricDataQueries must not be empty and must not contain more than ${MAX_QUERIES} items.`, true);
    let all: { Id: string; Label: string; Timestamps: number[]; Values: number[] }[];
    if (body.NextToken) {
      const page = pages.get(body.NextToken);
      if (!page) return error(400, "InvalidNextToken", "The service couldn't process your request because the NextToken is invalid.", true);
      all = page.results;
    } else {
      const start = Number(body.StartTime) * 1000;
      const end = Number(body.EndTime) * 1000;
      all = queries.map((q) => {
        const m = q.MetricStat.Metric;
        const key: MetricKey = { namespace: m.Namespace, metric: m.MetricName, dimensions: Object.fromEntries((m.Dimensions ?? []).map((d: any) => [d.Name, d.Value])), stat: q.MetricStat.Stat, period: q.MetricStat.Period };
        const points = data(key, start, end).filter((p) => p.t >= start && p.t < end && p.t % (key.period * 1000) === 0);
        if (body.ScanBy !== "TimestampAscending") points.reverse();
        return { Id: q.Id, Label: m.MetricName, Timestamps: points.map((p) => p.t / 1000), Values: points.map((p) => p.value) };
      });
    }
    // page every MAX_POINTS datapoints, in query order; the first page lists every query, later pages
    // those with datapoints in them; a result continued on the next page is PartialData
    const token = body.NextToken as string | undefined;
    const offset = token ? pages.get(token)!.offset : 0;
    if (token) pages.delete(token);
    const total = all.reduce((n, r) => n + r.Timestamps.length, 0);
    const stop = Math.min(total, offset + MAX_POINTS);
    const out: any[] = [];
    let at = 0;
    for (const r of all) {
      const n = r.Timestamps.length;
      const from = Math.max(offset, at) - at;
      const to = Math.min(stop, at + n) - at;
      at += n;
      if (to <= from && !(offset === 0 && n === 0)) continue;
      out.push({ Id: r.Id, Label: r.Label, Timestamps: r.Timestamps.slice(from, Math.max(from, to)), Values: r.Values.slice(from, Math.max(from, to)), StatusCode: to < n ? "PartialData" : "Complete" });
    }
    const reply: any = { MetricDataResults: out, Messages: [] };
    if (stop < total) {
      const t = `page-${nextToken++}`;
      pages.set(t, { results: all, offset: stop });
      reply.NextToken = t;
    }
    return { status: 200, headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "fake" }, body: JSON.stringify(reply) };
  }

  function putEvents(body: any) {
    const entries: any[] = body.Entries ?? [];
    if (entries.length === 0 || entries.length > 10) return error(400, "ValidationException", "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10", false);
    let failed = 0;
    const results = entries.map((e) => {
      if (entryFailures > 0) {
        entryFailures--;
        failed++;
        return { ErrorCode: "ThrottlingException", ErrorMessage: "Rate exceeded" };
      }
      events.push({ Source: e.Source, DetailType: e.DetailType, Detail: e.Detail, ...(e.Resources ? { Resources: e.Resources } : {}) });
      return { EventId: `ev-${events.length}` };
    });
    return { status: 200, headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "fake" }, body: JSON.stringify({ FailedEntryCount: failed, Entries: results }) };
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"] ?? "");
      const operation = target.split(".").pop() ?? "";
      let body: any = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
      } catch {
        /* answered below as an unknown operation */
      }
      calls.push({ operation, body });
      const reply =
        target === "GraniteServiceVersion20100801.GetMetricData" ? getMetricData(body)
        : target === "AWSEvents.PutEvents" ? putEvents(body)
        : error(400, "UnknownOperationException", `unknown operation ${target}`, true);
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    events,
    throttle: (n) => void (throttles += n),
    failEntries: (n) => void (entryFailures += n),
    close,
    [Symbol.asyncDispose]: close,
  };
}

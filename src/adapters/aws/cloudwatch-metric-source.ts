import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { describeError } from "../../core/errors.js";
import { alignRange, expectedPoints } from "../../core/monitor/align-range.js";
import { CLOUDWATCH_LIMITS, packBatches, type BatchLimits } from "../../core/monitor/pack-batches.js";
import type { Datapoint, Logger, MetricSource, SeriesQuery, SeriesResult } from "../../ports.js";
import { toExternalError } from "./to-external-error.js";

export interface CloudWatchMetricSourceOptions {
  /** A CloudWatchClient from the SDK's default chain (region, credentials, AWS_ENDPOINT_URL_CLOUDWATCH). */
  client: Pick<CloudWatchClient, "send">;
  /** GetMetricData calls in flight at once; default 4. */
  concurrency?: number;
  /** The API's limits; tests may lower them. */
  limits?: BatchLimits;
  logger?: Logger;
}

/**
 * MetricSource over CloudWatch GetMetricData.
 *
 * - One MetricDataQuery per series (MetricStat with Period and Stat, ReturnData true), ids `q0..qN`
 *   per call. Queries are grouped by period; each group is read over the range floored to its period
 *   at both ends (period-aligned StartTime/EndTime, as CloudWatch recommends).
 * - Batching: each call carries at most 500 queries and at most 100,800 expected points (the range
 *   divided by the period), packed so that the number of calls is the minimum
 *   max(ceil(series / 500), ceil(points / 100,800)) for series of equal length (core/monitor/pack-batches).
 * - ScanBy TimestampAscending; NextToken is followed until the call is complete (each page is a call).
 *   A result with StatusCode PartialData is completed by the next page; InternalError or Forbidden
 *   make that series an error.
 * - Missing data: CloudWatch returns no datapoint for a bucket without data; the gap stays a gap
 *   (points are not filled or interpolated), and detectors see the period grid with holes.
 * - A failed call (after the SDK's own retries) does not throw: every series in it gets `error`, so
 *   the monitor reports a warning and goes on.
 */
export function cloudWatchMetricSource(options: CloudWatchMetricSourceOptions): MetricSource {
  const limits = options.limits ?? CLOUDWATCH_LIMITS;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  return {
    async read(queries, range) {
      const results = new Map<string, SeriesResult>();
      const calls: (() => Promise<void>)[] = [];
      const byPeriod = new Map<number, SeriesQuery[]>();
      for (const q of queries) byPeriod.set(q.period, [...(byPeriod.get(q.period) ?? []), q]);
      for (const [period, group] of byPeriod) {
        const r = alignedRange(range, period);
        const points = group.map(() => expectedPoints(r, period));
        for (const batch of packBatches(points, limits)) {
          const qs = batch.map((i) => group[i]!);
          calls.push(async () => {
            for (const res of await readBatch(options.client, qs, r, options.logger)) results.set(res.id, res);
          });
        }
      }
      await runLimited(calls, concurrency);
      return queries.map((q) => results.get(q.id) ?? { id: q.id, points: [], error: "not read" });
    },
  };
}

function alignedRange(range: { start: Date; end: Date }, periodSeconds: number): { start: number; end: number } {
  const end = alignRange(range.end, 0, periodSeconds).end;
  const start = alignRange(range.start, 0, periodSeconds).end;
  return { start, end };
}

function toQuery(q: SeriesQuery, id: string): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: q.namespace,
        MetricName: q.metric,
        Dimensions: Object.entries(q.dimensions)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([Name, Value]) => ({ Name, Value })),
      },
      Period: q.period,
      Stat: q.stat,
    },
    ReturnData: true,
  };
}

async function readBatch(client: Pick<CloudWatchClient, "send">, qs: SeriesQuery[], r: { start: number; end: number }, logger?: Logger): Promise<SeriesResult[]> {
  const points: Datapoint[][] = qs.map(() => []);
  const errors: (string | undefined)[] = qs.map(() => undefined);
  const queries = qs.map((q, i) => toQuery(q, `q${i}`));
  let token: string | undefined;
  try {
    do {
      const out = await client.send(
        new GetMetricDataCommand({
          MetricDataQueries: queries,
          StartTime: new Date(r.start),
          EndTime: new Date(r.end),
          ScanBy: "TimestampAscending",
          ...(token ? { NextToken: token } : {}),
        }),
      );
      for (const m of out.Messages ?? []) logger?.warn(`CloudWatch: ${m.Code ?? ""} ${m.Value ?? ""}`.trim());
      for (const res of out.MetricDataResults ?? []) {
        const i = Number((res.Id ?? "").slice(1));
        if (!Number.isInteger(i) || i < 0 || i >= qs.length) continue;
        const ts = res.Timestamps ?? [];
        const vs = res.Values ?? [];
        const into = points[i]!;
        for (let k = 0; k < ts.length && k < vs.length; k++) {
          const t = ts[k]!;
          into.push({ t: t instanceof Date ? t.getTime() : +new Date(t), value: vs[k]! });
        }
        if (res.StatusCode === "InternalError" || res.StatusCode === "Forbidden") {
          errors[i] = `CloudWatch ${res.StatusCode}${res.Messages?.length ? `: ${res.Messages.map((m) => m.Value).join("; ")}` : ""}`;
        }
      }
      token = out.NextToken;
    } while (token);
  } catch (err) {
    const message = describeError(toExternalError(err, "GetMetricData"));
    return qs.map((q) => ({ id: q.id, points: [], error: message }));
  }
  return qs.map((q, i) => {
    const sorted = dedupe(points[i]!);
    return errors[i] !== undefined ? { id: q.id, points: sorted, error: errors[i] } : { id: q.id, points: sorted };
  });
}

/** Oldest first, one point per timestamp (a repeated timestamp across pages: the last wins). */
function dedupe(points: Datapoint[]): Datapoint[] {
  // Asked TimestampAscending, CloudWatch answers in order: then there is nothing to do.
  let ordered = true;
  for (let k = 1; k < points.length && ordered; k++) ordered = points[k]!.t > points[k - 1]!.t;
  if (ordered) return points;
  const m = new Map<number, number>();
  for (const p of points) m.set(p.t, p.value);
  return [...m].map(([t, value]) => ({ t, value })).sort((a, b) => a.t - b.t);
}

async function runLimited(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

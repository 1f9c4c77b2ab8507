/**
 * A monitor run over 10,000 series of 2,016 points (14 days at 10 minutes): 2,500 models x 4 checks,
 * read through the real CloudWatch adapter from a fake CloudWatch that answers GetMetricData like the
 * API (pages at 100,800 datapoints) and counts calls, evaluated with the detection engine on worker
 * threads (workerEvaluator, as the CLI and the monitor action run it), remediated against the
 * in-memory Scm, which counts GitHub calls. Asserts that GetMetricData calls equal the
 * minimum max(ceil(series/500), ceil(points/100,800)), and shows that GitHub calls follow the number
 * of findings, not of models. A second 10,000-series run has 10% of its series missing (no
 * datapoint in the window) or stale (the newest 6 hours old): it asserts that the GetMetricData calls
 * stay within the minimum for the points the calls ask for, and that every injected gap is reported as
 * a no-data or stale outcome (and no other series is). `npx tsx bench/monitor.ts`, or `npm run bench monitor`.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import type { GetMetricDataCommandInput, GetMetricDataCommandOutput } from "@aws-sdk/client-cloudwatch";
import { cloudWatchMetricSource } from "../src/adapters/aws/cloudwatch-metric-source.js";
import { silentLogger } from "../src/adapters/log/console-logger.js";
import { workerEvaluator } from "../src/adapters/detect/worker-evaluator.js";
import { runMonitor, type EvaluateAll } from "../src/commands/monitor.js";
import { minimumCalls } from "../src/core/monitor/pack-batches.js";
import type { EvaluateCheck } from "../src/core/detect/types.js";
import type { ModelSpec, MonitoringCheck, PolicySpec, RepoState } from "../src/core/types.js";
import type { EventBus, RepoFiles } from "../src/ports.js";
import { aModelSpec, aPolicySpec, aVersionSpec } from "../test/support/builders.js";
import { inMemoryScm } from "../test/support/in-memory-scm.js";
import type { BenchRow } from "./types.js";

const PERIOD = 600;
const WINDOW = 14 * 86_400;
const POINTS = WINDOW / PERIOD;
const NOW = Date.parse("2026-11-26T06:00:00Z");
const METRICS = ["accuracy", "latency", "errors", "invocations"] as const;
/** The CloudWatch metric each check reads (one check per metric). */
const METRIC_NAMES: Record<(typeof METRICS)[number], string> = { accuracy: "Accuracy", latency: "ModelLatency", errors: "Invocation5XXErrors", invocations: "Invocations" };
const modelName = (i: number) => `model-${String(i).padStart(5, "0")}`;

const check = (metric: string, over: Partial<MonitoringCheck>): MonitoringCheck => ({ id: metric, metric, metrics: [metric], detectors: [], threshold: {}, sustained: 3, severity: "warning", compareVariants: true, ...over });

const POLICY: PolicySpec = aPolicySpec({
  monitoring: {
    checks: [
      check("accuracy", { threshold: { min: 0.9 }, severity: "critical" }),
      check("latency", { threshold: { max: 250_000 }, sustained: 2 }),
      check("errors", { threshold: { max: 50 }, severity: "critical", sustained: 2 }),
      check("invocations", { severity: "info" }),
    ],
    recovery: 7200,
  },
  remediation: {
    rules: [
      { when: { severity: "critical", metric: "accuracy" }, do: ["rollback-pr", "issue", "event"] },
      { when: { metric: "latency" }, do: ["scale-pr", "issue"] },
    ],
    cooldown: 86_400,
  },
});

function repo(models: number): RepoState {
  const specs: ModelSpec[] = Array.from({ length: models }, (_, i) => {
    const name = modelName(i);
    const dims = { EndpointName: `${name}-prod`, VariantName: "AllTraffic" };
    return aModelSpec({
      name,
      owners: ["@acme/ml"],
      monitoring: {
        window: WINDOW,
        period: PERIOD,
        metrics: {
          accuracy: { namespace: "Acme/ModelQuality", metric: "Accuracy", dimensions: { Model: name }, stat: "Average" },
          latency: { namespace: "AWS/SageMaker", metric: "ModelLatency", dimensions: dims, stat: "p99" },
          errors: { namespace: "AWS/SageMaker", metric: "Invocation5XXErrors", dimensions: dims, stat: "Sum" },
          invocations: { namespace: "AWS/SageMaker", metric: "Invocations", dimensions: dims, stat: "Sum" },
        },
      },
    });
  });
  const versions = specs.flatMap((m) => ["6", "7"].map((v) => aVersionSpec({ model: m.name, version: v, lineage: { parent: String(Number(v) - 1) } })));
  return { models: specs, versions, policies: [POLICY], pointers: new Map() };
}

/** A deterministic value per series and bucket: a daily cycle plus noise; failing models' accuracy slides at the end. */
function value(metric: string, model: number, k: number, failing: boolean): number {
  const h = Math.sin(model * 12.9898 + k * 78.233) * 43758.5453;
  const noise = h - Math.floor(h) - 0.5; // a hash of (model, bucket), uniform in [-0.5, 0.5)
  const day = Math.sin((k / 144) * 2 * Math.PI);
  const tail = Math.max(0, k - (POINTS - 24)) / 24;
  switch (metric) {
    case "Accuracy":
      return 0.94 + 0.002 * day + 0.003 * noise - (failing ? 0.08 * tail : 0);
    case "ModelLatency":
      return 80_000 + 20_000 * day + 4_000 * noise;
    case "Invocation5XXErrors":
      return Math.max(0, Math.round(3 + 2 * noise));
    default:
      return 30_000 + 20_000 * day + 1_500 * noise;
  }
}

/** Series a run injects as missing (no datapoint at all) or stale (nothing in the last STALE_BUCKETS periods). */
type Gaps = Map<string, "missing" | "stale">;
const STALE_BUCKETS = 36; // 6 hours of 10 minutes: older than the freshness limit (2 periods + SageMaker's 5 minutes)
const gapKey = (model: number, metric: string) => `${model}/${metric}`;

/**
 * GetMetricData as CloudWatch answers it: the buckets that have data, ascending, paged at
 * MaxDatapoints (100,800) across the queries of a call. A series without data is an empty, Complete
 * result; a stale one has no bucket after its last datapoint.
 */
function fakeCloudWatch(failingModels: Set<number>, gaps: Gaps = new Map()) {
  const stats = { calls: 0, points: 0 };
  const send = async (command: { input: GetMetricDataCommandInput }): Promise<GetMetricDataCommandOutput> => {
    stats.calls++;
    const input = command.input;
    const start = +input.StartTime!;
    const end = +input.EndTime!;
    const queries = input.MetricDataQueries!;
    // NextToken: the query to go on with and how many of its points were returned already
    let [qi, skip] = input.NextToken ? input.NextToken.split(":").map(Number) as [number, number] : [0, 0];
    const results: NonNullable<GetMetricDataCommandOutput["MetricDataResults"]> = [];
    let room = input.MaxDatapoints ?? 100_800;
    let next: string | undefined;
    for (; qi < queries.length; qi++, skip = 0) {
      if (room === 0) {
        next = `${qi}:0`;
        break;
      }
      const stat = queries[qi]!.MetricStat!;
      const p = stat.Period! * 1000;
      const model = Number((stat.Metric!.Dimensions!.find((d) => d.Name === "Model" || d.Name === "EndpointName")!.Value!.match(/\d+/) ?? ["0"])[0]);
      const gap = gaps.get(gapKey(model, stat.Metric!.MetricName!));
      const buckets = Math.ceil((end - start) / p);
      // a series without data is still answered, empty and complete; a stale one stops early
      const n = gap === "missing" ? 0 : gap === "stale" ? Math.max(0, buckets - STALE_BUCKETS) : buckets;
      const take = Math.min(n - skip, room);
      const ts: Date[] = new Array(take);
      const vs: number[] = new Array(take);
      for (let j = 0; j < take; j++) {
        ts[j] = (start + (skip + j) * p) as unknown as Date; // numbers stand in for Dates: the adapter only does +new Date(x)
        vs[j] = value(stat.Metric!.MetricName!, model, skip + j, failingModels.has(model));
      }
      stats.points += take;
      const partial = skip + take < n;
      results.push({ Id: queries[qi]!.Id!, Timestamps: ts, Values: vs, StatusCode: partial ? "PartialData" : "Complete" });
      room -= take;
      if (partial) {
        next = `${qi}:${skip + take}`;
        break;
      }
    }
    return { $metadata: {}, MetricDataResults: results, ...(next ? { NextToken: next } : {}) };
  };
  return { client: { send } as never, stats };
}

function files(): RepoFiles {
  const text = (m: string) => `apiVersion: steward/v1\nkind: Model\nname: ${m}\nstages:\n  production: "7"\ndeployment:\n  sagemaker:\n    instanceCount: 2\n`;
  return {
    list: async () => [],
    read: async (p) => new TextEncoder().encode(text(p.split("/")[1]!)),
    stat: async () => undefined,
    resolve: async (p) => p,
    write: async () => {},
  };
}

/** Threshold only: for the runs that count GitHub calls, where detection time is not the point. */
const thresholdOnly: EvaluateCheck = (series, c) => {
  let run = 0;
  for (let i = series.length - 1; i >= 0; i--) {
    const v = series[i]!.value;
    if ((c.threshold.min !== undefined && v < c.threshold.min) || (c.threshold.max !== undefined && v > c.threshold.max)) run++;
    else break;
  }
  const bad = run >= c.sustained;
  const latest = series[series.length - 1];
  return { checkId: c.id, metric: c.metric, status: bad ? "breach" : "ok", severity: c.severity, score: bad ? 1 : 0, fired: bad ? ["threshold"] : [], sustainedPoints: run, ...(latest ? { latest } : {}), evidence: series.slice(-60), summary: bad ? `${c.metric} out of bounds` : "ok" };
};

/** The detect worker, bundled as scripts/build.mjs bundles it beside dist/cli.js (not timed), so the workers run plain JavaScript. */
async function detectWorkerUrl(): Promise<URL> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), "steward-bench-")), "detect-worker.mjs");
  await build({ entryPoints: [path.join(root, "src/adapters/detect/detect-worker.ts")], bundle: true, format: "esm", platform: "node", outfile, logLevel: "warning" });
  return pathToFileURL(outfile);
}

async function once(models: number, failing: number, evaluation: { evaluateCheck: EvaluateCheck } | { evaluateAll: EvaluateAll }, gaps: Gaps = new Map()) {
  const failingModels = new Set(Array.from({ length: failing }, (_, i) => Math.floor((i * models) / failing)));
  const cw = fakeCloudWatch(failingModels, gaps);
  const scm = inMemoryScm({ now: () => new Date(NOW) });
  const events: EventBus = { publish: async () => {} };
  const state = repo(models);
  const source = cloudWatchMetricSource({ client: cw.client });
  let readMs = 0;
  let detectMs = 0;
  const metrics = { read: async (...args: Parameters<typeof source.read>) => { const t = performance.now(); try { return await source.read(...args); } finally { readMs += performance.now() - t; } } };
  const timed =
    "evaluateAll" in evaluation
      ? { evaluateAll: (async (jobs) => { const t = performance.now(); try { return await evaluation.evaluateAll(jobs); } finally { detectMs += performance.now() - t; } }) satisfies EvaluateAll }
      : { evaluateCheck: ((...args) => { const t = performance.now(); try { return evaluation.evaluateCheck(...args); } finally { detectMs += performance.now() - t; } }) satisfies EvaluateCheck };
  const t0 = performance.now();
  const report = await runMonitor(
    { metrics, files: files(), logger: silentLogger, scm, events, ...timed, load: async () => ({ state, findings: [], fileCount: 0 }) },
    { now: new Date(NOW) },
  );
  const seconds = (performance.now() - t0) / 1000;
  const githubCalls = Object.values(scm.calls).reduce((s, n) => s + (n ?? 0), 0);
  const series = models * METRICS.length;
  const outcomes: Record<string, number> = {};
  for (const c of report.coverage) outcomes[c.outcome] = (outcomes[c.outcome] ?? 0) + 1;
  const gapRows = report.coverage.filter((c) => c.outcome === "no-data" || c.outcome === "stale").map((c) => `${c.model}/${c.check}:${c.outcome}`);
  return { seconds, readSeconds: readMs / 1000, detectSeconds: detectMs / 1000, series, cw: cw.stats, minimum: minimumCalls(new Array(series).fill(POINTS)), githubCalls, findings: report.findings.length, calls: scm.calls, outcomes, gapRows, status: report.status };
}

/** Every tenth series of a 10,000-series run, spread over models and metrics: half missing, half stale. */
function injectedGaps(models: number): Gaps {
  const gaps: Gaps = new Map();
  for (let s = 0; s < models * METRICS.length; s++) {
    const slot = (s * 7) % 20; // a stride coprime with 20 spreads the gaps over every metric
    if (slot !== 3 && slot !== 13) continue;
    const model = Math.floor(s / METRICS.length);
    gaps.set(gapKey(model, METRIC_NAMES[METRICS[s % METRICS.length]!]), slot === 3 ? "missing" : "stale");
  }
  return gaps;
}

/**
 * 10,000 series, every tenth missing or stale: the calls stay within the minimum for the points asked
 * for, and every injected gap (and nothing else) is reported as no-data or stale. Throws otherwise.
 */
export async function runGaps(): Promise<BenchRow[]> {
  const gaps = injectedGaps(2500);
  const gappy = await once(2500, 25, { evaluateCheck: thresholdOnly }, gaps);
  // each injected series as the coverage row it must become: <model>/<check>:<no-data|stale>
  const checkOf = new Map(METRICS.map((m) => [METRIC_NAMES[m], m]));
  const expected = [...gaps].map(([k, kind]) => {
    const [model, metric] = k.split("/") as [string, string];
    return `${modelName(Number(model))}/${checkOf.get(metric)}:${kind === "missing" ? "no-data" : "stale"}`;
  }).sort();
  const reported = [...gappy.gapRows].sort();
  if (reported.length !== expected.length || reported.some((r, i) => r !== expected[i])) throw new Error(`gaps reported ${reported.length} != injected ${expected.length}`);
  if (gappy.cw.calls > gappy.minimum) throw new Error(`GetMetricData calls ${gappy.cw.calls} > minimum ${gappy.minimum} with gaps`);
  const returnedMinimum = Math.max(Math.ceil(gappy.series / 500), Math.ceil(gappy.cw.points / 100_800));
  return [
    { name: "monitor run, 10,000 series, 10% missing or stale", value: gappy.seconds, unit: "s", note: `threshold-only; outcomes ${JSON.stringify(gappy.outcomes)}; exit ${gappy.status.exitCode}; read ${gappy.readSeconds.toFixed(1)} s, evaluate ${gappy.detectSeconds.toFixed(1)} s` },
    { name: "  GetMetricData calls with 10% gaps", value: gappy.cw.calls, unit: "calls", note: `minimum for the points asked ${gappy.minimum}; ${gappy.cw.points.toLocaleString("en")} points returned (the bound ${returnedMinimum} of that total is out of reach: which series are empty is known only from the answers, and each batch of 500 still fills its pages)` },
    { name: "  gaps reported / injected", value: reported.length, unit: "series", note: `${expected.length} injected (${[...gaps.values()].filter((g) => g === "missing").length} missing, ${[...gaps.values()].filter((g) => g === "stale").length} stale), every one reported as no-data or stale` },
  ];
}

export async function run(): Promise<BenchRow[]> {
  const workers = Math.max(2, os.availableParallelism() - 1);
  const big = await once(2500, 25, { evaluateAll: workerEvaluator({ workerUrl: await detectWorkerUrl(), workers }) });
  if (big.cw.calls !== big.minimum) throw new Error(`GetMetricData calls ${big.cw.calls} != minimum ${big.minimum}`);
  const moreFindings = await once(2500, 50, { evaluateCheck: thresholdOnly });
  const fewerModels = await once(1250, 25, { evaluateCheck: thresholdOnly });
  const note = (r: typeof big) => `${r.series} series, ${r.findings} findings`;
  return [
    { name: "monitor run, 10,000 series x 2,016 points", value: big.seconds, unit: "s", note: `read + detect + plan + act; ${big.cw.points.toLocaleString("en")} points` },
    { name: "  of which CloudWatch read (adapter + fake)", value: big.readSeconds, unit: "s" },
    { name: "  of which detection (worker threads)", value: big.detectSeconds, unit: "s", note: `every detector the policy names; ${workers} workers on ${os.availableParallelism()} cores` },
    { name: "  plan + act (GitHub in memory)", value: big.seconds - big.readSeconds - big.detectSeconds, unit: "s" },
    { name: "GetMetricData calls", value: big.cw.calls, unit: "calls", note: `minimum max(ceil(10000/500), ceil(20,160,000/100,800)) = ${big.minimum}` },
    { name: "GitHub calls, 2,500 models, 25 failing", value: big.githubCalls, unit: "calls", note: `${note(big)}; ${JSON.stringify(big.calls)}` },
    { name: "monitor run, 10,000 series, threshold-only evaluation", value: moreFindings.seconds, unit: "s", note: "the same run without the detectors" },
    { name: "GitHub calls, 2,500 models, 50 failing", value: moreFindings.githubCalls, unit: "calls", note: note(moreFindings) },
    { name: "GitHub calls, 1,250 models, 25 failing", value: fewerModels.githubCalls, unit: "calls", note: `${note(fewerModels)} (same findings, half the models)` },
    ...(await runGaps()),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const r of await run()) console.log(`${r.name.padEnd(44)} ${String(Number(r.value.toFixed(2))).padStart(8)} ${r.unit.padEnd(6)} ${r.note ?? ""}`);
}

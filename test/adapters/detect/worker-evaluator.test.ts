import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { chunk, workerEvaluator } from "../../../src/adapters/detect/worker-evaluator.js";
import { fileMetricSource } from "../../../src/adapters/fs/file-metric-source.js";
import { fsRepoFiles } from "../../../src/adapters/fs/repo-files.js";
import { silentLogger } from "../../../src/adapters/log/console-logger.js";
import { evaluateJobs, runMonitor, type EvaluationJob } from "../../../src/commands/monitor.js";
import type { MonitoringCheck } from "../../../src/core/types.js";
import type { Datapoint } from "../../../src/ports.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const PERIOD = 600;
const T0 = Date.parse("2026-11-01T00:00:00Z");

let dir: string;
let workerUrl: URL;

// The worker bundle as scripts/build.mjs writes it beside dist/cli.js, built into a temp folder (.mjs: no package.json there).
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "steward-detect-worker-"));
  const outfile = join(dir, "detect-worker.mjs");
  await build({ entryPoints: [join(ROOT, "src/adapters/detect/detect-worker.ts")], bundle: true, platform: "node", format: "esm", outfile, logLevel: "warning" });
  workerUrl = pathToFileURL(outfile);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const check = (over: Partial<MonitoringCheck>): MonitoringCheck => ({ id: "m", metric: "m", metrics: ["m"], detectors: [], threshold: {}, sustained: 3, severity: "warning", compareVariants: true, ...over });

/** A deterministic series: a daily cycle plus hashed noise, with a late step on some, gaps, NaNs and -0 on others. */
function series(seed: number, n: number): Datapoint[] {
  const out: Datapoint[] = [];
  for (let k = 0; k < n; k++) {
    if (seed % 5 === 1 && k % 97 === 13) continue; // gaps
    const h = Math.sin(seed * 12.9898 + k * 78.233) * 43758.5453;
    const noise = h - Math.floor(h) - 0.5;
    let value = 100 + 20 * Math.sin((k / 144) * 2 * Math.PI) + 3 * noise + (seed % 4 === 0 && k > n - 8 ? 60 : 0);
    if (seed % 7 === 3 && k % 50 === 7) value = NaN;
    if (seed % 11 === 5 && k === n - 20) value = -0;
    out.push({ t: T0 + k * PERIOD * 1000, value });
  }
  return out;
}

/** 230 jobs: single-metric checks (ensemble, named detectors, thresholds), multi-metric ones, and edge cases. */
function jobs(): EvaluationJob[] {
  const opts = { periodSeconds: PERIOD };
  const out: EvaluationJob[] = [];
  for (let s = 0; s < 230; s++) {
    if (s % 10 === 9) {
      const detectors = s % 20 === 9 ? [{ name: "correlation-break", params: { window: 48, reference: 120 } }] : [{ name: "mahalanobis", params: { window: 100 } }];
      const metrics = s % 20 === 9 ? ["latency", "invocations"] : ["latency", "invocations", "errors"];
      const seriesByMetric = Object.fromEntries(metrics.map((m, i) => [m, series(s * 3 + i, 300)]));
      out.push({ kind: "multi", seriesByMetric, check: check({ id: `pair-${s}`, metric: metrics[0]!, metrics, threshold: {}, compareVariants: false, detectors }), opts });
      continue;
    }
    const detectors = s % 3 === 1 ? [{ name: "zscore", params: {} }, { name: "iqr", params: { window: 50 } }] : [];
    const threshold = s % 3 === 2 ? { max: 140 } : {};
    const n = s === 0 ? 0 : s === 1 ? 5 : 300;
    out.push({ kind: "single", series: series(s, n), check: check({ id: `c-${s}`, detectors, threshold, sustained: 1 + (s % 3) }), opts });
  }
  return out;
}

describe("workerEvaluator", () => {
  it("gives the same verdicts as the in-thread engine, in job order", async () => {
    const all = jobs();
    const expected = evaluateJobs(all);
    expect(new Set(expected.map((v) => v.status))).toEqual(new Set(["ok", "anomaly", "breach", "insufficient-data"]));
    const warn = vi.fn();
    const got = await workerEvaluator({ workerUrl, workers: 2, logger: { warn } })(all);
    expect(got).toStrictEqual(expected);
    expect(warn).not.toHaveBeenCalled();
  });

  it("keeps the order with uneven chunks, and evaluates jobs with non-numeric points in-thread", async () => {
    const all = jobs().slice(0, 9);
    const odd = all[4] as Extract<EvaluationJob, { kind: "single" }>;
    odd.series = odd.series.map((p, i) => (i === odd.series.length - 3 ? { t: p.t, value: "7" as unknown as number } : p)); // as a metric file can give
    const got = await workerEvaluator({ workerUrl, workers: 4, minJobs: 0 })(all);
    expect(got).toStrictEqual(evaluateJobs(all));
  });

  it("evaluates in-thread when the worker bundle is absent (running from source)", async () => {
    const all = jobs().slice(0, 20);
    const got = await workerEvaluator({ workerUrl: pathToFileURL(join(dir, "absent.mjs")), workers: 2, minJobs: 0 })(all);
    expect(got).toStrictEqual(evaluateJobs(all));
  });

  it("falls back to in-thread for a chunk whose worker fails, and says so", async () => {
    const bad = join(dir, "bad-worker.mjs");
    writeFileSync(bad, `throw new Error("boom");\n`);
    const warn = vi.fn();
    const all = jobs().slice(0, 6);
    const got = await workerEvaluator({ workerUrl: pathToFileURL(bad), workers: 2, minJobs: 0, logger: { warn } })(all);
    expect(got).toStrictEqual(evaluateJobs(all));
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0]![0]).toMatch(/detection worker failed \(.*boom.*\); evaluating its 3 checks in-thread/);
  });

  it("gives runMonitor the same report on the sample repository", async () => {
    const deps = { metrics: fileMetricSource(join(ROOT, "samples/metrics"), { replay: true }), files: fsRepoFiles(ROOT), logger: silentLogger };
    const opts = { now: new Date("2026-11-26T12:00:00Z"), dryRun: true };
    const inThread = await runMonitor(deps, opts);
    const seen: string[][] = [];
    const warn = vi.fn();
    const evaluator = workerEvaluator({ workerUrl, workers: 2, minJobs: 0, logger: { warn } });
    const onWorkers = await runMonitor({ ...deps, evaluateAll: async (js) => (seen.push(js.map((j) => j.check.id)), evaluator(js)) }, opts);
    // One call, one detection job per evaluated (model, check, variant) of the coverage (which lists findings first). Not jobs: the
    // data-drift check (its own statistics) and a split's per-version series read only for the comparison between
    // variants (the check itself runs on the model's series; the versions are compared by the split comparison).
    const comparisonOnly = (r: (typeof inThread.coverage)[number]) => r.variant !== undefined && inThread.models.some((m) => m.model === r.model && m.checks.some((c) => c.check === `${r.check}@${r.variant}` && c.summary === "read for the comparison between variants"));
    const detection = inThread.coverage.filter((r) => r.check !== "drift" && !comparisonOnly(r));
    expect(detection.filter((r) => r.variant !== undefined).length).toBeGreaterThan(0); // per-variant checks of the split are jobs
    expect(inThread.coverage.some(comparisonOnly)).toBe(true);
    expect(seen.length).toBe(1);
    expect([...seen[0]!].sort()).toEqual(detection.map((r) => r.check).sort());
    expect(inThread.findings.length).toBeGreaterThan(0);
    expect(onWorkers).toStrictEqual(inThread);
    expect(warn).not.toHaveBeenCalled();
  });
});

describe("chunk", () => {
  it("splits into contiguous chunks whose sizes differ by at most one", () => {
    expect(chunk([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5], [6, 7]]);
    expect(chunk([1, 2], 4)).toEqual([[1], [2]]);
    expect(chunk([], 2)).toEqual([]);
  });
});

#!/usr/bin/env node
// Writes samples/metrics/<model>/<metric>.csv: the embedded metric files of the sample repository,
// 14 days at each model's monitoring period, deterministic (seeded). One model degrades:
// fraud-detection's accuracy slides below its 0.9 threshold over the last hours while its latency
// rises under the daily traffic cycle; churn-prediction stays healthy; demand-forecasting's split has
// per-variant files (<metric>@<version>.csv), and its 2026.11 variant's latency climbs above the
// policy's 500 ms over the last hours (a per-variant finding, latency@2026.11) while 2026.10 stays healthy.
// Usage: node scripts/make-sample-metrics.mjs [--out DIR] [--end ISO]
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { rng } from "./seeded-random.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const OUT = arg("--out", "samples/metrics");
const END = Date.parse(arg("--end", "2026-11-26T00:00:00Z"));
const DAYS = 14;
const HOUR = 3_600_000;


/** Traffic shape in [0.25, 1]: trough at 03:00 UTC, peak mid-afternoon, a bit lower on weekends. */
function traffic(t) {
  const d = new Date(t);
  const hour = d.getUTCHours() + d.getUTCMinutes() / 60;
  const daily = 0.5 - 0.5 * Math.cos(((hour - 3) / 24) * 2 * Math.PI);
  const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6 ? 0.8 : 1;
  return (0.25 + 0.75 * daily) * weekend;
}

/** 0 before `hours` before the end, rising smoothly to 1 at the end (the degradation ramp). */
function ramp(t, hours) {
  const x = (t - (END - hours * HOUR)) / (hours * HOUR);
  return x <= 0 ? 0 : x >= 1 ? 1 : x * x * (3 - 2 * x);
}

function timestamps(periodMinutes) {
  const p = periodMinutes * 60_000;
  const n = (DAYS * 24 * 60) / periodMinutes;
  return Array.from({ length: n }, (_, i) => END - (n - i) * p);
}

function write(model, metric, rows, digits) {
  mkdirSync(join(OUT, model), { recursive: true });
  const lines = ["timestamp,value", ...rows.map(([t, v]) => `${new Date(t).toISOString()},${v === undefined ? "" : v.toFixed(digits)}`)];
  writeFileSync(join(OUT, model, `${metric}.csv`), `${lines.join("\n")}\n`);
}

// fraud-detection: 10-minute period, degrading over the last 8 hours.
{
  const r = rng(7);
  const ts = timestamps(10);
  write("fraud-detection", "accuracy", ts.map((t) => [t, 0.942 + 0.003 * Math.sin((t / (24 * HOUR)) * 2 * Math.PI) + 0.0025 * r.normal() - 0.075 * ramp(t, 8)]), 4);
  write("fraud-detection", "latency", ts.map((t) => [t, (62_000 + 38_000 * traffic(t)) * (1 + 2.4 * ramp(t, 6) * (0.4 + traffic(t))) * (1 + 0.05 * r.normal())]), 0);
  write("fraud-detection", "invocations", ts.map((t) => [t, Math.max(0, 48_000 * traffic(t) * (1 + 0.03 * r.normal()))]), 0);
  write("fraud-detection", "errors", ts.map((t) => [t, Math.max(0, Math.round(1.5 + 2 * traffic(t) + 1.2 * r.normal() + 6 * ramp(t, 3)))]), 0);
}

// churn-prediction: hourly, healthy; two hours of missing AUC (the quality job did not run).
{
  const r = rng(11);
  const ts = timestamps(60);
  write("churn-prediction", "auc", ts.map((t, i) => [t, i === 200 || i === 201 ? undefined : 0.812 + 0.003 * r.normal()]), 4);
  write("churn-prediction", "latency", ts.map((t) => [t, (31_000 + 14_000 * traffic(t)) * (1 + 0.04 * r.normal())]), 0);
}

// demand-forecasting: hourly, serving a split of 2026.10 (80 %) and 2026.11 (20 %); 2026.11 slows over the last 6 hours.
{
  const r = rng(23);
  const ts = timestamps(60);
  const variants = [
    { version: "2026.10", weight: 0.8, mape: 0.112, slows: 0 },
    { version: "2026.11", weight: 0.2, mape: 0.106, slows: 8 },
  ];
  const per = variants.map((v) => ({
    ...v,
    mape: ts.map((t) => [t, v.mape + 0.004 * Math.sin((t / (7 * 24 * HOUR)) * 2 * Math.PI) + 0.005 * r.normal()]),
    latency: ts.map((t) => [t, (95_000 + 40_000 * traffic(t)) * (1 + 0.05 * r.normal()) * (1 + v.slows * ramp(t, 6))]),
    invocations: ts.map((t) => [t, Math.max(0, 5_200 * v.weight * traffic(t) * (1 + 0.04 * r.normal()))]),
  }));
  for (const v of per) {
    write("demand-forecasting", `mape@${v.version}`, v.mape, 4);
    write("demand-forecasting", `latency@${v.version}`, v.latency, 0);
    write("demand-forecasting", `invocations@${v.version}`, v.invocations, 0);
  }
  const whole = (k, combine) => ts.map((t, i) => [t, combine(per.map((v) => v[k][i][1]))]);
  write("demand-forecasting", "mape", whole("mape", (xs) => xs.reduce((s, x, i) => s + x * variants[i].weight, 0)), 4);
  write("demand-forecasting", "latency", whole("latency", (xs) => Math.max(...xs)), 0);
  write("demand-forecasting", "invocations", whole("invocations", (xs) => xs.reduce((s, x) => s + x, 0)), 0);
}

console.log(`wrote sample metrics to ${OUT} (ending ${new Date(END).toISOString()})`);

/**
 * Detection benchmarks: every detector's throughput, the default ensemble over 10,000 series x
 * 2,016 points on all cores (worker_threads), and the drift tests on two samples of 100,000 values
 * timed side by side with SciPy on the same data. `npx tsx bench/detect.ts`, or `run()` from `npm run bench`.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { detectors } from "../src/core/detect/registry.js";
import { scoreSeries } from "../src/core/detect/score-series.js";
import { benchSeries } from "./detect-series.js";
import { runEnsembleOnWorkers } from "./detect-workers.js";
import { timeDriftTests } from "./detect-drift.js";

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

function detectorThroughput(): BenchRow[] {
  const n = 20_000;
  const points = benchSeries(n, 1);
  return Object.keys(detectors).map((name) => {
    scoreSeries(points.slice(0, 2000), [{ name, params: {} }]); // warm up the JIT
    const t0 = performance.now();
    scoreSeries(points, [{ name, params: {} }]);
    const s = (performance.now() - t0) / 1000;
    return { name: `detect: ${name} throughput`, value: Math.round(n / s), unit: "points/s", note: `${n} points, default parameters` };
  });
}

export async function run(): Promise<BenchRow[]> {
  const rows = detectorThroughput();
  rows.push(...(await runEnsembleOnWorkers({ series: 10_000, points: 2016 })));
  rows.push(...timeDriftTests(100_000));
  return rows;
}

const here = fileURLToPath(import.meta.url);
if (process.argv[1] && path.resolve(process.argv[1]) === here) {
  const rows = await run();
  const w = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) console.log(`${r.name.padEnd(w)}  ${String(r.value).padStart(12)} ${r.unit}${r.note ? `  (${r.note})` : ""}`);
}

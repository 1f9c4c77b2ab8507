import { build } from "esbuild";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { BenchRow } from "./detect.js";

const WORKER = `
import { parentPort, workerData } from "node:worker_threads";
import { scoreSeries, DEFAULT_DETECTORS, benchSeries } from "./engine.mjs";
const { from, to, points } = workerData;
let alarms = 0;
for (let s = from; s < to; s++) {
  const scores = scoreSeries(benchSeries(points, s + 1), DEFAULT_DETECTORS);
  for (const v of scores) if (v >= 0.5) alarms++;
}
parentPort.postMessage({ alarms });
`;

/**
 * Scores `series` synthetic series of `points` points with the default detectors, split evenly
 * over one worker thread per core. The engine is bundled by esbuild first (not timed) so the
 * workers run plain JavaScript, as the bundled CLI and actions do.
 */
export async function runEnsembleOnWorkers(o: { series: number; points: number }): Promise<BenchRow[]> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const dir = mkdtempSync(path.join(os.tmpdir(), "steward-bench-"));
  const entry = path.join(dir, "entry.ts");
  writeFileSync(
    entry,
    `export { scoreSeries } from ${JSON.stringify(path.join(root, "src/core/detect/score-series.ts"))};
export { DEFAULT_DETECTORS } from ${JSON.stringify(path.join(root, "src/core/detect/default-config.ts"))};
export { benchSeries } from ${JSON.stringify(path.join(root, "bench/detect-series.ts"))};`,
  );
  await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "node", outfile: path.join(dir, "engine.mjs"), logLevel: "warning" });
  writeFileSync(path.join(dir, "worker.mjs"), WORKER);
  const cores = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const per = Math.ceil(o.series / cores);
  const results = await Promise.all(
    Array.from({ length: cores }, (_, k) => {
      const w = new Worker(path.join(dir, "worker.mjs"), { workerData: { from: k * per, to: Math.min(o.series, (k + 1) * per), points: o.points } });
      return new Promise<{ alarms: number }>((resolve, reject) => {
        w.once("message", (m) => {
          resolve(m);
          void w.terminate();
        });
        w.once("error", reject);
      });
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  rmSync(dir, { recursive: true, force: true }); // the bundled engine is not needed after the run
  const cpu = process.cpuUsage(c0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const total = o.series * o.points;
  const alarms = results.reduce((s, r) => s + r.alarms, 0);
  return [
    { name: "detect: default ensemble, 10,000 x 2,016 points", value: Number(wall.toFixed(2)), unit: "s wall", note: `${cores} worker threads, target < 30 s` },
    {
      name: "detect: default ensemble, CPU time / cores",
      value: Number((cpuSeconds / cores).toFixed(2)),
      unit: "s",
      note: `${cpuSeconds.toFixed(1)} CPU s over ${cores} cores: the wall time on an otherwise idle machine; load average ${os.loadavg()[0]!.toFixed(1)}`,
    },
    { name: "detect: default ensemble throughput", value: Math.round(total / wall), unit: "points/s", note: `${alarms} alarms` },
  ];
}

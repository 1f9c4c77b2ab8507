// Benchmark: start-up of each bundled action (node running actions/<name>/dist/index.js) and of the CLI.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { BenchRow } from "./types.js";

const root = new URL("../", import.meta.url).pathname;

function best(args: string[], env: Record<string, string>, runs = 5): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [{ name: "CLI start-up (steward --help)", value: best(["bin/steward.js", "--help"], {}), unit: "ms" }];
  for (const name of ["validate", "model-card", "plan", "apply", "monitor"]) {
    const bundle = `actions/${name}/dist/index.js`;
    if (!existsSync(root + bundle)) continue;
    // An empty root makes every action stop early: this measures loading the bundle, not the work.
    rows.push({ name: `action ${name}: load and first output`, value: best([bundle], { INPUT_ROOT: "/nonexistent-steward-root", GITHUB_ACTIONS: "" }), unit: "ms" });
  }
  return rows;
}

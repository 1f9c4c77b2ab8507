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
  // The target (issue #13): the CLI and every action reach their first line of work within 300 ms of `node -e 0`.
  const node = best(["-e", "0"], {});
  const version = best(["bin/steward.js", "--version"], {});
  const rows: BenchRow[] = [
    { name: "node -e 0 (the baseline)", value: node, unit: "ms" },
    { name: "CLI start-up (steward --version)", value: version, unit: "ms" },
    { name: "CLI start-up over node -e 0 (target <= 300)", value: version - node, unit: "ms" },
    { name: "CLI start-up (steward --help)", value: best(["bin/steward.js", "--help"], {}), unit: "ms" },
    { name: "CLI validate --help (loads the validate chunks)", value: best(["bin/steward.js", "validate", "--help"], {}), unit: "ms" },
  ];
  for (const name of ["validate", "model-card", "plan", "apply", "monitor", "chatops"]) {
    const bundle = `actions/${name}/dist/index.js`;
    if (!existsSync(root + bundle)) continue;
    // An empty root makes every action stop early: this measures loading the bundle, not the work.
    const ms = best([bundle], { INPUT_ROOT: "/nonexistent-steward-root", GITHUB_ACTIONS: "" });
    rows.push({ name: `action ${name}: load and first output`, value: ms, unit: "ms" });
    rows.push({ name: `action ${name}: over node -e 0 (target <= 300)`, value: ms - node, unit: "ms" });
  }
  return rows;
}

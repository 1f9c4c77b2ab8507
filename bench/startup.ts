// Benchmark: start-up of each bundled action (node running actions/<name>/dist/index.js) and of the CLI.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { BenchRow } from "./types.js";

const root = new URL("../", import.meta.url).pathname;

// Each child reports its own CPU time (user + system, all threads) as it exits: on a machine other
// work keeps busy, CPU time says what start-up costs when wall time mostly says how long it queued.
const CPU_PROBE = `data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("\\nsteward-cpu-us="+(u.user+u.system)+"\\n")})`;

/** Best of `runs`: wall time and CPU time of one start, in ms. */
function best(args: string[], env: Record<string, string>, runs = 5): { wall: number; cpu: number } {
  let wall = Infinity;
  let cpu = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ["--import", CPU_PROBE, ...args], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });
    wall = Math.min(wall, performance.now() - t0);
    const us = /steward-cpu-us=(\d+)/.exec(r.stderr ?? "")?.[1];
    if (us) cpu = Math.min(cpu, Number(us) / 1000);
  }
  return { wall, cpu };
}

export async function run(): Promise<BenchRow[]> {
  // The target (issue #13): the CLI and every action reach their first line of work within 300 ms of `node -e 0`.
  const node = best(["-e", "0"], {});
  const version = best(["bin/steward.js", "--version"], {});
  const rows: BenchRow[] = [
    { name: "node -e 0 (the baseline)", value: node.wall, unit: "ms", note: `CPU ${node.cpu.toFixed(0)} ms` },
    { name: "CLI start-up (steward --version)", value: version.wall, unit: "ms" },
    { name: "CLI start-up over node -e 0 (target <= 300)", value: version.wall - node.wall, unit: "ms", note: `CPU +${(version.cpu - node.cpu).toFixed(0)} ms` },
    { name: "CLI start-up (steward --help)", value: best(["bin/steward.js", "--help"], {}).wall, unit: "ms" },
    { name: "CLI validate --help (loads the validate chunks)", value: best(["bin/steward.js", "validate", "--help"], {}).wall, unit: "ms" },
  ];
  for (const name of ["validate", "model-card", "plan", "apply", "monitor", "chatops"]) {
    const bundle = `actions/${name}/dist/index.js`;
    if (!existsSync(root + bundle)) continue;
    // An empty root makes every action stop early: this measures loading the bundle, not the work.
    const ms = best([bundle], { INPUT_ROOT: "/nonexistent-steward-root", GITHUB_ACTIONS: "" });
    rows.push({ name: `action ${name}: load and first output`, value: ms.wall, unit: "ms" });
    rows.push({ name: `action ${name}: over node -e 0 (target <= 300)`, value: ms.wall - node.wall, unit: "ms", note: `CPU +${(ms.cpu - node.cpu).toFixed(0)} ms` });
  }
  return rows;
}

// Benchmark: `steward validate` (the bundled CLI, as CI runs it) over a generated repository of
// 1,000 models x 20 versions: all cores, one core, and --changed-only for a one-model change.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir, cpus } from "node:os";
import { join } from "node:path";
// @ts-expect-error: a plain ES module without types
import { generateRepo } from "./generate-repo.mjs";
import type { BenchRow } from "./types.js";

const CLI = new URL("../bin/steward.js", import.meta.url).pathname;

function timeCli(args: string[], cwd: string, runs = 3): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [CLI, "validate", ...args], { cwd, encoding: "utf8" });
    times.push(performance.now() - t0);
    if (r.status !== 0 && r.status !== 1) throw new Error(`validate failed (${r.status}): ${r.stderr}`);
  }
  return Math.min(...times) / 1000;
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "steward-bench-validate-"));
  try {
    const files = generateRepo(dir, { models: 1000, versions: 20 }) as number;
    const git = (...a: string[]) => execFileSync("git", a, { cwd: dir, stdio: "pipe", env: { ...process.env, GIT_AUTHOR_NAME: "b", GIT_AUTHOR_EMAIL: "b@x", GIT_COMMITTER_NAME: "b", GIT_COMMITTER_EMAIL: "b@x" } });
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-q", "-m", "generated");
    const all = timeCli([], dir);
    const one = timeCli(["--workers", "1"], dir);
    // A pull request that adds version 21 of one model and stages it.
    const model = join(dir, "models/model-0042/model.yaml");
    writeFileSync(join(dir, "models/model-0042/versions/21.yaml"), readFileSync(join(dir, "models/model-0042/versions/20.yaml"), "utf8").replace('version: "20"', 'version: "21"'));
    writeFileSync(model, readFileSync(model, "utf8").replace('staging: "20"', 'staging: "21"'));
    const changed = timeCli(["--base", "HEAD", "--changed-only"], dir);
    const full = timeCli(["--base", "HEAD"], dir);
    const note = `${files} files, ${cpus().length} cores`;
    return [
      { name: "validate 1000x20 repo, all cores", value: all, unit: "s", note: `${note}; target < 3 s` },
      { name: "validate 1000x20 repo, 1 worker", value: one, unit: "s", note },
      { name: "validate per-file cost, all cores", value: (all * 1e6) / files, unit: "µs/file" },
      { name: "validate per-file cost, 1 worker", value: (one * 1e6) / files, unit: "µs/file" },
      { name: "validate --base (PR, full check + gates)", value: full, unit: "s" },
      { name: "validate --base --changed-only (PR touching 1 model)", value: changed, unit: "s" },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await run());

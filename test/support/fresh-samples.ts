import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A copy of a folder of sample metric files (`timestamp,value` CSVs, as scripts/make-sample-metrics.mjs
 * writes them) with every timestamp moved by the same multiple of 10 minutes, so that the series end
 * within 10 minutes before `now`: fresh data for a run on the real clock (the bundled action has
 * no --now). The caller removes the folder.
 */
export function freshSampleMetrics(from: string, now = Date.now()): string {
  const dir = mkdtempSync(join(tmpdir(), "steward-fresh-metrics-"));
  cpSync(from, dir, { recursive: true });
  const csvs = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith(".csv") && !f.endsWith("drift.csv"));
  const stamp = /^(\d{4}-\d{2}-\d{2}T[^,]+),/gm;
  let end = 0;
  for (const f of csvs) for (const m of readFileSync(join(dir, f), "utf8").matchAll(stamp)) end = Math.max(end, Date.parse(m[1]!));
  // whole multiples of 10 minutes (the shortest sample period), so every series stays on its grid
  const shift = Math.floor((now - end) / 600_000) * 600_000;
  for (const f of csvs) writeFileSync(join(dir, f), readFileSync(join(dir, f), "utf8").replace(stamp, (_, t: string) => `${new Date(Date.parse(t) + shift).toISOString()},`));
  return dir;
}

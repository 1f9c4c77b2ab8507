import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A copy of a folder of sample metric files (`timestamp,value` CSVs, as scripts/make-sample-metrics.mjs
 * writes them) with every timestamp moved by the same whole number of hours, so that the series end
 * at the last full hour before `now`: fresh data for a run on the real clock (the bundled action has
 * no --now). The caller removes the folder.
 */
export function freshSampleMetrics(from: string, now = Date.now()): string {
  const dir = mkdtempSync(join(tmpdir(), "steward-fresh-metrics-"));
  cpSync(from, dir, { recursive: true });
  const csvs = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith(".csv") && !f.endsWith("drift.csv"));
  const stamp = /^(\d{4}-\d{2}-\d{2}T[^,]+),/gm;
  let end = 0;
  for (const f of csvs) for (const m of readFileSync(join(dir, f), "utf8").matchAll(stamp)) end = Math.max(end, Date.parse(m[1]!));
  const shift = Math.floor((now - end) / 3_600_000) * 3_600_000;
  for (const f of csvs) writeFileSync(join(dir, f), readFileSync(join(dir, f), "utf8").replace(stamp, (_, t: string) => `${new Date(Date.parse(t) + shift).toISOString()},`));
  return dir;
}

/**
 * Scores the ensemble on the NAB sample in-process (no CLI spawn) and prints NAB's three profiles.
 * Development aid: `npx tsx bench/detect-nab.ts [NAB_DIR]`; needs /work/shared/data/nab (or NAB_DIR).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { scoreSeries } from "../src/core/detect/score-series.js";
import { DEFAULT_DETECTORS } from "../src/core/detect/default-config.js";

const nab = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "/work/shared/data/nab";
const out = path.join(os.tmpdir(), "nab-inproc", "steward");
const windows = JSON.parse(fs.readFileSync(path.join(nab, "labels/combined_windows.json"), "utf8")) as Record<string, unknown>;
const t0 = Date.now();
for (const rel of Object.keys(windows).sort()) {
  const lines = fs.readFileSync(path.join(nab, "data", rel), "utf8").trim().split(/\r?\n/).slice(1);
  const ts: string[] = [];
  const points = lines.map((l) => {
    const [t, v] = l.split(",");
    ts.push(t!);
    return { t: Date.parse(`${t!.replace(" ", "T")}Z`), value: Number(v) };
  });
  const over = process.env.STEWARD_PARAMS ? (JSON.parse(process.env.STEWARD_PARAMS) as Record<string, number>) : undefined;
  const refs = over ? DEFAULT_DETECTORS.map((r) => ({ ...r, params: { ...r.params, ...over } })) : DEFAULT_DETECTORS;
  const scores = scoreSeries(points, refs);
  const dst = path.join(out, path.dirname(rel), `steward_${path.basename(rel)}`);
  fs.mkdirSync(path.dirname(dst), { recursive: true });
  const rows = ["timestamp,value,anomaly_score"];
  for (let i = 0; i < points.length; i++) rows.push(`${ts[i]},${points[i]!.value},${scores[i]!.toFixed(6)}`);
  fs.writeFileSync(dst, rows.join("\n") + "\n");
}
console.error(`scored in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
const extra = process.argv.includes("--per-file") ? ["--per-file"] : [];
process.stdout.write(execFileSync(process.execPath, [path.join(nab, "score.mjs"), out, "--detector", "steward", ...extra]).toString());

/**
 * `npm run nab [-- NAB_DIR] [--only NAME,NAME]`: chooses the default detector configuration
 * honestly. Every candidate of grid.ts scores the NAB series (in-process, causal, as `steward
 * detect`); then leave-one-category-out cross-validation: for each category, the candidate and
 * threshold that score best (standard profile) on the other categories are applied unchanged to
 * the held-out one. Prints each fold's held-out score, their mean, the in-sample score of the
 * configuration chosen on all series, and the same for today's defaults. NAB_DIR defaults to
 * /work/shared/data/nab (the series are not in the repository).
 */
import fs from "node:fs";
import path from "node:path";
import { streamScorer } from "../../src/core/detect/score-series.js";
import { parseTimestamp } from "../../src/core/detect/series-csv.js";
import { CANDIDATES, type Candidate } from "./grid.js";
import { PROFILES, scoreSet, type LabelledSeries } from "./nab-score.js";

const args = process.argv.slice(2);
const onlyArg = args.indexOf("--only");
const only = onlyArg >= 0 ? new Set(args[onlyArg + 1]!.split(",")) : undefined;
const nab = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--only") ?? process.env.NAB_DIR ?? "/work/shared/data/nab";
const windowsFile = path.join(nab, "labels/combined_windows.json");
if (!fs.existsSync(windowsFile)) {
  console.error(`nab: no NAB data at ${nab} (labels/combined_windows.json); pass NAB_DIR`);
  process.exit(2);
}

/** NAB's two artificial categories are one fold: the one without anomalies has no window to score. */
const foldOf = (category: string) => (category.startsWith("artificial") ? "artificial" : category);

interface Loaded extends LabelledSeries {
  t: Float64Array;
  v: Float64Array;
}

function load(): Loaded[] {
  const windows = JSON.parse(fs.readFileSync(windowsFile, "utf8")) as Record<string, [string, string][]>;
  return Object.keys(windows)
    .sort()
    .map((rel) => {
      const lines = fs.readFileSync(path.join(nab, "data", rel), "utf8").trim().split(/\r?\n/).slice(1);
      const index = new Map<string, number>();
      const t = new Float64Array(lines.length);
      const v = new Float64Array(lines.length);
      lines.forEach((l, i) => {
        const [ts, val] = l.split(",");
        if (!index.has(ts!)) index.set(ts!, i);
        t[i] = parseTimestamp(ts!);
        v[i] = Number(val);
      });
      const at = (s: string) => {
        const i = index.get(s.replace(/\.0+$/, ""));
        if (i === undefined) throw new Error(`${rel}: window bound ${s} is not a row`);
        return i;
      };
      const wins = windows[rel]!.map(([a, b]) => ({ start: at(a), end: at(b) }));
      return { name: rel, category: foldOf(rel.split("/")[0]!), rows: lines.length, windows: wins, t, v };
    });
}

function score(series: Loaded[], c: Candidate): Float64Array[] {
  return series.map((s) => {
    const sc = streamScorer(c.refs);
    const out = new Float64Array(s.rows);
    for (let i = 0; i < s.rows; i++) out[i] = sc.push(s.t[i]!, s.v[i]!);
    return out;
  });
}

const series = load();
const folds = [...new Set(series.map((s) => s.category))].sort();
const candidates = CANDIDATES.filter((c) => !only || only.has(c.name) || c.name === "today");
const t0 = performance.now();
const scores = new Map<string, Float64Array[]>();
for (const c of candidates) scores.set(c.name, score(series, c));
console.error(`scored ${candidates.length} candidate(s) x ${series.length} series in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const std = PROFILES.standard!;
const pick = (idx: number[], c: Candidate) => ({ set: idx.map((i) => series[i]!), sc: idx.map((i) => scores.get(c.name)![i]!) });
const all = series.map((_, i) => i);

const heldOutCache = new Map<string, { train: number; threshold: number; test: number }>();
/** Held-out score of one candidate on one fold: threshold from the other folds. */
function heldOut(c: Candidate, fold: string) {
  const key = `${c.name}\u0000${fold}`;
  const hit = heldOutCache.get(key);
  if (hit) return hit;
  const train = all.filter((i) => series[i]!.category !== fold);
  const test = all.filter((i) => series[i]!.category === fold);
  const tr = pick(train, c);
  const fit = scoreSet(tr.set, tr.sc, std);
  const te = pick(test, c);
  const out = { train: fit.normalized, threshold: fit.threshold, test: scoreSet(te.set, te.sc, std, fit.threshold).normalized };
  heldOutCache.set(key, out);
  return out;
}

const f1 = (x: number) => x.toFixed(1).padStart(6);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const short = (f: string) => f.replace(/^real/, "").slice(0, 10);
const nameW = Math.max(...candidates.map((c) => c.name.length), 24);
console.log(`NAB leave-one-category-out cross-validation, standard profile, ${series.length} series, ${folds.length} folds (${folds.join(", ")})`);
console.log(`threshold of each fold chosen on the other folds; in-sample = threshold swept on all series\n`);
console.log(`${"candidate".padEnd(nameW)}  in-sample | ${folds.map((f) => short(f).padStart(10)).join(" ")} | held-out mean`);
const table = candidates.map((c) => {
  const inSample = scoreSet(series, scores.get(c.name)!, std).normalized;
  const ho = folds.map((f) => heldOut(c, f));
  return { c, inSample, ho };
});
for (const r of table) console.log(`${r.c.name.padEnd(nameW)}  ${f1(r.inSample)}    | ${r.ho.map((h) => f1(h.test).padStart(10)).join(" ")} | ${f1(mean(r.ho.map((h) => h.test)))}`);

// the selection procedure itself, cross-validated: in each fold, the candidate best on the other folds
console.log(`\nselection by cross-validation (candidate chosen on the other folds, then scored on the held-out fold):`);
const chosenHo: number[] = [];
for (const f of folds) {
  const best = table.reduce((a, b) => (heldOut(b.c, f).train > heldOut(a.c, f).train ? b : a));
  const h = heldOut(best.c, f);
  chosenHo.push(h.test);
  console.log(`  ${f.padEnd(22)} chose ${best.c.name.padEnd(nameW)} train ${f1(h.train)}  held-out ${f1(h.test)}  (threshold ${h.threshold.toFixed(4)})`);
}
const chosen = table.reduce((a, b) => (b.inSample > a.inSample ? b : a));
const today = table.find((r) => r.c.name === "today")!;
console.log(`  held-out mean of the selection procedure: ${chosenHo.length ? mean(chosenHo).toFixed(1) : "-"}`);
console.log(`\nsummary (standard / reward low FP / reward low FN, in-sample; held-out mean is standard)`);
for (const [label, r] of [["chosen on all series: " + chosen.c.name, chosen], ["today's defaults", today]] as const) {
  const prof = Object.values(PROFILES).map((p) => scoreSet(series, scores.get(r.c.name)!, p));
  console.log(`  ${label.padEnd(nameW + 22)} in-sample ${prof.map((p) => p.normalized.toFixed(1)).join(" / ")}  threshold ${prof[0]!.threshold.toFixed(4)}  held-out mean ${mean(r.ho.map((h) => h.test)).toFixed(1)}`);
}

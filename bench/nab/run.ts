/**
 * `npm run nab [-- NAB_DIR] [--only NAME,NAME]`: chooses the default detector configuration
 * honestly. Every candidate of grid.ts scores the NAB series (in-process, causal, as `steward
 * detect`); then leave-one-category-out cross-validation (standard profile): each candidate's
 * threshold is chosen on the other categories and applied unchanged to the held-out one. The
 * default is the candidate with the best held-out mean; the selection itself is cross-validated
 * (nested: chosen on the other categories' own cross-validation, scored on the held-out one).
 * Prints each fold's held-out score, their mean, the in-sample score, and the same for today's defaults. NAB_DIR defaults to
 * /work/shared/data/nab (the series are not in the repository).
 */
import fs from "node:fs";
import path from "node:path";
import { streamScorer } from "../../src/core/detect/score-series.js";
import { parseTimestamp } from "../../src/core/detect/timestamp.js";
import { CANDIDATES, PREVIOUS_DEFAULT, type Candidate } from "./grid.js";
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
const candidates = CANDIDATES.filter((c) => !only || only.has(c.name) || c.name === "today" || c.name === "shipped default" || c.name === PREVIOUS_DEFAULT);
const t0 = performance.now();
const scores = new Map<string, Float64Array[]>();
for (const c of candidates) scores.set(c.name, score(series, c));
console.error(`scored ${candidates.length} candidate(s) x ${series.length} series in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const std = PROFILES.standard!;
const pick = (idx: number[], c: Candidate) => ({ set: idx.map((i) => series[i]!), sc: idx.map((i) => scores.get(c.name)![i]!) });
const all = series.map((_, i) => i);

const heldOutCache = new Map<string, { train: number; threshold: number; test: number }>();
/** Held-out score of one candidate on one fold: threshold from the other folds of `universe`. */
function heldOut(c: Candidate, fold: string, universe: readonly string[] = folds) {
  const key = `${c.name}\u0000${fold}\u0000${universe.join(",")}`;
  const hit = heldOutCache.get(key);
  if (hit) return hit;
  const train = all.filter((i) => series[i]!.category !== fold && universe.includes(series[i]!.category));
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
for (const r of table) console.log(`${(r.c.name + (r.c.overBudget ? " *" : "")).padEnd(nameW)}  ${f1(r.inSample)}    | ${r.ho.map((h) => f1(h.test).padStart(10)).join(" ")} | ${f1(mean(r.ho.map((h) => h.test)))}`);

// The selection procedure itself, cross-validated (nested): in each outer fold, every candidate is
// cross-validated on the other folds alone (leave one of them out in turn), the best mean is
// chosen, and that choice is scored on the outer fold with the threshold of all the other folds.
console.log(`* over the bench's time budget: scored, never chosen`);
console.log(`\nselection by nested cross-validation (chosen by its held-out mean on the other folds, then scored on the held-out fold):`);
const chosenHo: number[] = [];
const looMean = (c: Candidate, universe: string[]) => mean(universe.map((g) => heldOut(c, g, universe).test));
for (const f of folds) {
  const inner = folds.filter((g) => g !== f);
  const scored = candidates.filter((c) => !c.overBudget).map((c) => ({ c, m: looMean(c, inner) }));
  const best = scored.reduce((a, b) => (b.m > a.m ? b : a));
  const h = heldOut(best.c, f);
  chosenHo.push(h.test);
  console.log(`  ${f.padEnd(22)} chose ${best.c.name.padEnd(nameW)} inner held-out mean ${f1(best.m)}  held-out ${f1(h.test)}  (threshold ${h.threshold.toFixed(4)})`);
}
const eligible = table.filter((r) => !r.c.overBudget);
const chosen = eligible.reduce((a, b) => (mean(b.ho.map((h) => h.test)) > mean(a.ho.map((h) => h.test)) ? b : a));
const today = table.find((r) => r.c.name === "today")!;
const shipped = table.find((r) => r.c.name === "shipped default")!;
const previous = table.find((r) => r.c.name === PREVIOUS_DEFAULT)!;
console.log(`  held-out mean of the selection procedure: ${mean(chosenHo).toFixed(1)}`);
console.log(`\nsummary (standard / reward low FP / reward low FN, in-sample; held-out mean is standard)`);
for (const [label, r] of [["chosen on all folds: " + chosen.c.name, chosen], ["shipped default (DEFAULT_DETECTORS)", shipped], ["previous default", previous], ["today's defaults", today]] as const) {
  const prof = Object.values(PROFILES).map((p) => scoreSet(series, scores.get(r.c.name)!, p));
  console.log(`  ${label.padEnd(nameW + 22)} in-sample ${prof.map((p) => p.normalized.toFixed(1)).join(" / ")}  threshold ${prof[0]!.threshold.toFixed(4)}  held-out mean ${mean(r.ho.map((h) => h.test)).toFixed(1)}`);
  console.log(`  ${"".padEnd(nameW + 22)} ${plateau(scores.get(r.c.name)!)}`);
}

/** How much the 0.5 level decides: scored points exactly at 0.5, and windows whose highest score is exactly 0.5 (a tie, not evidence). */
function plateau(sc: Float64Array[]): string {
  let points = 0;
  let windows = 0;
  series.forEach((s, k) => {
    const probation = Math.min(Math.floor(0.15 * s.rows), 750);
    for (let i = probation; i < s.rows; i++) if (sc[k]![i] === 0.5) points++;
    for (const w of s.windows) {
      let max = 0;
      for (let i = Math.max(w.start, probation); i <= w.end; i++) max = Math.max(max, sc[k]![i]!);
      if (max === 0.5) windows++;
    }
  });
  return `scores exactly 0.5: ${points} scored point(s); windows whose highest score is exactly 0.5: ${windows}`;
}

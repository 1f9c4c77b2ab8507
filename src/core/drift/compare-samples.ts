import { DEFAULT_DRIFT_TESTS, driftTests, type DriftInput, type DriftTestResult } from "./registry.js";
import { sortedCopy } from "./ks.js";
import { ColumnSample, MAX_CATEGORIES } from "./column-sample.js";
import { driftHistogram, type DriftHistogram } from "./histogram.js";

export interface ColumnDrift {
  column: string;
  kind: "numeric" | "categorical";
  baselineCount: number;
  currentCount: number;
  /** Empty cells skipped, in both samples together. */
  missing: number;
  tests: DriftTestResult[];
  drift: boolean;
  /** Why the column could not be tested (e.g. absent from one sample, or no values). */
  skipped?: string;
  /** Both samples over the same bins, when DriftOptions.histograms asked for it and the column was tested. */
  histogram?: DriftHistogram;
}

export interface DriftReport {
  columns: ColumnDrift[];
  drift: boolean;
}

export interface DriftOptions {
  /** Test names to run where they apply; default DEFAULT_DRIFT_TESTS per kind. */
  tests?: readonly string[];
  /** Threshold overrides by test name. */
  thresholds?: Record<string, number>;
  /** Also give each tested column its baseline-vs-current histogram (histogram.ts), for the dashboard. */
  histograms?: boolean;
  /** The fewest values a column needs in each sample to be tested; default MIN_VALUES. */
  minValues?: number;
}

/** A table of text cells by column name (the parsed CSV). */
export type Columns = Map<string, string[]>;

/**
 * Compares every column present in both samples. A column is numeric when every non-empty cell of
 * both samples parses as a finite number, else categorical (cells compared as trimmed text).
 * Empty cells are missing and skipped. A column drifts when any of its tests says so; the report
 * drifts when any column does. Columns in only one sample are reported as skipped.
 */
export function compareSamples(baseline: Columns, current: Columns, opts: DriftOptions = {}): DriftReport {
  const toSamples = (cols: Columns) => new Map([...cols].map(([k, cells]) => [k, sampleOf(cells)]));
  return compareColumnSamples(toSamples(baseline), toSamples(current), opts);
}

/** compareSamples over columns accumulated as they were read (column-sample.ts), so a sample need not be held as text. */
export function compareColumnSamples(baseline: ReadonlyMap<string, ColumnSample>, current: ReadonlyMap<string, ColumnSample>, opts: DriftOptions = {}): DriftReport {
  const names = [...new Set([...baseline.keys(), ...current.keys()])];
  const columns = names.map((name) => compareColumn(name, baseline.get(name), current.get(name), opts));
  return { columns, drift: columns.some((c) => c.drift) };
}

/**
 * What a report could not compare: the columns skipped (absent from one sample, no values, not
 * categorical data), each with its reason, and whether no column was compared at all (an empty
 * sample, or two samples with no column in common), which is not "no drift".
 */
export function notCompared(report: DriftReport): { columns: { column: string; why: string }[]; nothing: boolean; text: string } {
  const columns = report.columns.filter((c) => c.skipped !== undefined).map((c) => ({ column: c.column, why: c.skipped! }));
  const nothing = !report.columns.some((c) => c.skipped === undefined && c.tests.length > 0);
  const shown = columns.slice(0, 3).map((c) => `${c.column}: ${c.why}`).join("; ");
  const text = columns.length ? `${columns.length} column(s) not compared (${shown}${columns.length > 3 ? `; and ${columns.length - 3} more` : ""})` : "";
  return { columns, nothing, text };
}

/** The fewest values a column needs in each sample to be tested: below it, the column is "not compared", never "no drift". */
export const MIN_VALUES = 20;

function sampleOf(cells: readonly string[]): ColumnSample {
  const s = new ColumnSample();
  for (const c of cells) s.add(c);
  return s;
}

function compareColumn(column: string, b: ColumnSample | undefined, c: ColumnSample | undefined, opts: DriftOptions): ColumnDrift {
  const nb = b?.count ?? 0;
  const nc = c?.count ?? 0;
  const missing = (b?.missing ?? 0) + (c?.missing ?? 0);
  const bn = b ? b.numbers() : new Float64Array(0);
  const cn = c ? c.numbers() : new Float64Array(0);
  const numeric = nb + nc > 0 && bn !== undefined && cn !== undefined;
  const kind = numeric ? "numeric" : "categorical";
  const base = { column, kind, baselineCount: nb, currentCount: nc, missing, tests: [], drift: false } as ColumnDrift;
  if (!b || !c) return { ...base, skipped: `only in the ${b ? "baseline" : "current"} sample` };
  if (nb === 0 || nc === 0) return { ...base, skipped: "no values in one of the samples" };
  // A handful of rows supports no verdict either way (a two-sample KS on 2 + 2 values cannot reject, PSI swings wildly).
  const min = opts.minValues ?? MIN_VALUES;
  if (nb < min || nc < min) return { ...base, skipped: `too few values to test (${nb} in the baseline, ${nc} in the current sample; at least ${min} in each)` };
  if (!numeric && (!b.counts || !c.counts)) return { ...base, skipped: `more than ${MAX_CATEGORIES} distinct values: not categorical data` };
  const input = numeric ? numericInput(bn!, cn!) : categoricalInput(b.counts!, c.counts!);
  const names = (opts.tests ?? DEFAULT_DRIFT_TESTS[kind]).filter((t) => driftTests[t]?.appliesTo.includes(kind));
  const tests = names.map((t) => driftTests[t]!.run(input, opts.thresholds?.[t] ?? driftTests[t]!.threshold));
  return { ...base, tests, drift: tests.some((t) => t.drift), ...(opts.histograms ? { histogram: driftHistogram(input) } : {}) };
}

function numericInput(b: Float64Array, c: Float64Array): DriftInput {
  const baseline = sortedCopy(b);
  let mean = 0;
  for (const v of baseline) mean += v / baseline.length;
  let ss = 0;
  for (const v of baseline) ss += (v - mean) ** 2;
  return { kind: "numeric", baseline, current: sortedCopy(c), baselineStd: Math.sqrt(ss / baseline.length) };
}

function categoricalInput(b: ReadonlyMap<string, number>, c: ReadonlyMap<string, number>): DriftInput {
  const categories = [...new Set([...b.keys(), ...c.keys()])].sort();
  const count = (m: ReadonlyMap<string, number>) => categories.map((k) => m.get(k) ?? 0);
  return { kind: "categorical", categories, baseline: count(b), current: count(c) };
}

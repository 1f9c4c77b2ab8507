import { DEFAULT_DRIFT_TESTS, driftTests, type DriftInput, type DriftTestResult } from "./registry.js";
import { sortedCopy } from "./ks.js";

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
}

/** A table of text cells by column name (the parsed CSV). */
export type Columns = Map<string, string[]>;

const isNumber = (s: string) => s.trim() !== "" && Number.isFinite(Number(s));

/**
 * Compares every column present in both samples. A column is numeric when every non-empty cell of
 * both samples parses as a finite number, else categorical (cells compared as trimmed text).
 * Empty cells are missing and skipped. A column drifts when any of its tests says so; the report
 * drifts when any column does. Columns in only one sample are reported as skipped.
 */
export function compareSamples(baseline: Columns, current: Columns, opts: DriftOptions = {}): DriftReport {
  const names = [...new Set([...baseline.keys(), ...current.keys()])];
  const columns = names.map((name) => compareColumn(name, baseline.get(name), current.get(name), opts));
  return { columns, drift: columns.some((c) => c.drift) };
}

function compareColumn(column: string, b: string[] | undefined, c: string[] | undefined, opts: DriftOptions): ColumnDrift {
  const bv = (b ?? []).map((s) => s.trim()).filter((s) => s !== "");
  const cv = (c ?? []).map((s) => s.trim()).filter((s) => s !== "");
  const missing = (b?.length ?? 0) - bv.length + (c?.length ?? 0) - cv.length;
  const numeric = bv.length + cv.length > 0 && bv.every(isNumber) && cv.every(isNumber);
  const kind = numeric ? "numeric" : "categorical";
  const base = { column, kind, baselineCount: bv.length, currentCount: cv.length, missing, tests: [], drift: false } as ColumnDrift;
  if (!b || !c) return { ...base, skipped: `only in the ${b ? "baseline" : "current"} sample` };
  if (bv.length === 0 || cv.length === 0) return { ...base, skipped: "no values in one of the samples" };
  const input = numeric ? numericInput(bv, cv) : categoricalInput(bv, cv);
  const names = (opts.tests ?? DEFAULT_DRIFT_TESTS[kind]).filter((t) => driftTests[t]?.appliesTo.includes(kind));
  const tests = names.map((t) => driftTests[t]!.run(input, opts.thresholds?.[t] ?? driftTests[t]!.threshold));
  return { ...base, tests, drift: tests.some((t) => t.drift) };
}

function numericInput(b: string[], c: string[]): DriftInput {
  const baseline = sortedCopy(b.map(Number));
  let mean = 0;
  for (const v of baseline) mean += v / baseline.length;
  let ss = 0;
  for (const v of baseline) ss += (v - mean) ** 2;
  return { kind: "numeric", baseline, current: sortedCopy(c.map(Number)), baselineStd: Math.sqrt(ss / baseline.length) };
}

function categoricalInput(b: string[], c: string[]): DriftInput {
  const categories = [...new Set([...b, ...c])].sort();
  const index = new Map(categories.map((k, i) => [k, i]));
  const count = (xs: string[]) => {
    const out = new Array<number>(categories.length).fill(0);
    for (const x of xs) out[index.get(x)!]!++;
    return out;
  };
  return { kind: "categorical", categories, baseline: count(b), current: count(c) };
}

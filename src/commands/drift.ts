import { UserError } from "../core/errors.js";
import { compareColumnSamples, notCompared, type DriftReport } from "../core/drift/compare-samples.js";
import { SampleReader, type ColumnSample } from "../core/drift/column-sample.js";
import { driftTests } from "../core/drift/registry.js";

export interface DriftCommandInput {
  baseline: { name: string; text: string };
  current: { name: string; text: string };
  /** Test names; default per column kind. */
  tests?: string[];
  thresholds?: Record<string, number>;
}

/** The stable JSON document `steward drift --format json` prints (docs/detection.md). */
export interface DriftDocument extends DriftReport {
  schemaVersion: 1;
  baseline: string;
  current: string;
}

/** Compares two CSV samples column by column. Throws UserError for unreadable CSV or unknown test names. */
export function runDrift(input: DriftCommandInput): DriftDocument {
  checkTestNames(input.tests);
  const read = (s: { name: string; text: string }) => {
    const reader = sampleReader(s.name);
    reader.write(s.text);
    return reader.end();
  };
  return runDriftOnSamples({ ...input, baseline: { name: input.baseline.name, columns: read(input.baseline) }, current: { name: input.current.name, columns: read(input.current) } });
}

/** Throws UserError for a test name the registry does not know. */
export function checkTestNames(tests: readonly string[] | undefined): void {
  for (const t of tests ?? []) if (!driftTests[t]) throw new UserError(`unknown drift test "${t}" (known: ${Object.keys(driftTests).join(", ")})`);
}

/** Reads one CSV sample in chunks (write, then end); errors are UserErrors naming `name`. */
export function sampleReader(name: string): { write(chunk: string): void; end(): Map<string, ColumnSample> } {
  const reader = new SampleReader();
  const named = <T>(f: () => T): T => {
    try {
      return f();
    } catch (err) {
      throw new UserError(`${name}: ${(err as Error).message}`);
    }
  };
  return { write: (chunk) => named(() => reader.write(chunk)), end: () => named(() => reader.end()) };
}

/** runDrift over samples already read (sampleReader), so that neither is held as text. */
export function runDriftOnSamples(input: Omit<DriftCommandInput, "baseline" | "current"> & { baseline: { name: string; columns: Map<string, ColumnSample> }; current: { name: string; columns: Map<string, ColumnSample> } }): DriftDocument {
  checkTestNames(input.tests);
  const report = compareColumnSamples(input.baseline.columns, input.current.columns, { tests: input.tests, thresholds: input.thresholds });
  return { schemaVersion: 1, baseline: input.baseline.name, current: input.current.name, ...report };
}

/**
 * The drift tests and thresholds a policy document (parsed YAML) names under `monitoring.drift`;
 * empty when it names none (the defaults then apply).
 */
export function driftOptionsFromPolicy(policy: unknown): { tests?: string[]; thresholds: Record<string, number> } {
  const drift = (policy as { monitoring?: { drift?: { tests?: unknown; thresholds?: unknown } } })?.monitoring?.drift;
  const tests = Array.isArray(drift?.tests) ? drift.tests.filter((t): t is string => typeof t === "string") : undefined;
  const thresholds: Record<string, number> = {};
  for (const [k, v] of Object.entries((drift?.thresholds as Record<string, unknown>) ?? {})) if (typeof v === "number") thresholds[k] = v;
  return { tests: tests?.length ? tests : undefined, thresholds };
}

const num = (v: number | undefined) => (v === undefined ? "-" : Number.isFinite(v) ? (Math.abs(v) < 1e-4 && v !== 0 ? v.toExponential(3) : v.toFixed(4)) : String(v));

/** One row per column and test, aligned, for a terminal. */
export function formatDriftText(doc: DriftDocument): string {
  const lines = [`drift: ${doc.baseline} -> ${doc.current}`, ""];
  const rows: string[][] = [["column", "kind", "test", "statistic", "p-value", "threshold", "verdict"]];
  for (const c of doc.columns) {
    if (c.skipped) rows.push([c.column, c.kind, "-", "-", "-", "-", `skipped: ${c.skipped}`]);
    for (const t of c.tests) rows.push([c.column, c.kind, t.test, num(t.statistic), num(t.pValue), num(t.threshold), t.drift ? "DRIFT" : "ok"]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) lines.push(r.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd());
  const drifted = doc.columns.filter((c) => c.drift).map((c) => c.column);
  const skipped = notCompared(doc);
  const verdict = drifted.length ? `drift in ${drifted.length} column(s): ${drifted.join(", ")}` : skipped.nothing ? "NOTHING COMPARED: no column of the two samples could be compared" : "no drift";
  lines.push("", skipped.text && !skipped.nothing ? `${verdict}; ${skipped.text}` : verdict);
  return lines.join("\n") + "\n";
}

import { UserError } from "../core/errors.js";
import type { DetectorRef } from "../core/types.js";
import { DEFAULT_DETECTORS } from "../core/detect/default-config.js";
import { detectors } from "../core/detect/registry.js";
import { streamScorer } from "../core/detect/score-series.js";
import { SeriesReader, type SeriesFormat } from "../core/detect/series-reader.js";

export interface DetectSummary {
  rows: number;
  /** Rows whose value was missing or not a finite number (scored 0). */
  missing: number;
  /** Rows scored at or above 0.5. */
  anomalies: number;
  /** Bad rows left out (only with skipBadRows), and the first of them. */
  skipped: number;
  firstSkipped?: { line: number; message: string };
  /** The input's format, once known. */
  format?: SeriesFormat;
}

export interface DetectOptions {
  /** Leave unreadable rows out (counted in the summary) instead of failing on the first. */
  skipBadRows?: boolean;
}

export interface DetectResult extends DetectSummary {
  /** `timestamp,value,anomaly_score` CSV, one row per input row, in input order. */
  csv: string;
}

/** A streaming scorer of series CSV: text in, scored CSV out, in chunks of any size. */
export interface DetectStream {
  /** Feeds a chunk of input; returns the output for the complete lines it ended (the header first). */
  write(chunk: string): string;
  /** Ends the input; returns the output of a last line without newline. */
  end(): string;
  summary(): DetectSummary;
}

/**
 * Scores one series (CSV `timestamp,value` with or without a header, NDJSON or a JSON array of
 * `{timestamp, value}`; see core/detect/series-reader.ts) with `refs` (default: the monitor's
 * DEFAULT_DETECTORS), streaming and causal: each row's score uses that row and the ones before it,
 * in input order (a timestamp that goes back, as at a clock change, is scored in place). Memory is
 * bounded by the detectors' windows and one chunk. Throws UserError naming `source` and the line of
 * the first bad row (unless `skipBadRows`), of a broken JSON array or CSV header, and for an
 * unknown detector name.
 */
export function detectStream(refs: readonly DetectorRef[] = DEFAULT_DETECTORS, source = "input", opts: DetectOptions = {}): DetectStream {
  for (const r of refs) if (!detectors[r.name]) throw new UserError(`unknown detector "${r.name}" (known: ${Object.keys(detectors).join(", ")})`);
  const scorer = streamScorer(refs);
  let out: string[] = ["timestamp,value,anomaly_score"];
  let missing = 0;
  let anomalies = 0;
  let skipped = 0;
  let firstSkipped: { line: number; message: string } | undefined;
  const reader = new SeriesReader(
    (row) => {
      if (Number.isNaN(row.value)) missing++;
      const s = scorer.push(row.t, row.value);
      if (s >= 0.5) anomalies++;
      out.push(`${row.timestampText},${row.valueText},${formatScore(s)}`);
    },
    (bad) => {
      if (bad.fatal || !opts.skipBadRows) throw new UserError(`${source}:${bad.line}: ${bad.message}`);
      skipped++;
      firstSkipped ??= { line: bad.line, message: bad.message };
    },
  );
  const take = () => {
    if (out.length === 0) return "";
    const text = out.join("\n") + "\n";
    out = [];
    return text;
  };
  return {
    write(chunk) {
      reader.write(chunk);
      return take();
    },
    end() {
      reader.end();
      return take();
    },
    summary: () => ({ rows: reader.rows, missing, anomalies, skipped, ...(firstSkipped ? { firstSkipped } : {}), ...(reader.format ? { format: reader.format } : {}) }),
  };
}

/** detectStream over a whole text at once. */
export function detectCsv(text: string, refs: readonly DetectorRef[] = DEFAULT_DETECTORS, source = "input", opts: DetectOptions = {}): DetectResult {
  const stream = detectStream(refs, source, opts);
  const csv = stream.write(text) + stream.end();
  return { csv, ...stream.summary() };
}

/** Six decimals, no exponent, always within [0,1]. */
function formatScore(s: number): string {
  return (s > 0 ? (s < 1 ? s : 1) : 0).toFixed(6);
}

/**
 * The detectors a policy's check names, from the policy document (already parsed YAML): the
 * check whose `name` or `metric` is `check`, else the first single-metric check (a multi-metric
 * check is a UserError: it needs several series). Detectors are given as names or
 * as `{ name, ...params }`. A check without detectors gets the default.
 */
export function detectorsFromPolicy(policy: unknown, check?: string): DetectorRef[] {
  const checks = (policy as { monitoring?: { checks?: unknown[] } })?.monitoring?.checks;
  if (!Array.isArray(checks) || checks.length === 0) throw new UserError("the policy has no monitoring checks");
  const chosen = (check ? checks.find((c) => (c as { name?: string }).name === check || (c as { metric?: string }).metric === check) : checks.find((c) => !(c as { metrics?: unknown }).metrics)) as
    | { detectors?: unknown[]; metrics?: unknown }
    | undefined;
  if (!chosen) throw new UserError(check ? `the policy has no check named "${check}"` : "the policy has no single-metric check");
  // a multi-metric check scores several aligned series: detect reads one
  if (chosen.metrics) throw new UserError(`check "${check}" scores several metrics together; steward detect scores one series`);
  const list = chosen.detectors ?? [];
  if (list.length === 0) return [...DEFAULT_DETECTORS];
  return list.map((d) => {
    if (typeof d === "string") return { name: d, params: {} };
    const { name, ...params } = d as { name: string } & Record<string, unknown>;
    return { name, params };
  });
}

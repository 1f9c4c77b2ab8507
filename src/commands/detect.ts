import { UserError } from "../core/errors.js";
import type { DetectorRef } from "../core/types.js";
import { DEFAULT_DETECTORS } from "../core/detect/default-config.js";
import { detectors } from "../core/detect/registry.js";
import { streamScorer } from "../core/detect/score-series.js";
import { forEachSeriesRow } from "../core/detect/series-csv.js";

export interface DetectResult {
  /** `timestamp,value,anomaly_score` CSV, one row per input row, in input order. */
  csv: string;
  rows: number;
  /** Rows whose value was missing or not a finite number (scored 0). */
  missing: number;
  /** Rows scored at or above 0.5. */
  anomalies: number;
}

/**
 * Scores one series given as CSV text (`timestamp,value`, see core/detect/series-csv.ts) with
 * `refs` (default: the monitor's DEFAULT_DETECTORS), streaming and causal: each row's score uses
 * that row and the ones before it, in file order (a timestamp that goes back, as at a clock change,
 * is scored in place, not reordered). Throws UserError naming the line of an unreadable
 * timestamp, and for an unknown detector name.
 */
export function detectCsv(text: string, refs: readonly DetectorRef[] = DEFAULT_DETECTORS, source = "input"): DetectResult {
  for (const r of refs) if (!detectors[r.name]) throw new UserError(`unknown detector "${r.name}" (known: ${Object.keys(detectors).join(", ")})`);
  const scorer = streamScorer(refs);
  const out: string[] = ["timestamp,value,anomaly_score"];
  let missing = 0;
  let anomalies = 0;
  const rows = forEachSeriesRow(text, (row) => {
    if (Number.isNaN(row.t)) throw new UserError(`${source}:${row.line}: unreadable timestamp "${row.timestampText.trim()}"`);
    if (Number.isNaN(row.value)) missing++;
    const s = scorer.push(row.t, row.value);
    if (s >= 0.5) anomalies++;
    out.push(`${row.timestampText},${row.valueText},${formatScore(s)}`);
  });
  return { csv: out.join("\n") + "\n", rows, missing, anomalies };
}

/** Six decimals, no exponent, always within [0,1]. */
function formatScore(s: number): string {
  return (s > 0 ? (s < 1 ? s : 1) : 0).toFixed(6);
}

/**
 * The detectors a policy's check names, from the policy document (already parsed YAML): the
 * check whose `name` or `metric` is `check`, else the first check. Detectors are given as names or
 * as `{ name, ...params }`. A check without detectors gets the default.
 */
export function detectorsFromPolicy(policy: unknown, check?: string): DetectorRef[] {
  const checks = (policy as { monitoring?: { checks?: unknown[] } })?.monitoring?.checks;
  if (!Array.isArray(checks) || checks.length === 0) throw new UserError("the policy has no monitoring checks");
  const chosen = (check ? checks.find((c) => (c as { name?: string }).name === check || (c as { metric?: string }).metric === check) : checks[0]) as
    | { detectors?: unknown[] }
    | undefined;
  if (!chosen) throw new UserError(`the policy has no check named "${check}"`);
  const list = chosen.detectors ?? [];
  if (list.length === 0) return [...DEFAULT_DETECTORS];
  return list.map((d) => {
    if (typeof d === "string") return { name: d, params: {} };
    const { name, ...params } = d as { name: string } & Record<string, unknown>;
    return { name, params };
  });
}

/**
 * The contract between the detection engine (src/core/detect) and its users (monitor, detect).
 * Pure data: series in, verdicts out. Time is epoch milliseconds.
 */
import type { Datapoint } from "../../ports.js";
import type { MonitoringCheck, Severity } from "../types.js";

/** Why a check fired: the detectors and rules that agreed, with their evidence. */
export interface CheckVerdict {
  checkId: string;
  metric: string;
  /** ok: nothing to report; anomaly: detectors fired for `sustained` points; breach: an absolute threshold was crossed for `sustained` points. */
  status: "ok" | "anomaly" | "breach" | "insufficient-data";
  severity: Severity;
  /** The ensemble score of the latest point, in [0, 1]. */
  score: number;
  /** Detectors whose own verdict was anomalous at the latest point. */
  fired: string[];
  /** Consecutive anomalous points ending at the latest point. */
  sustainedPoints: number;
  /** When the current run of anomalous points began (epoch ms), if it has. */
  since?: number;
  /** The latest value and the bound it crossed, if any. */
  latest?: { t: number; value: number };
  bound?: { min?: number; max?: number };
  /** The points the verdict rests on (the tail of the series), for charts in issues and PRs. */
  evidence: Datapoint[];
  /** One line for a person. */
  summary: string;
  /** The combined score (in [0, 1], before alarm damping) of each evidence point, same order and length. */
  evidenceScores?: number[];
}

/** Evaluates one monitoring check over one series (oldest first). Pure and deterministic. */
export type EvaluateCheck = (series: Datapoint[], check: MonitoringCheck, opts: { periodSeconds: number }) => CheckVerdict;

/**
 * Evaluates one multi-metric check (`check.metrics`, 2 or more) over one series per metric, keyed by
 * metric name (each oldest first; a missing key is an empty series). Pure and deterministic.
 */
export type EvaluateMultiCheck = (seriesByMetric: Readonly<Record<string, readonly Datapoint[]>>, check: MonitoringCheck, opts: { periodSeconds: number }) => CheckVerdict;

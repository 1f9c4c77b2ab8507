import type { Datapoint } from "../../ports.js";
import type { MonitoringCheck } from "../types.js";
import type { CheckVerdict, EvaluateCheck } from "./types.js";
import { DEFAULT_DETECTORS } from "./default-config.js";
import { streamScorer } from "./score-series.js";
import { runLength, summarize } from "./verdict-text.js";

/** Points of the series' tail returned as evidence (at least 2 x sustained). */
export const EVIDENCE_POINTS = 60;
/** Fewer finite points than this, and no breach: "insufficient-data" (detectors need about 10 points to start). */
export const MIN_POINTS = 10;
/** A point is anomalous when the combined score reaches this (0.5 = a detector's own threshold). */
export const ANOMALY_SCORE = 0.5;

/**
 * Evaluates one monitoring check (see EvaluateCheck in ./types.ts). The check's detectors (the
 * default ensemble when it names none) score every point causally; a point is anomalous when a
 * detector reaches its threshold (before the ensemble's damping of repeated alarms, so that an
 * incident can be "sustained"), and breaches when it lies outside `check.threshold`. The status
 * is "breach" when the last `sustained` points all breach, else "anomaly" when they are all
 * anomalous (or breaching), else "ok". A gap of more than 1.5 periods between two points breaks a
 * run. Non-finite values count as missing: they neither extend nor break a run. With fewer than
 * MIN_POINTS finite points and no breach the status is "insufficient-data" (score 0 when there is no finite point).
 */
export const evaluateCheck: EvaluateCheck = (series, check, opts) => {
  const refs = check.detectors.length ? check.detectors : DEFAULT_DETECTORS;
  const scorer = streamScorer(refs);
  const sustained = Math.max(1, Math.floor(check.sustained || 1));
  const maxGap = 1.5 * Math.max(1, opts.periodSeconds) * 1000;
  const flags: { t: number; value: number; score: number; anomalous: boolean; breach: boolean }[] = [];
  let score = 0;
  const lastUnits = new Float64Array(scorer.names.length);
  for (const p of series) {
    scorer.push(p.t, p.value);
    if (!Number.isFinite(p.value) || !Number.isFinite(p.t)) continue;
    const breach = outside(p.value, check.threshold);
    lastUnits.set(scorer.undamped);
    score = Math.max(...lastUnits);
    flags.push({ t: p.t, value: p.value, score, anomalous: score >= ANOMALY_SCORE, breach });
  }
  const fired = scorer.names.filter((_, i) => lastUnits[i]! >= ANOMALY_SCORE);
  const finite = series.filter((p) => Number.isFinite(p.value) && Number.isFinite(p.t));
  const tail = Math.max(EVIDENCE_POINTS, 2 * sustained);
  const evidence = finite.slice(-tail);
  const evidenceScores = flags.slice(-tail).map((f) => f.score);
  const last = flags[flags.length - 1];
  const base = { checkId: check.id, metric: check.metric, severity: check.severity, evidence, evidenceScores, bound: boundOf(check) };
  if (!last) {
    return { ...base, status: "insufficient-data", score: 0, fired: [], sustainedPoints: 0, summary: `${check.metric}: no data` };
  }
  const breachRun = runLength(flags, (f) => f.breach, maxGap);
  const anomalyRun = runLength(flags, (f) => f.breach || f.anomalous, maxGap);
  const found: CheckVerdict["status"] = breachRun.length >= sustained ? "breach" : anomalyRun.length >= sustained ? "anomaly" : "ok";
  // too few points for the detectors to judge: say so rather than "ok" (a breach still counts)
  const status = found === "ok" && flags.length < MIN_POINTS ? "insufficient-data" : found;
  const run = status === "breach" ? breachRun : anomalyRun;
  const verdict: CheckVerdict = {
    ...base,
    status,
    score,
    fired: last.breach ? [...fired, "threshold"] : fired,
    sustainedPoints: run.length,
    since: run.length > 0 ? run.since : undefined,
    latest: { t: last.t, value: last.value },
    summary: "",
  };
  verdict.summary = summarize(verdict, sustained);
  return verdict;
};

function outside(v: number, b: MonitoringCheck["threshold"]): boolean {
  return (b.min !== undefined && v < b.min) || (b.max !== undefined && v > b.max);
}

function boundOf(check: MonitoringCheck): CheckVerdict["bound"] {
  const { min, max } = check.threshold;
  return min === undefined && max === undefined ? undefined : { min, max };
}

export type { Datapoint };

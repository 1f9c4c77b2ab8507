/**
 * Monitor evaluation: turns the planned queries and what was read into one job per check, evaluates
 * them all in one call, and collects statuses and findings. Split-traffic series are set aside here.
 */
import { InternalError } from "../core/errors.js";
import { evaluateCheck as defaultEvaluateCheck } from "../core/detect/evaluate-check.js";
import { evaluateMultiCheck as defaultEvaluateMultiCheck } from "../core/detect/evaluate-multi-check.js";
import type { CheckVerdict, EvaluateCheck, EvaluateMultiCheck } from "../core/detect/types.js";
import type { PlannedQuery } from "../core/monitor/build-queries.js";
import { toCheckStatus, toFinding } from "../core/monitor/to-findings.js";
import type { CheckStatus, MonitorFinding } from "../core/monitor/types.js";
import type { MonitoringCheck } from "../core/types.js";
import type { Datapoint, SeriesResult } from "../ports.js";

/** One check to evaluate: a single-metric check over its series, or a multi-metric check over one series per metric. */
export type EvaluationJob =
  | { kind: "single"; series: Datapoint[]; check: MonitoringCheck; opts: { periodSeconds: number } }
  | { kind: "multi"; seriesByMetric: Record<string, Datapoint[]>; check: MonitoringCheck; opts: { periodSeconds: number } };

/** Evaluates jobs; resolves to one verdict per job, in job order. */
export type EvaluateAll = (jobs: EvaluationJob[]) => Promise<CheckVerdict[]>;

/** Evaluates jobs one after the other in this thread (default: the detection engine's functions). */
export function evaluateJobs(jobs: readonly EvaluationJob[], evaluate: EvaluateCheck = defaultEvaluateCheck, evaluateMulti: EvaluateMultiCheck = defaultEvaluateMultiCheck): CheckVerdict[] {
  return jobs.map((j) => (j.kind === "single" ? evaluate(j.series, j.check, j.opts) : evaluateMulti(j.seriesByMetric, j.check, j.opts)));
}

/** The series of one split-traffic check: its points per served version (model -> check id -> this). */
export type VariantPoints = Map<string, Map<string, { check: PlannedQuery["series"]["check"]; points: Map<string, Datapoint[]>; periodSeconds: number }>>;

/** What evaluating the checks of a run yields. */
export interface EvaluatedChecks {
  /** One status per non-split check, in `planned` order. */
  statuses: CheckStatus[];
  /** The findings of those checks, in `planned` order. */
  findings: MonitorFinding[];
  /** Per-version series of split-traffic checks, not evaluated here (see splitFindings). */
  variantPoints: VariantPoints;
}

/**
 * Evaluates every planned check against the series read: every check's job first, then all of them in
 * one `evaluateAll` call (not called when there is no job). A check whose series could not be read at
 * all gets an "insufficient-data" verdict without a job. Throws InternalError when `evaluateAll`
 * returns a different number of verdicts than jobs.
 */
export async function evaluateChecks(planned: readonly PlannedQuery[], results: Map<string, SeriesResult>, evaluateAll: EvaluateAll): Promise<EvaluatedChecks> {
  const statuses: CheckStatus[] = [];
  const findings: MonitorFinding[] = [];
  const evaluated: { p: PlannedQuery; points: Datapoint[]; verdict: CheckVerdict | number }[] = [];
  const jobs: EvaluationJob[] = [];
  const variantPoints: VariantPoints = new Map();
  for (const p of planned) {
    const r = results.get(p.query.id);
    const points = r?.points ?? [];
    if (p.series.version !== undefined) {
      const perModel = variantPoints.get(p.series.model) ?? new Map();
      const entry = perModel.get(p.series.check.id) ?? { check: p.series.check, points: new Map(), periodSeconds: p.series.periodSeconds };
      entry.points.set(p.series.version, points);
      perModel.set(p.series.check.id, entry);
      variantPoints.set(p.series.model, perModel);
      continue;
    }
    const job = p.queries.length > 1 ? multiJob(p, results) : r?.error !== undefined && points.length === 0 ? unreadable(p, r.error) : ({ kind: "single", series: points, check: p.series.check, opts: { periodSeconds: p.series.periodSeconds } } as const);
    evaluated.push({ p, points, verdict: "kind" in job ? jobs.push(job) - 1 : job });
  }
  const verdicts = jobs.length > 0 ? await evaluateAll(jobs) : [];
  if (verdicts.length !== jobs.length) throw new InternalError(`evaluateAll returned ${verdicts.length} verdicts for ${jobs.length} checks`);
  for (const { p, points, verdict: v } of evaluated) {
    const verdict = typeof v === "number" ? verdicts[v]! : v;
    statuses.push(toCheckStatus(p.series, verdict, points, readErrorOf(p, results)));
    const f = toFinding(p.series, verdict);
    if (f) findings.push(f);
  }
  return { statuses, findings, variantPoints };
}

/** A multi-metric check's job, or its "not read" verdict when a metric could not be read at all. */
function multiJob(p: PlannedQuery, results: Map<string, SeriesResult>): EvaluationJob | CheckVerdict {
  const byMetric: Record<string, Datapoint[]> = {};
  for (const [i, q] of p.queries.entries()) {
    const r = results.get(q.id);
    if (r?.error !== undefined && r.points.length === 0) return unreadable(p, `${p.series.check.metrics[i]}: ${r.error}`);
    byMetric[p.series.check.metrics[i]!] = r?.points ?? [];
  }
  return { kind: "multi", seriesByMetric: byMetric, check: p.series.check, opts: { periodSeconds: p.series.periodSeconds } };
}

/** The read errors of a check's series, joined; undefined when all were read. */
function readErrorOf(p: PlannedQuery, results: Map<string, SeriesResult>): string | undefined {
  const errors = p.queries.map((q) => results.get(q.id)?.error).filter((e): e is string => e !== undefined);
  return errors.length ? errors.join("; ") : undefined;
}

function unreadable(p: PlannedQuery, error: string): CheckVerdict {
  return { checkId: p.series.check.id, metric: p.series.check.metric, status: "insufficient-data", severity: p.series.check.severity, score: 0, fired: [], sustainedPoints: 0, evidence: [], summary: `not read: ${error}` };
}

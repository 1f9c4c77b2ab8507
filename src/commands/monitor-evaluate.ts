/**
 * Monitor evaluation: turns the planned queries and what was read into one job per check, evaluates
 * them all in one call, and collects statuses and findings. Split-traffic series are set aside here.
 */
import { InternalError } from "../core/errors.js";
import { evaluateCheck as defaultEvaluateCheck } from "../core/detect/evaluate-check.js";
import { evaluateMultiCheck as defaultEvaluateMultiCheck } from "../core/detect/evaluate-multi-check.js";
import type { CheckVerdict, EvaluateCheck, EvaluateMultiCheck } from "../core/detect/types.js";
import type { PlannedQuery } from "../core/monitor/build-queries.js";
import { coverageFinding, readCoverage, variantCheckId, type CoverageRow } from "../core/monitor/coverage.js";
import { seriesCheckId, toCheckStatus, toFinding } from "../core/monitor/to-findings.js";
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
  /** One status per evaluated check (per-variant checks and comparison series included), in `planned` order. */
  statuses: CheckStatus[];
  /** The findings of those checks, coverage gaps (no-data, stale, unreadable) included, in `planned` order. */
  findings: MonitorFinding[];
  /** Per-version series of split-traffic checks with `compareVariants`, for the split comparison (see splitFindings). */
  variantPoints: VariantPoints;
  /** How every (model, check, variant) ended: ok, finding, no-data, stale or unreadable; in `planned` order. */
  coverage: CoverageRow[];
}

/** When the run evaluates, and how old a planned check's data may be (seconds). */
export interface CoverageClock {
  now: number;
  freshness: (p: PlannedQuery) => number;
}

/**
 * Evaluates every planned check against the series read: every check's job first, then all of them in
 * one `evaluateAll` call (not called when there is no job). A check whose series could not be read, or
 * has no datapoint, gets an "insufficient-data" verdict without a job and a coverage finding of its own
 * kind; a stale one, or one read in part (the source names what it left out, e.g. a file's bad rows,
 * and returns the rest), is still evaluated, and is a stale or unreadable finding unless its data gives
 * a finding (which then says what is wrong with the data). Throws InternalError when `evaluateAll` returns a different number of
 * verdicts than jobs.
 */
export async function evaluateChecks(planned: readonly PlannedQuery[], results: Map<string, SeriesResult>, evaluateAll: EvaluateAll, clock: CoverageClock): Promise<EvaluatedChecks> {
  const statuses: CheckStatus[] = [];
  const findings: MonitorFinding[] = [];
  const coverage: CoverageRow[] = [];
  const evaluated: { p: PlannedQuery; points: Datapoint[]; verdict: CheckVerdict | number; gap: ReturnType<typeof readCoverage> }[] = [];
  const jobs: EvaluationJob[] = [];
  const variantPoints: VariantPoints = new Map();
  for (const p of planned) {
    const r = results.get(p.query.id);
    const points = r?.points ?? [];
    const gap = gapOf(p, results, clock);
    if (p.series.version !== undefined && p.series.check.compareVariants && p.series.check.metrics.length === 1) {
      const perModel = variantPoints.get(p.series.model) ?? new Map();
      const entry = perModel.get(p.series.check.id) ?? { check: p.series.check, points: new Map(), periodSeconds: p.series.periodSeconds };
      entry.points.set(p.series.version, points);
      perModel.set(p.series.check.id, entry);
      variantPoints.set(p.series.model, perModel);
    }
    if (p.series.version !== undefined && !p.series.perVariant) {
      // read only for the split comparison: its coverage counts, its verdict is the comparison's
      const last = points[points.length - 1];
      // Its latest value against the check's threshold: a variant breaching is not shown green (the finding is the endpoint's or the comparison's).
      const { min, max } = p.series.check.threshold;
      const outside = last === undefined ? undefined : min !== undefined && last.value < min ? `below min ${min}` : max !== undefined && last.value > max ? `above max ${max}` : undefined;
      const summary = `read for the comparison between variants${outside ? `; latest ${last!.value} is ${outside}` : ""}`;
      const verdict: CheckVerdict = gap ? notRead(p, gap.detail) : { ...notRead(p, summary), status: outside ? "breach" : "ok", ...(last ? { latest: { t: last.t, value: last.value } } : {}) };
      evaluated.push({ p, points, verdict, gap });
      continue;
    }
    // A partial read (a source that skipped bad rows, named in `error`, and returned the rest) is still
    // evaluated: a breach in what was read is acted on; the check stays "unreadable" (never silently green).
    const partial = gap?.kind === "unreadable" && p.queries.every((q) => (results.get(q.id)?.points.length ?? 0) > 0);
    const blind = gap && gap.kind !== "stale" && !partial;
    const job = blind ? notRead(p, gap.detail) : p.queries.length > 1 ? multiJob(p, results) : ({ kind: "single", series: points, check: p.series.check, opts: { periodSeconds: p.series.periodSeconds } } as const);
    evaluated.push({ p, points, verdict: "kind" in job ? jobs.push(job) - 1 : job, gap });
  }
  const verdicts = jobs.length > 0 ? await evaluateAll(jobs) : [];
  if (verdicts.length !== jobs.length) throw new InternalError(`evaluateAll returned ${verdicts.length} verdicts for ${jobs.length} checks`);
  for (const { p, points, verdict: v, gap } of evaluated) {
    const verdict = typeof v === "number" ? verdicts[v]! : v;
    const status = toCheckStatus(p.series, verdict, points, readErrorOf(p, results));
    // A version's series read only for the comparison is shown as that version's (`mape@2026.10`), not as
    // a second `mape`; its findings, if any, come from the comparison under the check's own id.
    if (p.series.version !== undefined && !p.series.perVariant) status.checkId = variantCheckId(p.series.check.id, p.series.version);
    const f = p.series.version !== undefined && !p.series.perVariant ? undefined : toFinding(p.series, verdict);
    const outcome = gap ? gap.kind : f ? "finding" : "ok";
    status.outcome = outcome;
    statuses.push(status);
    if (f && gap) f.summary = `${f.summary} (data ${gap.detail})`;
    if (f) findings.push(f);
    else if (gap) findings.push(coverageFinding(p.series, gap.kind, gap.detail, gap.newest));
    coverage.push({
      model: p.series.model,
      check: p.series.check.id,
      ...(p.series.version !== undefined ? { variant: p.series.version } : {}),
      outcome,
      ...(gap?.newest !== undefined ? { newest: gap.newest } : points.length ? { newest: points[points.length - 1]!.t } : {}),
      detail: gap?.detail ?? f?.summary ?? verdict.summary,
    });
  }
  return { statuses, findings, variantPoints, coverage };
}

/** The coverage gap of a check over all its series: unreadable before no-data before stale (the oldest newest point). */
function gapOf(p: PlannedQuery, results: Map<string, SeriesResult>, clock: CoverageClock): ReturnType<typeof readCoverage> {
  const limit = clock.freshness(p);
  const gaps = p.queries.map((q, i) => {
    const r = results.get(q.id);
    const gap = readCoverage(r?.points ?? [], r ? r.error : "not read", clock.now, limit);
    return gap && p.queries.length > 1 ? { ...gap, detail: `${p.series.check.metrics[i]}: ${gap.detail}` } : gap;
  });
  const rank = { unreadable: 0, "no-data": 1, stale: 2 } as const;
  return gaps.filter((g) => g !== undefined).sort((a, b) => rank[a.kind] - rank[b.kind] || (a.newest ?? 0) - (b.newest ?? 0))[0];
}

/** A multi-metric check's job. */
function multiJob(p: PlannedQuery, results: Map<string, SeriesResult>): EvaluationJob {
  const byMetric: Record<string, Datapoint[]> = {};
  for (const [i, q] of p.queries.entries()) byMetric[p.series.check.metrics[i]!] = results.get(q.id)?.points ?? [];
  return { kind: "multi", seriesByMetric: byMetric, check: p.series.check, opts: { periodSeconds: p.series.periodSeconds } };
}

/** The read errors of a check's series, joined; undefined when all were read. */
function readErrorOf(p: PlannedQuery, results: Map<string, SeriesResult>): string | undefined {
  const errors = p.queries.map((q) => results.get(q.id)?.error).filter((e): e is string => e !== undefined);
  return errors.length ? errors.join("; ") : undefined;
}

function notRead(p: PlannedQuery, detail: string): CheckVerdict {
  return { checkId: seriesCheckId(p.series), metric: p.series.check.metric, status: "insufficient-data", severity: p.series.check.severity, score: 0, fired: [], sustainedPoints: 0, evidence: [], summary: detail };
}

/**
 * `steward monitor`, one pass in four phases, each a call below with a typed result:
 *
 *   1. read     (I/O in)   the repository, every metric series, the drift samples, the model-health
 *                          issue (what earlier runs recorded), git history of split models, live plans
 *   2. evaluate (pure)     every (model, check, variant) ends as ok, finding, no-data, stale or
 *                          unreadable; split comparisons; drift. Detectors may run on worker threads.
 *   3. plan     (pure)     what to do, decided by src/core/monitor/plan-remediation.ts against what
 *                          GitHub shows. What it shows is looked up first, and only what these
 *                          findings and the open incidents need (the calls follow findings, not models).
 *   4. act      (I/O out)  issues, pull requests, events, each outcome recorded as the API answered;
 *                          then the model-health issue, which records the incidents for the next run.
 *
 * How a rollback is decided: src/core/monitor/plan-remediation.ts (rules in match-rules.ts, target in
 * rollback-target.ts). On --dry-run, act writes what it would do under --out instead.
 */
import { describeError, UserError } from "../core/errors.js";
import { evaluateCheck as defaultEvaluateCheck } from "../core/detect/evaluate-check.js";
import { evaluateMultiCheck as defaultEvaluateMultiCheck } from "../core/detect/evaluate-multi-check.js";
import { healthMarker, incidentKey } from "../core/github-conventions.js";
import { buildQueries, servedStage, servedVariants, uniqueQueries, type PlannedQuery } from "../core/monitor/build-queries.js";
import { freshnessLimit, sortCoverage, type CoverageRow } from "../core/monitor/coverage.js";
import { unreachableChecks } from "../core/monitor/unused-checks.js";
import { expandEnvironments } from "../core/monitor/environments.js";
import { decodeState } from "../core/monitor/markers.js";
import { modelHealth } from "../core/monitor/model-health.js";
import { observationsNeeded, planRemediation, type RemediationPlan } from "../core/monitor/plan-remediation.js";
import { renderHealth } from "../core/monitor/render-health.js";
import { describeAction, trimFindings, type ActionOutcome, type MonitorReport } from "../core/monitor/report.js";
import type { StageRecord } from "../core/monitor/rollback-target.js";
import { runStatus } from "../core/monitor/run-status.js";
import { inShard } from "../core/monitor/shard.js";
import { splitFindings } from "../core/monitor/split-findings.js";
import type { CheckStatus, Incident, MonitorAction, MonitorFinding, Observed } from "../core/monitor/types.js";
import { modelsForAlarm } from "../core/plan/sagemaker-alarms.js";
import type { TargetPlan } from "../core/plan/types.js";
import type { ModelSpec, PolicySpec, RepoState } from "../core/types.js";
import type { SeriesQuery, SeriesResult, StewardEvent } from "../ports.js";
import { loadRepo } from "./load-repo.js";
import { act, publish } from "./monitor-act.js";
import { reportDrift } from "./monitor-config-drift.js";
import type { MonitorDeps, MonitorOptions } from "./monitor-deps.js";
import { checkSampleDrift, type SampleDriftResult } from "./monitor-drift.js";
import { evaluateChecks, evaluateJobs, type EvaluateAll, type EvaluationJob } from "./monitor-evaluate.js";
import { upsertHealth } from "./monitor-health-issue.js";
import { observe } from "./monitor-observe.js";
import { loadHistories, readAll, splitSince } from "./monitor-read.js";

export type { MonitorDeps, MonitorOptions } from "./monitor-deps.js";
export { evaluateJobs, type EvaluateAll, type EvaluationJob } from "./monitor-evaluate.js";

/** Runs one monitor pass and returns its report. Throws only when the run cannot start (repo unreadable, unknown --model/--alarm). */
export async function runMonitor(deps: MonitorDeps, opts: MonitorOptions): Promise<MonitorReport> {
  const warnings: string[] = [];
  const read = await readPhase(deps, opts, warnings);                        // 1. read (I/O in)
  const evaluated = await evaluatePhase(read, evaluatorOf(deps));            // 2. evaluate (pure)
  const shown = await lookUp(deps, opts, read, evaluated, warnings);         // 3. plan: what GitHub shows (reads only) ...
  const plan = planPhase(read, evaluated, shown, opts);                      //    ... and the decision (pure)
  const acted = await actPhase(deps, opts, read, evaluated, shown, plan, warnings); // 4. act (I/O out, each result recorded)

  const status = runStatus({ coverage: evaluated.coverage, findings: evaluated.findings, actions: acted.outcomes, dryRun: read.dryRun });
  return {
    status,
    now: new Date(read.now).toISOString(),
    ...(opts.shard ? { shard: `${opts.shard.index}/${opts.shard.count}` } : {}),
    dryRun: read.dryRun,
    models: acted.health,
    findings: trimFindings(evaluated.findings),
    coverage: sortCoverage(evaluated.coverage),
    actions: acted.outcomes,
    warnings,
    stats: { models: read.models.length, series: read.queries.length, findings: evaluated.findings.length },
  };
}

// ---- 1. read --------------------------------------------------------------------------------------

/** Everything a pass reads before it decides anything. */
export interface MonitorReads {
  now: number;
  dryRun: boolean;
  state: RepoState;
  /** The models of this pass (monitored, in the shard, --model/--alarm), by name. */
  models: ModelSpec[];
  policies: Map<string, PolicySpec>;
  /** Set by --model or --alarm: the pass covers only these models. */
  only: Set<string> | undefined;
  planned: PlannedQuery[];
  queries: SeriesQuery[];
  /** The series read, by query id; a failed read is a result with `error`. */
  results: Map<string, SeriesResult>;
  /** The drift tests of each model with a baseline, run on the samples read. */
  drift: SampleDriftResult;
  /** The model-health issue and the incidents it recorded (for --model, only theirs). */
  health: { number: number } | undefined;
  incidents: Incident[];
  /** Served-stage history in git of the split models (when each split began). */
  histories: Map<string, StageRecord[]>;
  /** Live MLflow/SageMaker plans for configuration drift, when asked for; the error when they could not be read. */
  livePlans?: { plans: TargetPlan[] } | { error: string };
}

async function readPhase(deps: MonitorDeps, opts: MonitorOptions, warnings: string[]): Promise<MonitorReads> {
  const now = +opts.now;
  const loaded = await (deps.load ?? (() => loadRepo({ files: deps.files })))();
  for (const f of loaded.findings) if (f.severity === "error") warnings.push(`${f.file}${f.line ? `:${f.line}` : ""}: ${f.message} (left out of this run)`);
  const policies = new Map<string, PolicySpec>(loaded.state.policies.map((p) => [p.name, p]));
  const { models, only } = selectModels(loaded.state, policies, opts, warnings);

  const planned = expandEnvironments(buildQueries(models, policies), models);
  const queries = uniqueQueries(planned);
  const results = await readAll(deps.metrics, queries, models, now, deps.logger);
  for (const r of results.values()) if (r.error) warnings.push(`metrics ${r.id}: ${r.error}`);

  // Data drift: each model's current sample against its policy's baseline sample.
  const drift = await checkSampleDrift(
    { files: deps.files, metrics: deps.metrics, ...(deps.capture ? { capture: deps.capture } : {}) },
    { models, policies, pointers: loaded.state.pointers, state: loaded.state, now: opts.now },
  );
  warnings.push(...drift.warnings);

  const healthIssue = deps.scm ? await deps.scm.findIssue(healthMarker(opts.shard)) : undefined;
  // A run for some models (--model, e.g. an alarm's repository_dispatch) plans only their incidents.
  const incidents = decodeState(healthIssue?.body).filter((i) => !only || only.has(i.model));
  // the split models whose variants are compared: when each split began is in git
  const compared = new Set(planned.filter((p) => p.series.version !== undefined && p.series.check.compareVariants && p.series.check.metrics.length === 1).map((p) => p.series.model));
  const histories = await loadHistories(deps.history, models, models.filter((m) => servedVariants(m).length > 1 && compared.has(m.name)).map((m) => m.name), warnings);
  const livePlans = deps.livePlans ? await deps.livePlans().then((plans) => ({ plans }), (err: unknown) => ({ error: describeError(err) })) : undefined;

  return {
    now, dryRun: opts.dryRun ?? false, state: loaded.state, models, policies, only, planned, queries, results, drift,
    health: healthIssue ? { number: healthIssue.number } : undefined, incidents, histories, ...(livePlans ? { livePlans } : {}),
  };
}

/** The models of this pass: monitored ones, in --shard, limited by --model and --alarm (unknown names are usage errors). */
function selectModels(state: RepoState, policies: Map<string, PolicySpec>, opts: MonitorOptions, warnings: string[]): { models: ModelSpec[]; only: Set<string> | undefined } {
  const byAlarm = opts.alarm === undefined ? [] : modelsForAlarm(state, opts.alarm);
  if (opts.alarm !== undefined && byAlarm.length === 0) throw new UserError(`usage: --alarm ${opts.alarm}: no model's deployment has this alarm (alarms apply keeps are steward-<endpoint>-<check>-<min|max>; or list it in rollbackAlarms)`);
  const only = opts.models?.length || byAlarm.length ? new Set([...(opts.models ?? []), ...byAlarm]) : undefined;
  if (only) {
    const unknown = [...only].filter((name) => !state.models.some((m) => m.name === name));
    if (unknown.length) throw new UserError(`usage: --model ${unknown.join(", ")}: no such model in models/`);
  }
  // A model that serves no version (its served stage is empty, e.g. a new model from `steward init`)
  // has no series yet: it is named, not monitored, so it opens no no-data issue before its first promotion.
  const monitored = state.models.filter((m) => m.monitoring && (!only || only.has(m.name)));
  for (const m of monitored) if (servedVariants(m).length === 0) warnings.push(`${m.file}: ${m.name} serves no version in stage ${servedStage(m)} yet: not monitored until one is promoted`);
  const models = inShard(monitored.filter((m) => servedVariants(m).length > 0).sort((a, b) => a.name.localeCompare(b.name)), opts.shard);
  for (const m of models) if (!policies.has(m.policy)) warnings.push(`${m.file}: policy "${m.policy}" not found; not monitored`);
  return { models, only };
}

// ---- 2. evaluate ----------------------------------------------------------------------------------

/** What the pass found: one status and one coverage row per evaluated check, and the findings (coverage gaps included). */
export interface Evaluation {
  statuses: CheckStatus[];
  findings: MonitorFinding[];
  coverage: CoverageRow[];
}

/** The evaluator of every check job: deps.evaluateAll (worker threads in the CLI), else in this thread. */
function evaluatorOf(deps: MonitorDeps): EvaluateAll {
  const evaluate = deps.evaluateCheck ?? defaultEvaluateCheck;
  const evaluateMulti = deps.evaluateMultiCheck ?? defaultEvaluateMultiCheck;
  return deps.evaluateAll ?? (async (jobs: EvaluationJob[]) => evaluateJobs(jobs, evaluate, evaluateMulti));
}

async function evaluatePhase(read: MonitorReads, evaluateAll: EvaluateAll): Promise<Evaluation> {
  const { now, models, policies } = read;
  const policyOf = new Map(models.map((m) => [m.name, policies.get(m.policy)]));
  const freshness = (p: PlannedQuery) => freshnessLimit(p.series.periodSeconds, p.query.namespace, policyOf.get(p.series.model)?.monitoring.freshness);
  const { statuses, findings, variantPoints, coverage } = await evaluateChecks(read.planned, read.results, evaluateAll, { now, freshness });
  findings.push(...read.drift.findings);
  statuses.push(...read.drift.statuses);
  coverage.push(...read.drift.coverage);
  // A check no model can run (a misspelt metric name, say) and a model nothing checks: no-data, never silence.
  const unreachable = unreachableChecks(models, read.state.models, read.state.policies);
  findings.push(...unreachable.findings);
  statuses.push(...unreachable.statuses);
  coverage.push(...unreachable.coverage);
  // Weighted splits: each challenger against the champion, never completed to a variant with a finding of its own.
  for (const m of models.filter((x) => servedVariants(x).length > 1 && variantPoints.has(x.name))) {
    const since = splitSince(read.histories.get(m.name), servedVariants(m).map((v) => v.version));
    const failing = new Set(findings.filter((f) => f.model === m.name && f.version !== undefined).map((f) => f.version!));
    findings.push(...splitFindings({ model: m, checks: [...variantPoints.get(m.name)!.values()], now, failing, ...(since !== undefined ? { splitSince: since } : {}) }));
  }
  return { statuses, findings, coverage };
}

// ---- 3. plan --------------------------------------------------------------------------------------

/** What GitHub (and git) show for the decisions these findings need. */
export interface Shown {
  observed: Observed;
  histories: Map<string, StageRecord[]>;
}

/** Reads only: the issues and pull requests the findings and open incidents name, and the history a rollback needs. */
async function lookUp(deps: MonitorDeps, opts: MonitorOptions, read: MonitorReads, evaluated: Evaluation, warnings: string[]): Promise<Shown> {
  const needed = observationsNeeded({ models: read.models, policies: read.policies, findings: evaluated.findings, incidents: read.incidents });
  const histories = new Map(read.histories);
  const extra = needed.historyModels.filter((n) => !histories.has(n));
  for (const [k, v] of await loadHistories(deps.history, read.models, extra, warnings)) histories.set(k, v);
  const observed = await observe(deps.scm, needed, opts.concurrency ?? 8);
  return { observed, histories };
}

function planPhase(read: MonitorReads, evaluated: Evaluation, shown: Shown, opts: MonitorOptions): RemediationPlan {
  return planRemediation({
    now: read.now,
    models: read.models,
    policies: read.policies,
    versions: read.state.versions,
    statuses: evaluated.statuses,
    findings: evaluated.findings,
    incidents: read.incidents,
    observed: shown.observed,
    history: shown.histories,
    base: opts.base ?? "main",
    ...(opts.runUrl ? { runUrl: opts.runUrl } : {}),
  });
}

// ---- 4. act ---------------------------------------------------------------------------------------

/** Every action's outcome as the API answered, and the health rows the model-health issue now shows. */
export interface Acted {
  outcomes: ActionOutcome[];
  health: ReturnType<typeof modelHealth>;
}

async function actPhase(deps: MonitorDeps, opts: MonitorOptions, read: MonitorReads, evaluated: Evaluation, shown: Shown, plan: RemediationPlan, warnings: string[]): Promise<Acted> {
  const { dryRun, now, only } = read;
  const created = new Map<string, number>();
  const outcomes: ActionOutcome[] = [];
  if (read.drift.note) outcomes.push({ kind: "note", target: "drift", summary: read.drift.note, status: "noted" });
  const events: StewardEvent[] = [];
  const eventIncidents: (string | undefined)[] = [];
  for (const action of plan.actions) {
    const { target, summary } = describeAction(action);
    if (action.kind === "note") {
      outcomes.push({ kind: "note", target, summary, status: "noted" });
      continue;
    }
    if (action.kind === "publish-event") {
      events.push(action.event);
      eventIncidents.push(action.incident);
      continue;
    }
    try {
      const outcome = await act(deps, action, { dryRun, created, observed: shown.observed });
      outcomes.push({ kind: action.kind, target, summary, ...outcome });
    } catch (err) {
      const error = describeError(err);
      warnings.push(`${summary}: ${error}`);
      outcomes.push({ kind: action.kind, target, summary, status: "failed", error });
    }
  }
  const published = await publish(deps, events, dryRun, warnings);
  outcomes.push(...published);
  // an incident's opening counts as published only once EventBridge accepted it: else the next run sends it again
  const unpublished = new Set(published.flatMap((o, i) => (o.status === "failed" && eventIncidents[i] ? [eventIncidents[i]] : [])));

  // Remember: the incidents (with the numbers of issues opened now) in the model-health issue.
  const kept: Incident[] = plan.incidents.map((i) => {
    const key = incidentKey(i.model, i.checkId);
    const n = i.issue ?? created.get(key);
    const out = n === undefined ? i : { ...i, issue: n };
    return unpublished.has(key) ? { ...out, published: false } : out;
  });
  const changes = [
    ...plan.actions.filter((a): a is Extract<MonitorAction, { kind: "propose-change" }> => a.kind === "propose-change").map((a) => ({ model: a.model, branch: a.branch })),
    ...kept.filter((i) => i.change).map((i) => ({ model: i.model, branch: i.change!.branch })),
  ];
  const health = modelHealth(read.models, evaluated.statuses, evaluated.findings, kept, changes);
  // the health issue says what the run amounts to so far (its own update cannot be in it)
  const sofar = runStatus({ coverage: evaluated.coverage, findings: evaluated.findings, actions: outcomes, dryRun });
  const rendered = renderHealth({ health, incidents: kept, now, headline: sofar.headline, coverage: evaluated.coverage, ...(opts.shard ? { shard: opts.shard } : {}), ...(opts.runUrl ? { runUrl: opts.runUrl } : {}) });
  // The health issue lists every model of the shard: a run for some models leaves it to the next full run.
  if (only) warnings.push(`model-health issue not updated: this run covered only ${[...only].join(", ")} (--model); the next full run updates it`);
  else outcomes.push(await upsertHealth(deps, read.health?.number, { ...rendered, marker: healthMarker(opts.shard) }, dryRun, warnings));

  if (read.livePlans) outcomes.push(...(await reportDrift(deps, read.livePlans, dryRun, warnings)));
  return { outcomes, health };
}

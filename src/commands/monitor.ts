/**
 * `steward monitor`: read metrics, evaluate every check, decide remediation (pure, src/core/monitor),
 * then act through the ports (issues and PRs through Scm, events through EventBus), or write
 * everything it would do under --out (--dry-run). The decisions live in src/core/monitor; this file
 * only reads, sequences and writes.
 */
import { describeError } from "../core/errors.js";
import { evaluateCheck as defaultEvaluateCheck } from "../core/detect/evaluate-check.js";
import { evaluateMultiCheck as defaultEvaluateMultiCheck } from "../core/detect/evaluate-multi-check.js";
import { buildQueries, servedVariants, uniqueQueries, type PlannedQuery } from "../core/monitor/build-queries.js";
import { expandEnvironments } from "../core/monitor/environments.js";
import { freshnessLimit, sortCoverage } from "../core/monitor/coverage.js";
import { runStatus } from "../core/monitor/run-status.js";
import { healthMarker, incidentKey } from "../core/github-conventions.js";
import { decodeState } from "../core/monitor/markers.js";
import { modelHealth } from "../core/monitor/model-health.js";
import { observationsNeeded, planRemediation } from "../core/monitor/plan-remediation.js";
import { renderHealth } from "../core/monitor/render-health.js";
import { describeAction, trimFindings, type ActionOutcome, type MonitorReport } from "../core/monitor/report.js";
import { inShard } from "../core/monitor/shard.js";
import { UserError } from "../core/errors.js";
import { modelsForAlarm } from "../core/plan/sagemaker-alarms.js";
import { splitFindings } from "../core/monitor/split-findings.js";
import type { Incident, MonitorAction } from "../core/monitor/types.js";
import type { PolicySpec } from "../core/types.js";
import type { StewardEvent } from "../ports.js";
import { loadRepo } from "./load-repo.js";
import { act, publish } from "./monitor-act.js";
import { reportDrift } from "./monitor-config-drift.js";
import type { MonitorDeps, MonitorOptions } from "./monitor-deps.js";
import { checkSampleDrift } from "./monitor-drift.js";
import { evaluateChecks, evaluateJobs, type EvaluationJob } from "./monitor-evaluate.js";
import { upsertHealth } from "./monitor-health-issue.js";
import { observe } from "./monitor-observe.js";
import { loadHistories, readAll, splitSince } from "./monitor-read.js";

export type { MonitorDeps, MonitorOptions } from "./monitor-deps.js";
export { evaluateJobs, type EvaluateAll, type EvaluationJob } from "./monitor-evaluate.js";

/** Runs one monitor pass and returns its report. Throws only when the run cannot start (repo unreadable). */
export async function runMonitor(deps: MonitorDeps, opts: MonitorOptions): Promise<MonitorReport> {
  const now = +opts.now;
  const dryRun = opts.dryRun ?? false;
  const warnings: string[] = [];
  const { logger } = deps;
  const evaluate = deps.evaluateCheck ?? defaultEvaluateCheck;
  const evaluateMulti = deps.evaluateMultiCheck ?? defaultEvaluateMultiCheck;
  const evaluateAll = deps.evaluateAll ?? (async (jobs: EvaluationJob[]) => evaluateJobs(jobs, evaluate, evaluateMulti));

  const loaded = await (deps.load ?? (() => loadRepo({ files: deps.files })))();
  for (const f of loaded.findings) if (f.severity === "error") warnings.push(`${f.file}${f.line ? `:${f.line}` : ""}: ${f.message} (left out of this run)`);
  const policies = new Map<string, PolicySpec>(loaded.state.policies.map((p) => [p.name, p]));
  const byAlarm = opts.alarm === undefined ? [] : modelsForAlarm(loaded.state, opts.alarm);
  if (opts.alarm !== undefined && byAlarm.length === 0) throw new UserError(`usage: --alarm ${opts.alarm}: no model's deployment has this alarm (alarms apply keeps are steward-<endpoint>-<check>-<min|max>; or list it in rollbackAlarms)`);
  const only = opts.models?.length || byAlarm.length ? new Set([...(opts.models ?? []), ...byAlarm]) : undefined;
  if (only) {
    const unknown = [...only].filter((name) => !loaded.state.models.some((m) => m.name === name));
    if (unknown.length) throw new UserError(`usage: --model ${unknown.join(", ")}: no such model in models/`);
  }
  const models = inShard(
    loaded.state.models.filter((m) => m.monitoring && (!only || only.has(m.name))).sort((a, b) => a.name.localeCompare(b.name)),
    opts.shard,
  );
  for (const m of models) if (!policies.has(m.policy)) warnings.push(`${m.file}: policy "${m.policy}" not found; not monitored`);

  // Read.
  const planned = expandEnvironments(buildQueries(models, policies), models);
  const queries = uniqueQueries(planned);
  const results = await readAll(deps.metrics, queries, models, now, logger);
  for (const r of results.values()) if (r.error) warnings.push(`metrics ${r.id}: ${r.error}`);

  // Evaluate: every check's job first, then all of them in one call (worker threads in the CLI).
  const freshness = (p: PlannedQuery) => freshnessLimit(p.series.periodSeconds, p.query.namespace, policies.get(models.find((m) => m.name === p.series.model)?.policy ?? "")?.monitoring.freshness);
  const { statuses, findings, variantPoints, coverage } = await evaluateChecks(planned, results, evaluateAll, { now, freshness });

  // Data drift: each model's current sample against its policy's baseline sample.
  const sampled = await checkSampleDrift(
    { files: deps.files, metrics: deps.metrics, ...(deps.capture ? { capture: deps.capture } : {}) },
    { models, policies, pointers: loaded.state.pointers, state: loaded.state, now: opts.now },
  );
  findings.push(...sampled.findings);
  statuses.push(...sampled.statuses);
  coverage.push(...sampled.coverage);
  warnings.push(...sampled.warnings);

  // What GitHub shows, and git history where a decision needs it.
  const health = deps.scm ? await deps.scm.findIssue(healthMarker(opts.shard)) : undefined;
  // A run for some models (--model, e.g. an alarm's repository_dispatch) plans only their incidents.
  const incidents = decodeState(health?.body).filter((i) => !only || only.has(i.model));
  const splitModels = models.filter((m) => servedVariants(m).length > 1 && variantPoints.has(m.name));
  const histories = await loadHistories(deps.history, models, [...splitModels.map((m) => m.name)], warnings);
  for (const m of splitModels) {
    const since = splitSince(histories.get(m.name), servedVariants(m).map((v) => v.version));
    const failing = new Set(findings.filter((f) => f.model === m.name && f.version !== undefined).map((f) => f.version!));
    findings.push(...splitFindings({ model: m, checks: [...variantPoints.get(m.name)!.values()], now, failing, ...(since !== undefined ? { splitSince: since } : {}) }));
  }
  const needed = observationsNeeded({ models, policies, findings, incidents });
  const extra = needed.historyModels.filter((n) => !histories.has(n));
  for (const [k, v] of await loadHistories(deps.history, models, extra, warnings)) histories.set(k, v);
  const observed = await observe(deps.scm, needed, opts.concurrency ?? 8);

  // Decide.
  const plan = planRemediation({
    now,
    models,
    policies,
    versions: loaded.state.versions,
    statuses,
    findings,
    incidents,
    observed,
    history: histories,
    base: opts.base ?? "main",
    ...(opts.runUrl ? { runUrl: opts.runUrl } : {}),
  });

  // Act.
  const created = new Map<string, number>();
  const outcomes: ActionOutcome[] = [];
  if (sampled.note) outcomes.push({ kind: "note", target: "drift", summary: sampled.note, status: "noted" });
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
      const outcome = await act(deps, action, { dryRun, created, observed });
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
  const healthRows = modelHealth(models, statuses, findings, kept, changes);
  // the health issue says what the run amounts to so far (its own update cannot be in it)
  const sofar = runStatus({ coverage, findings, actions: outcomes, dryRun });
  const rendered = renderHealth({ health: healthRows, incidents: kept, now, headline: sofar.headline, coverage, ...(opts.shard ? { shard: opts.shard } : {}), ...(opts.runUrl ? { runUrl: opts.runUrl } : {}) });
  // The health issue lists every model of the shard: a run for some models leaves it to the next full run.
  if (only) warnings.push(`model-health issue not updated: this run covered only ${[...only].join(", ")} (--model); the next full run updates it`);
  else outcomes.push(await upsertHealth(deps, health?.number, { ...rendered, marker: healthMarker(opts.shard) }, dryRun, warnings));

  if (deps.livePlans) outcomes.push(...(await reportDrift(deps, dryRun, warnings)));

  const status = runStatus({ coverage, findings, actions: outcomes, dryRun });
  return {
    status,
    now: new Date(now).toISOString(),
    ...(opts.shard ? { shard: `${opts.shard.index}/${opts.shard.count}` } : {}),
    dryRun,
    models: healthRows,
    findings: trimFindings(findings),
    coverage: sortCoverage(coverage),
    actions: outcomes,
    warnings,
    stats: { models: models.length, series: queries.length, findings: findings.length },
  };
}

/**
 * `steward monitor`: read metrics, evaluate every check, decide remediation (pure, src/core/monitor),
 * then act through the ports (issues and PRs through Scm, events through EventBus), or write
 * everything it would do under --out (--dry-run). The decisions live in src/core/monitor; this file
 * only reads, sequences and writes.
 */
import { describeError, InternalError } from "../core/errors.js";
import { evaluateCheck as defaultEvaluateCheck } from "../core/detect/evaluate-check.js";
import { evaluateMultiCheck as defaultEvaluateMultiCheck } from "../core/detect/evaluate-multi-check.js";
import type { CheckVerdict, EvaluateCheck, EvaluateMultiCheck } from "../core/detect/types.js";
import type { TargetPlan } from "../core/plan/types.js";
import { alignRange } from "../core/monitor/align-range.js";
import { buildQueries, servedStage, servedVariants, uniqueQueries, type PlannedQuery } from "../core/monitor/build-queries.js";
import { driftIssues } from "../core/monitor/config-drift.js";
import { dryRunFiles } from "../core/monitor/dry-run-files.js";
import { applyModelEdit } from "../core/monitor/edit-model-file.js";
import { decodeState, healthMarker, incidentMarker } from "../core/monitor/markers.js";
import { modelHealth } from "../core/monitor/model-health.js";
import { observationsNeeded, planRemediation } from "../core/monitor/plan-remediation.js";
import { renderHealth } from "../core/monitor/render-health.js";
import { describeAction, trimFindings, type ActionOutcome, type MonitorReport } from "../core/monitor/report.js";
import type { StageRecord } from "../core/monitor/rollback-target.js";
import { inShard, type Shard } from "../core/monitor/shard.js";
import { splitFindings } from "../core/monitor/split-findings.js";
import { toCheckStatus, toFinding } from "../core/monitor/to-findings.js";
import { unifiedDiff } from "../core/text/line-diff.js";
import type { CheckStatus, Incident, MonitorAction, MonitorFinding, Observed } from "../core/monitor/types.js";
import type { ModelSpec, MonitoringCheck, PolicySpec } from "../core/types.js";
import type { Datapoint, EventBus, GitHistory, Logger, MetricSource, RepoFiles, Scm, SeriesQuery, SeriesResult, StewardEvent } from "../ports.js";
import { loadRepo, type LoadedRepo } from "./load-repo.js";
import { checkSampleDrift } from "./monitor-drift.js";
import { loadStageHistory } from "./stage-history.js";

export interface MonitorDeps {
  metrics: MetricSource;
  /** The governed repository: model.yaml files are read from it to build PR edits. */
  files: RepoFiles;
  logger: Logger;
  /** Evaluates one check; default the detection engine's (src/core/detect/evaluate-check.ts). Tests inject their own. */
  evaluateCheck?: EvaluateCheck;
  /** Evaluates one multi-metric check; default the detection engine's (src/core/detect/evaluate-multi-check.ts). */
  evaluateMultiCheck?: EvaluateMultiCheck;
  /**
   * Evaluates every check of the run in one call (verdicts in job order); default in-thread, with
   * `evaluateCheck` and `evaluateMultiCheck`. The CLI passes workerEvaluator (src/adapters/detect).
   */
  evaluateAll?: EvaluateAll;
  /** Loads the desired state; default loadRepo({ files }). */
  load?: () => Promise<LoadedRepo>;
  /** GitHub. Without it nothing is read back or written there (dry runs without a token). */
  scm?: Scm;
  /** EventBridge. Without it events are reported as not published (a warning). */
  events?: EventBus;
  /** Git history of the repository, for rollback targets and split ages. */
  history?: GitHistory;
  /** Where --dry-run writes what it would do. */
  out?: Pick<RepoFiles, "write">;
  /** Live plans of MLflow/SageMaker (steward plan), for configuration drift issues; optional. */
  livePlans?: () => Promise<TargetPlan[]>;
}

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

export interface MonitorOptions {
  now: Date;
  shard?: Shard;
  /** Change nothing: write issue bodies, PR patches and events under `deps.out`. GitHub is only read. */
  dryRun?: boolean;
  /** The branch PRs target; default "main". */
  base?: string;
  /** Link to the CI run, for issue and PR bodies. */
  runUrl?: string;
  /** GitHub reads in flight at once; default 8. */
  concurrency?: number;
}

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
  const models = inShard(
    loaded.state.models.filter((m) => m.monitoring).sort((a, b) => a.name.localeCompare(b.name)),
    opts.shard,
  );
  for (const m of models) if (!policies.has(m.policy)) warnings.push(`${m.file}: policy "${m.policy}" not found; not monitored`);

  // Read.
  const planned = buildQueries(models, policies);
  const queries = uniqueQueries(planned);
  const results = await readAll(deps.metrics, queries, models, now, logger);
  for (const r of results.values()) if (r.error) warnings.push(`metrics ${r.id}: ${r.error}`);

  // Evaluate: every check's job first, then all of them in one call (worker threads in the CLI).
  const statuses: CheckStatus[] = [];
  const findings: MonitorFinding[] = [];
  const evaluated: { p: PlannedQuery; points: Datapoint[]; verdict: CheckVerdict | number }[] = [];
  const jobs: EvaluationJob[] = [];
  const variantPoints = new Map<string, Map<string, { check: PlannedQuery["series"]["check"]; points: Map<string, Datapoint[]>; periodSeconds: number }>>();
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

  // Data drift: each model's current sample against its policy's baseline sample.
  const sampled = await checkSampleDrift({ files: deps.files, metrics: deps.metrics }, { models, policies, pointers: loaded.state.pointers });
  findings.push(...sampled.findings);
  statuses.push(...sampled.statuses);
  warnings.push(...sampled.warnings);

  // What GitHub shows, and git history where a decision needs it.
  const health = deps.scm ? await deps.scm.findIssue(healthMarker(opts.shard)) : undefined;
  const incidents = decodeState(health?.body);
  const splitModels = models.filter((m) => servedVariants(m).length > 1 && variantPoints.has(m.name));
  const histories = await loadHistories(deps.history, models, [...splitModels.map((m) => m.name)], warnings);
  for (const m of splitModels) {
    const since = splitSince(histories.get(m.name), servedVariants(m).map((v) => v.version));
    findings.push(...splitFindings({ model: m, checks: [...variantPoints.get(m.name)!.values()], now, ...(since !== undefined ? { splitSince: since } : {}) }));
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
  for (const action of plan.actions) {
    const { target, summary } = describeAction(action);
    if (action.kind === "note") {
      outcomes.push({ kind: "note", target, summary, status: "noted" });
      continue;
    }
    if (action.kind === "publish-event") {
      events.push(action.event);
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
  outcomes.push(...(await publish(deps, events, dryRun, warnings)));

  // Remember: the incidents (with the numbers of issues opened now) in the model-health issue.
  const kept: Incident[] = plan.incidents.map((i) => {
    const n = i.issue ?? created.get(`${i.model}/${i.checkId}`);
    return n === undefined ? i : { ...i, issue: n };
  });
  const changes = [
    ...plan.actions.filter((a): a is Extract<MonitorAction, { kind: "propose-change" }> => a.kind === "propose-change").map((a) => ({ model: a.model, branch: a.branch })),
    ...kept.filter((i) => i.change).map((i) => ({ model: i.model, branch: i.change!.branch })),
  ];
  const healthRows = modelHealth(models, statuses, findings, kept, changes);
  const rendered = renderHealth({ health: healthRows, incidents: kept, now, ...(opts.shard ? { shard: opts.shard } : {}), ...(opts.runUrl ? { runUrl: opts.runUrl } : {}) });
  outcomes.push(await upsertHealth(deps, health?.number, rendered, dryRun, warnings));

  if (deps.livePlans) outcomes.push(...(await reportDrift(deps, dryRun, warnings)));

  return {
    now: new Date(now).toISOString(),
    ...(opts.shard ? { shard: `${opts.shard.index}/${opts.shard.count}` } : {}),
    dryRun,
    models: healthRows,
    findings: trimFindings(findings),
    actions: outcomes,
    warnings,
    stats: { models: models.length, series: queries.length, findings: findings.length },
  };
}

/** Reads every series, one MetricSource call per (window, period) so each range is aligned to its period. */
async function readAll(source: MetricSource, queries: SeriesQuery[], models: ModelSpec[], now: number, logger: Logger): Promise<Map<string, SeriesResult>> {
  const windows = new Map(models.map((m) => [m.name, m.monitoring!.window]));
  const groups = new Map<string, SeriesQuery[]>();
  for (const q of queries) {
    const k = `${windows.get(q.model)}|${q.period}`;
    groups.set(k, [...(groups.get(k) ?? []), q]);
  }
  const out = new Map<string, SeriesResult>();
  for (const [k, group] of groups) {
    const [window, period] = k.split("|").map(Number) as [number, number];
    const r = alignRange(now, window, period);
    logger.debug(`reading ${group.length} series of period ${period}s over ${new Date(r.start).toISOString()}..${new Date(r.end).toISOString()}`);
    try {
      for (const res of await source.read(group, { start: new Date(r.start), end: new Date(r.end) })) out.set(res.id, res);
    } catch (err) {
      for (const q of group) out.set(q.id, { id: q.id, points: [], error: describeError(err) });
    }
  }
  return out;
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

async function loadHistories(git: GitHistory | undefined, models: ModelSpec[], names: string[], warnings: string[]): Promise<Map<string, StageRecord[]>> {
  const out = new Map<string, StageRecord[]>();
  if (!git) return out;
  for (const name of names) {
    const model = models.find((m) => m.name === name);
    if (!model) continue;
    try {
      const h = await loadStageHistory(git, name, model.file);
      const stage = servedStage(model);
      out.set(
        name,
        h.changes
          .filter((c) => c.stage === stage && c.to.length > 0)
          .map((c) => ({ sha: c.commit.sha, date: +c.commit.date, subject: c.commit.subject, versions: c.to.filter((v) => v.weight > 0).map((v) => v.version) }))
          .reverse(),
      );
    } catch (err) {
      warnings.push(`git history of ${model.file}: ${describeError(err)}`);
    }
  }
  return out;
}

/** When the served stage last became exactly `versions` (epoch ms), per git history. */
function splitSince(history: StageRecord[] | undefined, versions: string[]): number | undefined {
  const same = (a: string[]) => a.length === versions.length && a.every((v) => versions.includes(v));
  return history?.find((r) => same(r.versions))?.date;
}

async function observe(scm: Scm | undefined, needed: { issueKeys: string[]; branches: string[] }, concurrency: number): Promise<Observed> {
  const observed: Observed = { issues: new Map(), pulls: new Map() };
  if (!scm) return observed;
  const tasks = [
    ...needed.issueKeys.map((key) => async () => {
      const i = await scm.findIssue(incidentMarker(key));
      if (i) observed.issues.set(key, { number: i.number, state: i.state, title: i.title, ...(i.closedAt ? { closedAt: +i.closedAt } : {}) });
    }),
    ...needed.branches.map((branch) => async () => {
      const p = await scm.findPullRequest(branch);
      const closedAt = p?.mergedAt ?? p?.closedAt;
      if (p) observed.pulls.set(branch, { number: p.number, state: p.state, merged: p.merged, url: p.url, ...(closedAt ? { closedAt: +closedAt } : {}) });
    }),
  ];
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
    while (next < tasks.length) await tasks[next++]!();
  }));
  return observed;
}

interface ActContext {
  dryRun: boolean;
  created: Map<string, number>;
  observed: Observed;
}

/** Executes one action (or writes it under --out). Returns the outcome fields beyond kind/target/summary. */
async function act(deps: MonitorDeps, a: Exclude<MonitorAction, { kind: "note" | "publish-event" }>, ctx: ActContext): Promise<Pick<ActionOutcome, "status" | "url" | "file" | "preview">> {
  const scm = deps.scm;
  if (a.kind === "propose-change") {
    const before = await readText(deps.files, a.path);
    const after = applyModelEdit(before, a.edit);
    const body = resolveIssueRefs(a.body, ctx);
    if (ctx.dryRun || !scm) {
      const diff = unifiedDiff(before, after, { from: `a/${a.path}`, to: `b/${a.path}` });
      return { ...(await write(deps, dryRunFiles({ ...a, body }, { diff }))), preview: diff };
    }
    const pr = await scm.proposeChange({ branch: a.branch, base: a.base, title: a.title, body, labels: a.labels, commitMessage: a.commitMessage, files: { [a.path]: after } });
    return { status: "done", url: pr.url };
  }
  if (ctx.dryRun || !scm) return { ...(await write(deps, dryRunFiles(a))), ...(a.kind === "open-issue" ? { preview: `${a.title}\n\n${a.body}` } : {}) };
  switch (a.kind) {
    case "open-issue": {
      const issue = await scm.createIssue({ title: a.title, body: a.body, labels: a.labels, assignees: a.assignees });
      ctx.created.set(a.key, issue.number);
      return { status: "done", url: issue.url };
    }
    case "comment-issue":
      await scm.comment(a.number, a.body);
      return { status: "done" };
    case "update-issue":
      await scm.updateIssue(a.number, { ...(a.title ? { title: a.title } : {}), ...(a.body ? { body: a.body } : {}), ...(a.labels ? { labels: a.labels } : {}), ...(a.state ? { state: a.state } : {}) });
      return { status: "done" };
    case "close-issue":
      await scm.comment(a.number, a.comment);
      await scm.updateIssue(a.number, { state: "closed" });
      return { status: "done" };
  }
}

async function write(deps: MonitorDeps, files: { path: string; text: string }[]): Promise<Pick<ActionOutcome, "status" | "file">> {
  if (deps.out) for (const f of files) await deps.out.write(f.path, f.text);
  return { status: "planned", ...(deps.out && files[0] ? { file: files[0].path } : {}) };
}

async function readText(files: RepoFiles, path: string): Promise<string> {
  const bytes = await files.read(path);
  if (!bytes) throw new Error(`${path} not found`);
  return new TextDecoder().decode(bytes);
}

/** `{{issue:<key>}}` -> `#<number>` of the issue opened or found on this run. */
function resolveIssueRefs(body: string, ctx: ActContext): string {
  return body.replace(/\{\{issue:([^}]+)\}\}/g, (_, key: string) => {
    const n = ctx.created.get(key) ?? ctx.observed.issues.get(key)?.number;
    return n !== undefined ? `#${n}` : ctx.dryRun ? `the new issue for ${key}` : `the issue for ${key}`;
  });
}

async function publish(deps: MonitorDeps, events: StewardEvent[], dryRun: boolean, warnings: string[]): Promise<ActionOutcome[]> {
  const outcomes = events.map((e): ActionOutcome => ({ kind: "publish-event", target: e.detailType, summary: `publish "${e.detailType}" for ${String(e.detail.model ?? "")}`, status: "planned" }));
  if (events.length === 0) return [];
  if (dryRun || !deps.events) {
    if (!dryRun) warnings.push(`${events.length} event(s) not published: no event bus configured`);
    for (const [i, e] of events.entries()) {
      const [file] = dryRunFiles({ kind: "publish-event", event: e }, { eventIndex: i + 1 });
      if (dryRun && file) outcomes[i]!.preview = file.text;
      if (dryRun && deps.out && file) {
        await deps.out.write(file.path, file.text);
        outcomes[i]!.file = file.path;
      }
    }
    return outcomes;
  }
  try {
    await deps.events.publish(events);
    for (const o of outcomes) o.status = "done";
  } catch (err) {
    const error = describeError(err);
    warnings.push(`events: ${error}`);
    for (const o of outcomes) Object.assign(o, { status: "failed", error });
  }
  return outcomes;
}

async function upsertHealth(deps: MonitorDeps, number: number | undefined, h: { title: string; body: string }, dryRun: boolean, warnings: string[]): Promise<ActionOutcome> {
  const base = { kind: number === undefined ? "open-issue" : "update-issue", target: "model-health" } as const;
  const summary = number === undefined ? `open the "${h.title}" issue` : `update the "${h.title}" issue #${number}`;
  if (dryRun || !deps.scm) {
    if (deps.out) await deps.out.write("health.md", `# ${h.title}\n\n${h.body}\n`);
    return { ...base, summary, status: "planned", ...(deps.out ? { file: "health.md" } : {}) };
  }
  try {
    if (number === undefined) {
      const issue = await deps.scm.createIssue({ title: h.title, body: h.body, labels: ["model-steward", "model-health"], assignees: [] });
      return { ...base, summary, status: "done", url: issue.url };
    }
    await deps.scm.updateIssue(number, { title: h.title, body: h.body });
    return { ...base, summary, status: "done" };
  } catch (err) {
    const error = describeError(err);
    warnings.push(`model-health issue: ${error}`);
    return { ...base, summary, status: "failed", error };
  }
}

/** Configuration drift: one issue per target whose live state differs from git; its comment is kept current. */
async function reportDrift(deps: MonitorDeps, dryRun: boolean, warnings: string[]): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = [];
  let plans: TargetPlan[];
  try {
    plans = await deps.livePlans!();
  } catch (err) {
    warnings.push(`configuration drift not checked: ${describeError(err)}`);
    return outcomes;
  }
  for (const d of driftIssues(plans)) {
    const summary = `report configuration drift of ${d.key.slice("drift/".length)}`;
    try {
      if (dryRun || !deps.scm) {
        if (deps.out) await deps.out.write(`issues/${d.key.replace("/", "__")}.md`, `# ${d.title}\n\n${d.body}\n`);
        outcomes.push({ kind: "open-issue", target: d.key, summary, status: "planned" });
        continue;
      }
      const existing = await deps.scm.findIssue(d.marker);
      if (existing?.state === "open") {
        await deps.scm.upsertComment(existing.number, `<!-- steward:drift-latest -->`, d.body.replace(d.marker, ""));
        outcomes.push({ kind: "comment-issue", target: d.key, summary, status: "done", url: existing.url });
      } else {
        const issue = await deps.scm.createIssue({ title: d.title, body: d.body, labels: d.labels, assignees: [] });
        outcomes.push({ kind: "open-issue", target: d.key, summary, status: "done", url: issue.url });
      }
    } catch (err) {
      warnings.push(`${summary}: ${describeError(err)}`);
    }
  }
  return outcomes;
}

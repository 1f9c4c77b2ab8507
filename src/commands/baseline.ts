/**
 * `steward baseline --model M`: refresh the reference statistics of the model's checked metrics
 * (monitoring.metrics.<metric>.reference) from a healthy period read from the metric source, and
 * propose the edit as a pull request built on the remote base (proposeFromBase: the model card is
 * re-rendered in the same commit, so the change passes validate and card --check), with the
 * before/after in its body; `dryRun` prints the change instead. Nothing is written locally.
 */
import { UserError } from "../core/errors.js";
import { BOT_LABEL, baselineBranch, baselineMarker, modelLabel } from "../core/github-conventions.js";
import { buildQueries } from "../core/monitor/build-queries.js";
import { computeReference, editReferences, referenceTable } from "../core/monitor/reference-stats.js";
import { mdInline } from "../core/report/markdown.js";
import { newErrors } from "../core/registry-edit/new-errors.js";
import { overlayFiles } from "../core/registry-edit/overlay-files.js";
import type { Finding } from "../core/result.js";
import { unifiedDiff } from "../core/text/line-diff.js";
import type { PolicySpec, ReferenceStats } from "../core/types.js";
import type { GitHistory, Logger, MetricSource, PullRequestRef, RepoFiles, Scm } from "../ports.js";
import { loadRepo } from "./load-repo.js";
import { proposeFromBase } from "./propose-from-base.js";

export interface BaselineDeps {
  files: RepoFiles;
  metrics: MetricSource;
  logger: Logger;
  /** GitHub; required unless dryRun. */
  scm?: Scm;
  git?: GitHistory;
}

export interface BaselineOptions {
  model: string;
  since: Date;
  until: Date;
  now: Date;
  dryRun: boolean;
  /** The branch the pull request merges into. */
  base: string;
}

export interface BaselineRow {
  metric: string;
  before?: ReferenceStats;
  after?: ReferenceStats;
  /** Why the metric has no new reference (unreadable, too few points). */
  problem?: string;
  /** What a reviewer must know about a new reference: the series was read in part, or the period was not healthy. */
  caveats?: string[];
}

export interface BaselineReport {
  /** proposed: a pull request; dry-run: printed only; failed: no metric could be computed, or the edit would not validate (exit 1). */
  status: "proposed" | "dry-run" | "failed";
  model: string;
  path: string;
  since: string;
  until: string;
  rows: BaselineRow[];
  diff: string;
  body: string;
  findings: Finding[];
  pullRequest?: PullRequestRef;
  warnings: string[];
}

/**
 * A "healthy period" whose values break a check's threshold is not one: each such check named, with how
 * many of the period's points are outside its bounds, so the reviewer does not make an incident the normal.
 */
function outsideThresholds(metric: string, values: readonly number[], policy: PolicySpec | undefined): string[] {
  const out: string[] = [];
  for (const c of policy?.monitoring.checks ?? []) {
    if (c.metric !== metric || c.metrics.length > 1) continue;
    const { min, max } = c.threshold;
    if (min === undefined && max === undefined) continue;
    const n = values.filter((v) => (min !== undefined && v < min) || (max !== undefined && v > max)).length;
    const bound = [min !== undefined ? `min ${min}` : "", max !== undefined ? `max ${max}` : ""].filter(Boolean).join(", ");
    if (n > 0) out.push(`${n} of ${values.length} points in the period are outside the threshold of check "${c.id}" (${bound}): was the period healthy? Choose another with --since/--until`);
  }
  return out;
}

/** The metrics the model's policy checks (single and multi-metric), in policy order, once each. */
function checkedMetrics(model: { monitoring?: { metrics: Record<string, unknown> } }, policy: PolicySpec | undefined): string[] {
  const out: string[] = [];
  for (const c of policy?.monitoring.checks ?? []) for (const m of c.metrics) if (model.monitoring?.metrics[m] !== undefined && !out.includes(m)) out.push(m);
  return out;
}

export async function runBaseline(deps: BaselineDeps, opts: BaselineOptions): Promise<BaselineReport> {
  if (!(opts.since < opts.until)) throw new UserError(`usage: --since (${opts.since.toISOString()}) must be before --until (${opts.until.toISOString()})`);
  if (opts.until > opts.now) throw new UserError(`usage: --until (${opts.until.toISOString()}) is in the future`);
  const loaded = await loadRepo({ files: deps.files });
  const model = loaded.state.models.find((m) => m.name === opts.model);
  if (!model) throw new UserError(`usage: --model ${opts.model}: no such model in models/`);
  if (!model.monitoring) throw new UserError(`${model.file}: the model has no monitoring section; nothing to compute`);
  const policy = loaded.state.policies.find((p) => p.name === model.policy);
  const metrics = checkedMetrics(model, policy);
  if (!metrics.length) throw new UserError(`${model.file}: policy "${model.policy}" checks none of the model's metrics; nothing to compute`);

  // the whole-endpoint query of each checked metric (a split's per-variant series are left out)
  const queries = buildQueries([model], new Map(policy ? [[policy.name, policy]] : []))
    .filter((p) => p.series.version === undefined)
    .flatMap((p) => p.queries)
    .filter((q, i, all) => metrics.includes(q.name) && all.findIndex((x) => x.id === q.id) === i);
  deps.logger.info(`reading ${queries.length} series of ${model.name} over ${opts.since.toISOString()}..${opts.until.toISOString()}`);
  const results = new Map((await deps.metrics.read(queries, { start: opts.since, end: opts.until })).map((r) => [r.id, r]));
  const rows: BaselineRow[] = [];
  const after: Record<string, ReferenceStats> = {};
  for (const metric of metrics) {
    const before = model.monitoring.metrics[metric]!.reference;
    const q = queries.find((x) => x.name === metric);
    const r = q ? results.get(q.id) : undefined;
    const row: BaselineRow = { metric, ...(before ? { before } : {}) };
    if (!r || (r.error && r.points.length === 0)) row.problem = `could not be read: ${r?.error ?? "no query"}`;
    else {
      const inside = r.points.filter((p) => p.t >= +opts.since && p.t <= +opts.until).map((p) => p.value);
      const c = computeReference(inside, { since: opts.since, until: opts.until, computedAt: opts.now });
      if (c.ok) {
        after[metric] = row.after = c.stats;
        const caveats = [
          // a partial read (a metric file's bad rows): computed from the rest, and said
          ...(r.error ? [`computed from the part of the series that could be read; not read: ${r.error}`] : []),
          ...outsideThresholds(metric, inside, policy),
        ];
        if (caveats.length) row.caveats = caveats;
      } else row.problem = c.reason;
    }
    rows.push(row);
  }
  const warnings = [...rows.filter((r) => r.problem).map((r) => `${r.metric}: ${r.problem}`), ...rows.flatMap((r) => (r.caveats ?? []).map((c) => `${r.metric}: ${c}`))];
  const base = { model: model.name, path: model.file, since: opts.since.toISOString(), until: opts.until.toISOString(), rows, warnings };
  if (Object.keys(after).length === 0) return { ...base, status: "failed", diff: "", body: "", findings: [] };

  const bytes = await deps.files.read(model.file);
  const beforeText = new TextDecoder().decode(bytes!);
  const afterText = editReferences(beforeText, after);
  const diff = unifiedDiff(beforeText, afterText, { from: `a/${model.file}`, to: `b/${model.file}` });
  const reloaded = await loadRepo({ files: overlayFiles(deps.files, { [model.file]: afterText }) });
  const broken = newErrors(loaded.findings, reloaded.findings);
  const body = baselineBody(model.name, model.file, opts, rows, diff);
  if (broken.length) return { ...base, status: "failed", diff, body, findings: broken, warnings: [...warnings, `the edited ${model.file} would not validate; nothing was proposed`] };
  if (opts.dryRun) return { ...base, status: "dry-run", diff, body, findings: [] };
  if (!deps.scm) throw new UserError("steward baseline: proposing the change needs GITHUB_TOKEN and GITHUB_REPOSITORY (or use --dry-run)");
  const title = `Refresh the reference statistics of ${model.name}`;
  const proposed = await proposeFromBase(
    { scm: deps.scm, files: deps.files, ...(deps.git ? { git: deps.git } : {}), logger: deps.logger },
    {
      branch: baselineBranch(model.name), base: opts.base, title, body, labels: [BOT_LABEL, modelLabel(model.name)], commitMessage: `${title}\n\nHealthy period ${base.since} .. ${base.until}.`, cards: [model.name],
      edit: async (files) => {
        const onBase = await files.read(model.file);
        if (!onBase) throw new UserError(`${model.file} does not exist on ${opts.base}`);
        return { [model.file]: editReferences(new TextDecoder().decode(onBase), after) };
      },
    },
  );
  return { ...base, status: "proposed", diff, body, findings: [], pullRequest: proposed.pullRequest, warnings: [...warnings, ...proposed.warnings] };
}

/** The pull request's body: what, the healthy period, the before/after table, the diff. */
export function baselineBody(model: string, path: string, opts: { since: Date; until: Date }, rows: readonly BaselineRow[], diff: string): string {
  const changed = rows.filter((r): r is BaselineRow & { after: ReferenceStats } => r.after !== undefined);
  const skipped = rows.filter((r) => r.problem);
  return [
    baselineMarker(model),
    `Refreshes the reference statistics of **${mdInline(model)}** from the healthy period ${opts.since.toISOString()} .. ${opts.until.toISOString()} (\`monitoring.metrics.<metric>.reference\` in ${mdInline(path)}).`,
    "",
    "### Before and after",
    "",
    referenceTable(changed),
    "",
    ...(skipped.length ? ["### Left as they are", "", ...skipped.map((r) => `- ${mdInline(r.metric)}: ${mdInline(r.problem!)}`), ""] : []),
    ...(changed.some((r) => r.caveats) ? ["### Check before merging", "", ...changed.flatMap((r) => (r.caveats ?? []).map((c) => `- ${mdInline(r.metric)}: ${mdInline(c)}`)), ""] : []),
    "<details><summary>The change</summary>",
    "",
    "```diff",
    diff.replace(/```/g, "'''").trimEnd(),
    "```",
    "",
    "</details>",
    "",
    "_Proposed by `steward baseline`. Merge it if the period was healthy; the statistics then describe normal for this model._",
  ].join("\n");
}

/**
 * `steward dashboard`: gather the repository's desired state, each model's stage history from git,
 * the monitor reports (read from a folder, or one dry-run monitor pass) and the monitored series,
 * then render the static site (pure, src/core/dashboard) and write it. This file only reads and writes.
 */
import { describeError } from "../core/errors.js";
import { buildDashboardView } from "../core/dashboard/build-dashboard-view.js";
import { parseMonitorReport } from "../core/dashboard/parse-report.js";
import { renderDashboard } from "../core/dashboard/render-dashboard.js";
import type { LinkBases } from "../core/dashboard/model-links.js";
import type { DashboardView } from "../core/dashboard/types.js";
import type { StageHistory } from "../core/history/stage-history.js";
import { alignRange } from "../core/monitor/align-range.js";
import { buildQueries } from "../core/monitor/build-queries.js";
import type { MonitorReport } from "../core/monitor/report.js";
import type { ModelSpec, PolicySpec } from "../core/types.js";
import type { ChangeRecords, Datapoint, GitHistory, Logger, MetricSource, RepoFiles, SeriesQuery } from "../ports.js";
import { runAudit } from "./audit.js";
import { loadRepo } from "./load-repo.js";
import { runMonitor, type MonitorDeps } from "./monitor.js";
import { loadStageHistory } from "./stage-history.js";

export interface DashboardDeps {
  /** The governed repository. */
  files: RepoFiles;
  /** Where the site is written (index.html, models/<model>.html). */
  out: Pick<RepoFiles, "write">;
  logger: Logger;
  /** Git history, for stage timelines; without it timelines are empty. */
  git?: GitHistory;
  /** Where monitored series are read for the charts; without it charts show the findings' evidence only. */
  metrics?: MetricSource;
  /** A folder of monitor reports (`steward monitor --format json` output, any depth). Without it one dry-run monitor pass runs over `metrics`. */
  reports?: Pick<RepoFiles, "list" | "read">;
  /** GitHub's records of pull requests, reviews and check runs, for the audit page; without it the page has git's facts. */
  changeRecords?: ChangeRecords;
  /** Runs the monitor (dry run); default runMonitor. Tests inject their own. */
  monitor?: (deps: MonitorDeps, opts: { now: Date; dryRun: true }) => Promise<MonitorReport>;
}

export interface DashboardResult {
  view: DashboardView;
  /** Paths written, relative to the output folder. */
  written: string[];
  warnings: string[];
}

/** Builds and writes the dashboard. Throws only when the repository or the output cannot be used. */
export async function buildDashboard(deps: DashboardDeps, opts: { now: Date; links?: LinkBases }): Promise<DashboardResult> {
  const warnings: string[] = [];
  const loaded = await loadRepo({ files: deps.files });
  for (const f of loaded.findings) if (f.severity === "error") warnings.push(`${f.file}${f.line ? `:${f.line}` : ""}: ${f.message}`);
  const { state } = loaded;

  let reports: MonitorReport[];
  if (deps.reports) {
    reports = await readReports(deps.reports, warnings);
  } else if (deps.metrics) {
    const monitor = deps.monitor ?? runMonitor;
    const report = await monitor({ metrics: deps.metrics, files: deps.files, logger: deps.logger, load: async () => loaded, ...(deps.git ? { history: deps.git } : {}) }, { now: opts.now, dryRun: true });
    reports = [report];
  } else {
    reports = [];
    warnings.push("no monitor report and no metric source: health is unknown");
  }

  const histories = new Map<string, StageHistory>();
  if (deps.git) {
    for (const m of state.models) {
      try {
        histories.set(m.name, await loadStageHistory(deps.git, m.name, m.file));
      } catch (err) {
        warnings.push(`git history of ${m.file}: ${describeError(err)}`);
      }
    }
  }

  const policies = new Map<string, PolicySpec>(state.policies.map((p) => [p.name, p]));
  const series = deps.metrics ? await readSeries(deps.metrics, state.models, policies, reports, opts.now, warnings) : new Map<string, Datapoint[]>();
  // the audit page: the same trail as `steward audit`, when git history is there to read
  const audit = deps.git ? await runAudit({ files: deps.files, git: deps.git, ...(deps.changeRecords ? { github: deps.changeRecords } : {}) }).catch((err: unknown) => {
    warnings.push(`audit trail: ${describeError(err)}`);
    return undefined;
  }) : undefined;
  const view = buildDashboardView({ state, histories, reports, series, now: opts.now, warnings, ...(opts.links ? { links: opts.links } : {}), ...(audit ? { audit: { entries: audit.entries, notes: audit.notes } } : {}) });
  const written: string[] = [];
  for (const page of renderDashboard(view)) {
    await deps.out.write(page.path, page.html);
    written.push(page.path);
  }
  return { view, written, warnings };
}

/** Every *.json under the folder that is a monitor report, in path order; the others are noted in `warnings`. */
async function readReports(dir: Pick<RepoFiles, "list" | "read">, warnings: string[]): Promise<MonitorReport[]> {
  const out: MonitorReport[] = [];
  const decoder = new TextDecoder();
  const paths = (await dir.list("")).filter((p) => p.endsWith(".json"));
  const skipped: string[] = [];
  for (const path of paths) {
    const bytes = await dir.read(path);
    if (!bytes) continue;
    const parsed = parseMonitorReport(decoder.decode(bytes));
    if (parsed.ok) out.push(parsed.report);
    // A report.json that does not parse is a problem; other JSON (a dry run's event files) is expected.
    else if (path === "report.json" || path.endsWith("/report.json")) warnings.push(`${path}: ${parsed.reason}; skipped`);
    else skipped.push(path);
  }
  if (skipped.length > 0) warnings.push(`skipped ${skipped.length} JSON file(s) that are not monitor reports: ${skipped.slice(0, 3).join(", ")}${skipped.length > 3 ? ", …" : ""}`);
  if (out.length === 0) warnings.push("no monitor report found in the reports folder: health is unknown");
  return out;
}

/**
 * The whole-endpoint series of every monitored check, over the model's window ending at the latest
 * report that covered it (so the chart shows what that run saw), else at `now`. Read errors are warnings.
 */
async function readSeries(source: MetricSource, models: ModelSpec[], policies: Map<string, PolicySpec>, reports: MonitorReport[], now: Date, warnings: string[]): Promise<Map<string, Datapoint[]>> {
  const out = new Map<string, Datapoint[]>();
  for (const model of [...models].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!model.monitoring) continue;
    const at = reports.filter((r) => r.models.some((h) => h.model === model.name)).map((r) => Date.parse(r.now)).sort((a, b) => a - b).at(-1) ?? +now;
    // a check's chart is its first metric (keyed `<model>/<check>`); a metric several checks use is read once
    const planned = buildQueries([model], policies).filter((q) => q.series.version === undefined);
    const charted = planned.map((p) => ({ key: p.series.key, query: p.query }));
    const byPeriod = new Map<number, SeriesQuery[]>();
    for (const q of new Map(charted.map((c) => [c.query.id, c.query])).values()) byPeriod.set(q.period, [...(byPeriod.get(q.period) ?? []), q]);
    const read = new Map<string, Datapoint[]>();
    for (const [period, group] of byPeriod) {
      const range = alignRange(at, model.monitoring.window, period);
      try {
        const results = await source.read(group, { start: new Date(range.start), end: new Date(range.end) });
        for (const r of results) {
          if (r.error) warnings.push(`metrics ${r.id}: ${r.error}`);
          else read.set(r.id, r.points);
        }
      } catch (err) {
        warnings.push(`metrics of ${model.name}: ${describeError(err)}`);
      }
    }
    for (const c of charted) if (read.has(c.query.id)) out.set(c.key, read.get(c.query.id)!);
  }
  return out;
}

/** Monitor reads: the metric series of every check, and the served stage's history in git. */
import { describeError } from "../core/errors.js";
import { alignRange } from "../core/monitor/align-range.js";
import { servedStage } from "../core/monitor/build-queries.js";
import type { StageRecord } from "../core/monitor/rollback-target.js";
import type { ModelSpec } from "../core/types.js";
import type { GitHistory, Logger, MetricSource, SeriesQuery, SeriesResult } from "../ports.js";
import { loadStageHistory } from "./stage-history.js";

/**
 * Reads every series, one MetricSource call per (window, period) so each range is aligned to its period.
 * `now` is epoch ms; every query's model must be in `models` with monitoring set. Never throws: a failed
 * call yields, for each query of its group, a result with no points and `error` set. Keyed by query id.
 */
export async function readAll(source: MetricSource, queries: SeriesQuery[], models: ModelSpec[], now: number, logger: Logger): Promise<Map<string, SeriesResult>> {
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

/**
 * The changes of each named model's served stage in git, newest first, keeping only changes that left
 * versions served (each record lists the versions with weight > 0). Empty without `git`; names not in
 * `models` are skipped. Never throws: an unreadable history adds a warning and leaves the model out.
 */
export async function loadHistories(git: GitHistory | undefined, models: ModelSpec[], names: string[], warnings: string[]): Promise<Map<string, StageRecord[]>> {
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

/**
 * When the served stage last became exactly `versions` (epoch ms, in any order), per git history;
 * undefined without history or when no record matches.
 */
export function splitSince(history: StageRecord[] | undefined, versions: string[]): number | undefined {
  const same = (a: string[]) => a.length === versions.length && a.every((v) => versions.includes(v));
  return history?.find((r) => same(r.versions))?.date;
}

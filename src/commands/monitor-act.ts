/**
 * Monitor actions: carries out the planned issue and PR actions through Scm and publishes events
 * through EventBus, or, on a dry run (or without the port), writes what it would do under `deps.out`.
 */
import { describeError, PartialPublishError } from "../core/errors.js";
import { duplicateComment, hasMarker, incidentMarker } from "../core/github-conventions.js";
import { dryRunFiles } from "../core/monitor/dry-run-files.js";
import { applyModelEdit } from "../core/monitor/edit-model-file.js";
import type { ActionOutcome } from "../core/monitor/report.js";
import type { MonitorAction, Observed } from "../core/monitor/types.js";
import { unifiedDiff } from "../core/text/line-diff.js";
import type { RepoFiles, StewardEvent } from "../ports.js";
import type { MonitorDeps } from "./monitor-deps.js";
import { proposeFromBase } from "./propose-from-base.js";

/** What one pass's actions share. */
export interface ActContext {
  dryRun: boolean;
  /** Incident key -> number of the issue opened on this run; act adds to it. */
  created: Map<string, number>;
  observed: Observed;
}

/**
 * Executes one action (or writes it under --out). Returns the outcome fields beyond kind/target/summary:
 * status "done" when executed, "planned" when only written (or previewed). Throws what the port throws,
 * and an Error when a proposed change's model file is missing.
 */
export async function act(deps: MonitorDeps, a: Exclude<MonitorAction, { kind: "note" | "publish-event" }>, ctx: ActContext): Promise<Pick<ActionOutcome, "status" | "url" | "file" | "preview">> {
  const scm = deps.scm;
  if (a.kind === "propose-change") {
    const body = resolveIssueRefs(a.body, ctx);
    if (ctx.dryRun || !scm) {
      const before = await readText(deps.files, a.path);
      const after = applyModelEdit(before, a.edit);
      const diff = unifiedDiff(before, after, { from: `a/${a.path}`, to: `b/${a.path}` });
      return { ...(await write(deps, dryRunFiles({ ...a, body }, { diff }))), preview: diff };
    }
    // Built from the base branch as it is on GitHub now, with the model card re-rendered in the same
    // commit: the PR passes validate and card --check as a person's would, and reverts nothing.
    const proposed = await proposeFromBase(
      { scm, files: deps.files, ...(deps.history ? { git: deps.history } : {}), logger: deps.logger },
      {
        branch: a.branch, base: a.base, title: a.title, body, labels: a.labels, commitMessage: a.commitMessage,
        edit: async (files) => ({ [a.path]: applyModelEdit(await readText(files, a.path), a.edit) }),
        cards: [a.model],
      },
    );
    // An open completion of a split turned into its end (same branch): the old purpose's label goes.
    const other = a.purpose === "end-split" ? "complete-split" : a.purpose === "complete-split" ? "end-split" : undefined;
    const labels = proposed.pullRequest.labels;
    if (other && labels?.includes(other)) await scm.updateIssue(proposed.pullRequest.number, { labels: labels.filter((l) => l !== other) });
    return { status: "done", url: proposed.pullRequest.url };
  }
  if (ctx.dryRun || !scm) return { ...(await write(deps, dryRunFiles(a))), ...(a.kind === "open-issue" ? { preview: `${a.title}\n\n${a.body}` } : {}) };
  switch (a.kind) {
    case "open-issue": {
      // Concurrency: look again by label (the search index lags) just before and just after creating.
      const marker = incidentMarker(a.key);
      const already = await oldestOpen(scm, marker);
      if (already) {
        ctx.created.set(a.key, already.number);
        await scm.comment(already.number, a.body);
        return { status: "done", url: already.url };
      }
      const issue = await scm.createIssue({ title: a.title, body: a.body, labels: a.labels, assignees: a.assignees });
      const oldest = await oldestOpen(scm, marker);
      if (oldest && oldest.number < issue.number) {
        // another run opened the same incident at the same time: keep the older one, close ours with a link
        await scm.comment(issue.number, duplicateComment(oldest));
        await scm.updateIssue(issue.number, { state: "closed" });
        ctx.created.set(a.key, oldest.number);
        return { status: "done", url: oldest.url };
      }
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
    case "close-change":
      await scm.comment(a.number, a.comment);
      await scm.closePullRequest(a.number);
      return { status: "done" };
  }
}

/** The oldest open bot issue carrying `marker`, listed afresh by label. */
export async function oldestOpen(scm: NonNullable<MonitorDeps["scm"]>, marker: string) {
  const open = (await scm.listIssues("open", { refresh: true })).filter((i) => hasMarker(i.body, marker));
  return open.sort((x, y) => x.number - y.number)[0];
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

/**
 * Publishes all events in one EventBus call and returns one outcome per event, in order ([] for no
 * events). On a dry run each outcome is "planned" with a preview (and a file under `deps.out`); without
 * an event bus they stay "planned" and a warning is added. Never throws: a failed publish marks every
 * outcome "failed" and adds a warning.
 */
export async function publish(deps: MonitorDeps, events: StewardEvent[], dryRun: boolean, warnings: string[]): Promise<ActionOutcome[]> {
  const outcomes = events.map((e): ActionOutcome => ({ kind: "publish-event", target: e.detailType, summary: `publish "${e.detailType}" for ${String(e.detail.model ?? "")}`, status: "planned" }));
  if (events.length === 0) return [];
  if (dryRun || !deps.events) {
    if (!dryRun) {
      const error = "not published: no event bus configured (set AWS_REGION or AWS_DEFAULT_REGION)";
      warnings.push(`${events.length} event(s) ${error}`);
      for (const o of outcomes) Object.assign(o, { status: "failed", error });
      return outcomes;
    }
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
    // a partial failure: the events accepted are done, only the refused ones failed
    const refused = err instanceof PartialPublishError ? new Map(err.failed.map((f) => [f.index, f.reason])) : undefined;
    for (const [i, o] of outcomes.entries()) {
      if (refused && !refused.has(i)) o.status = "done";
      else Object.assign(o, { status: "failed", error: refused?.get(i) ?? error });
    }
  }
  return outcomes;
}

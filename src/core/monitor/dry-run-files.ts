import type { StewardEvent } from "../../ports.js";
import { detailTypeSlug } from "./build-events.js";
import type { MonitorAction } from "./types.js";

/** A file that --dry-run writes under --out: a path relative to it, and its text. */
export interface OutFile {
  path: string;
  text: string;
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "__");

/**
 * Where each action goes under --out:
 * issues/<model>__<check>.md (a new issue: title, labels, assignees, body),
 * issues/<model>__<check>.comment.md, .close.md, .update.json,
 * pulls/<branch>.md (title, labels, body) and pulls/<branch>.patch (a unified diff of the commit),
 * events/<nn>-<detail-type>.json (the PutEvents entry), health.md (the model-health issue).
 */
export function dryRunFiles(a: MonitorAction, extra: { diff?: string; eventIndex?: number } = {}): OutFile[] {
  switch (a.kind) {
    case "open-issue":
      return [{ path: `issues/${slug(a.key)}.md`, text: `# ${a.title}\n\nlabels: ${a.labels.join(", ")}\nassignees: ${a.assignees.join(", ") || "none"}\n\n${a.body}\n` }];
    case "comment-issue":
      return [{ path: `issues/${slug(a.key)}.comment.md`, text: `comment on #${a.number}\n\n${a.body}\n` }];
    case "close-issue":
      return [{ path: `issues/${slug(a.key)}${a.comment.startsWith("Duplicate of") ? `.duplicate-${a.number}` : ""}.close.md`, text: `close #${a.number} with:\n\n${a.comment}\n` }];
    case "close-change":
      return [{ path: `pulls/${slug(a.branch)}.close.md`, text: `close PR #${a.number} unmerged with:\n\n${a.comment}\n` }];
    case "update-issue":
      return [{ path: `issues/${slug(a.key)}.update.json`, text: `${JSON.stringify({ number: a.number, title: a.title, labels: a.labels, state: a.state }, null, 2)}\n` }];
    case "propose-change":
      return [
        { path: `pulls/${slug(a.branch)}.md`, text: `# ${a.title}\n\nbranch: ${a.branch} -> ${a.base}\nlabels: ${a.labels.join(", ")}\n\n${a.body}\n` },
        { path: `pulls/${slug(a.branch)}.patch`, text: `Subject: ${a.commitMessage.split("\n")[0]}\n\n${extra.diff ?? ""}` },
      ];
    case "publish-event":
      return [{ path: `events/${String(extra.eventIndex ?? 0).padStart(2, "0")}-${detailTypeSlug(a.event.detailType)}.json`, text: `${JSON.stringify(putEventsEntry(a.event), null, 2)}\n` }];
    case "note":
      return [];
  }
}

/** The PutEvents entry the EventBridge bus would send for `event` (Source, DetailType, Detail). */
export function putEventsEntry(event: StewardEvent): Record<string, unknown> {
  return {
    Source: "model-steward",
    DetailType: event.detailType,
    Detail: event.detail,
    ...(event.time ? { Time: event.time.toISOString() } : {}),
    ...(event.resources?.length ? { Resources: event.resources } : {}),
  };
}

import type { CoverageRow } from "./coverage.js";
import type { ModelHealth } from "./model-health.js";
import type { RunStatus } from "./run-status.js";
import type { MonitorAction, MonitorFinding } from "./types.js";

/** What happened to one planned action. */
export interface ActionOutcome {
  kind: MonitorAction["kind"];
  /** What it was about: an incident key, a branch, a detail-type, a model. */
  target: string;
  /** One line for a person. */
  summary: string;
  status: "done" | "planned" | "failed" | "noted";
  url?: string;
  error?: string;
  /** For --dry-run: the file written under --out. */
  file?: string;
  /** For --dry-run: what it would send (a new issue's body, a PR's diff, an event's entry). */
  preview?: string;
}

/** The result of one monitor run: what --format json prints and what the summary shows. */
export interface MonitorReport {
  /** What the run amounts to: exit code and the headline that is the first line of every summary. */
  status: RunStatus;
  now: string;
  shard?: string;
  dryRun: boolean;
  models: ModelHealth[];
  findings: MonitorFinding[];
  /** How every (model, check, variant) ended, gaps (unreadable, no-data, stale) first. */
  coverage: CoverageRow[];
  actions: ActionOutcome[];
  /** Reads that failed, actions that failed, configuration notes: the run went on. */
  warnings: string[];
  stats: { models: number; series: number; findings: number };
}

/** One line per planned action, for the report (before or after execution). */
export function describeAction(a: MonitorAction): { target: string; summary: string } {
  switch (a.kind) {
    case "open-issue":
      return { target: a.key, summary: `open issue "${a.title}"` };
    case "comment-issue":
      return { target: a.key, summary: `comment on #${a.number}` };
    case "update-issue":
      return { target: a.key, summary: `update #${a.number}${a.state ? ` (${a.state === "open" ? "reopen" : "close"})` : ""}${a.title ? `: "${a.title}"` : ""}` };
    case "close-issue":
      return { target: a.key, summary: `close #${a.number} (${a.comment.startsWith("Duplicate of") ? "duplicate" : "recovered"})` };
    case "close-change":
      return { target: a.branch, summary: `close PR #${a.number} (${a.model} recovered without it)` };
    case "propose-change":
      return { target: a.branch, summary: `propose PR "${a.title}"` };
    case "publish-event":
      return { target: a.event.detailType, summary: `publish "${a.event.detailType}" for ${String(a.event.detail.model ?? "")}` };
    case "note":
      return { target: a.model, summary: a.message };
  }
}

const GAPS_FIRST: Record<string, number> = { unreadable: 0, "no-data": 1, stale: 2 };

/** Findings for output: coverage gaps (unreadable, no-data, stale) first, evidence trimmed to its last `keep` points. */
export function trimFindings(findings: MonitorFinding[], keep = 144): MonitorFinding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (GAPS_FIRST[a.f.kind] ?? 3) - (GAPS_FIRST[b.f.kind] ?? 3) || a.i - b.i)
    .map(({ f }) => ({ ...f, evidence: f.evidence.slice(-keep) }));
}

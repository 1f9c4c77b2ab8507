/**
 * The audit trail of stage changes: every change of a model's stages in git (the shared stage
 * history, src/core/history), with the pull request that proposed it, its author, the approving
 * reviewers, when it was merged, when apply ran on it and how that ended, and whether the version
 * reached the stage through the stages its policy requires (or which rule let it skip). Pure: the
 * GitHub facts are passed in.
 */
import type { CheckRunRef, ProposalRef, ReviewRef } from "../../ports.js";
import type { StageChange, StageHistory } from "../history/stage-history.js";
import { servesIn } from "../history/stage-history.js";
import type { PolicySpec, StageVariant } from "../types.js";

/** What GitHub knows about one commit (undefined fields: not known, e.g. GitHub was not asked). */
export interface CommitRecords {
  /** The merged pull request the commit belongs to; null when GitHub lists none (a direct push). */
  pull?: ProposalRef | null;
  reviews?: ReviewRef[];
  /** The apply workflow's check runs on the commit, newest first. */
  applies?: CheckRunRef[];
}

/** How the version came to the stage, in the policy's promotion order. */
export type PathVerdict =
  | { kind: "in-order"; via: string }
  | { kind: "first-stage" }
  | { kind: "rollback"; rule: string }
  | { kind: "skip-allowed"; rule: string }
  | { kind: "skipped"; missing: string }
  | { kind: "removed" }
  | { kind: "reweighted" }
  | { kind: "initial" };

export interface AuditEntry {
  model: string;
  stage: string;
  from: StageVariant[];
  to: StageVariant[];
  commit: { sha: string; author: string; date: string; subject: string };
  pull?: { number: number; title: string; url: string; author: string };
  /** How the commit reached the branch: a merged pull request, a push without one, or not known (GitHub not read). */
  via: "pull request" | "direct push" | "unknown";
  /** Logins whose latest review approved (dismissed approvals do not count). */
  approvers: string[];
  mergedAt?: string;
  apply?: { status: string; conclusion?: string; startedAt?: string; completedAt?: string; url?: string };
  /** applied, apply failed, apply running, not applied, direct push, unknown (GitHub not read). */
  outcome: "applied" | "apply failed" | "apply running" | "not applied" | "unknown";
  path: PathVerdict;
}

/** Logins whose latest submitted review is an approval, in the order they approved. */
export function approvers(reviews: ReviewRef[]): string[] {
  const latest = new Map<string, ReviewRef>();
  for (const r of reviews) {
    if (r.state === "PENDING" || r.state === "COMMENTED") continue;
    latest.delete(r.author);
    latest.set(r.author, r);
  }
  return [...latest.values()].filter((r) => r.state === "APPROVED").map((r) => r.author);
}

const iso = (d: Date | undefined) => (d ? d.toISOString() : undefined);

/** The audit entries of one model, oldest first; `records` by commit sha (missing: unknown). */
export function auditTrail(history: StageHistory, policy: PolicySpec | undefined, records: Map<string, CommitRecords>, opts: { since?: Date } = {}): AuditEntry[] {
  const out: AuditEntry[] = [];
  history.changes.forEach((c, i) => {
    if (opts.since && c.commit.date < opts.since) return;
    const r = records.get(c.commit.sha);
    const pull = r?.pull ?? undefined;
    const apply = r?.applies?.[0];
    out.push({
      model: history.model,
      stage: c.stage,
      from: c.from,
      to: c.to,
      commit: { sha: c.commit.sha, author: c.commit.author, date: c.commit.date.toISOString(), subject: c.commit.subject },
      ...(pull ? { pull: { number: pull.number, title: pull.title, url: pull.url, author: pull.author } } : {}),
      via: pull ? "pull request" : r?.pull === null ? "direct push" : "unknown",
      approvers: pull && r?.reviews ? approvers(r.reviews) : [],
      ...(pull?.mergedAt ? { mergedAt: iso(pull.mergedAt)! } : {}),
      ...(apply ? { apply: { status: apply.status, ...(apply.conclusion ? { conclusion: apply.conclusion } : {}), ...(apply.startedAt ? { startedAt: iso(apply.startedAt)! } : {}), ...(apply.completedAt ? { completedAt: iso(apply.completedAt)! } : {}), ...(apply.url ? { url: apply.url } : {}) } } : {}),
      outcome: !r || r.applies === undefined ? "unknown" : !apply ? "not applied" : apply.status !== "completed" ? "apply running" : apply.conclusion === "success" ? "applied" : "apply failed",
      path: pathOf(c, history.changes.slice(0, i), policy),
    });
  });
  return out;
}

/**
 * Whether the versions `c` puts in its stage came through the previous stage of the policy's
 * promotion order (they served there before this commit), returned to the stage (a rollback: they
 * served in it before), or skipped it under the policy's `allowSkip`; otherwise which stage was skipped.
 */
export function pathOf(c: StageChange, before: StageChange[], policy: PolicySpec | undefined): PathVerdict {
  const added = c.to.filter((v) => v.weight > 0 && !servesIn(c.from, v.version)).map((v) => v.version);
  if (c.to.length === 0) return { kind: "removed" };
  // the commit that created the model file: its stages are adopted as they were, not promoted
  if (c.from.length === 0 && before.every((b) => b.commit.sha === c.commit.sha)) return { kind: "initial" };
  if (added.length === 0) return { kind: "reweighted" };
  const order = policy?.promotion.order ?? [];
  const k = order.indexOf(c.stage);
  if (k <= 0) return { kind: "first-stage" };
  const previous = order[k - 1]!;
  const servedIn = (stage: string, version: string) => before.some((b) => b.stage === stage && servesIn(b.to, version));
  if (added.every((v) => servedIn(previous, v))) return { kind: "in-order", via: previous };
  if (added.every((v) => servedIn(c.stage, v) || servedIn(previous, v))) return { kind: "rollback", rule: `rollback: ${added.join(", ")} served ${c.stage} before, so the ${previous} stage is not required again` };
  if (policy?.promotion.allowSkip) return { kind: "skip-allowed", rule: `policy ${policy.name} sets promotion.allowSkip` };
  return { kind: "skipped", missing: previous };
}

/** One line for a person: how the version reached the stage. */
export function describePath(p: PathVerdict): string {
  switch (p.kind) {
    case "in-order": return `through ${p.via}`;
    case "first-stage": return "first stage of the promotion order";
    case "rollback": return p.rule;
    case "skip-allowed": return `skipped a stage: ${p.rule}`;
    case "skipped": return `SKIPPED ${p.missing}: no rule allows it`;
    case "removed": return "stage emptied";
    case "reweighted": return "weights changed, no new version";
    case "initial": return "the model's first stages, adopted as they were";
  }
}

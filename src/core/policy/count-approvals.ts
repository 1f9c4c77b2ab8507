/** One review on a pull request, as the API reports it. */
export interface ReviewFact {
  /** Login of the reviewer. */
  author: string;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING. */
  state: string;
  /** Epoch ms; reviews are taken in this order. */
  submittedAt: number;
}

/** A team owner and its members; `error` when they could not be read (the gate then fails, saying so). */
export interface TeamFact {
  /** `@org/team`. */
  team: string;
  members?: string[];
  error?: string;
}

export interface ApprovalFacts {
  reviews: ReviewFact[];
  /** The model's user owners (logins, no "@") and its team owners with their members. */
  users: string[];
  teams: TeamFact[];
}

export interface ApprovalCount {
  ok: boolean;
  /** Owners whose standing review approves, sorted. */
  approvedBy: string[];
  message: string;
}

const lower = (s: string) => s.toLowerCase();

/**
 * Counts approving reviews from the model's owners, as GitHub does: each reviewer's standing state is
 * their latest review that is not a comment (so a later COMMENTED review keeps an approval, a later
 * CHANGES_REQUESTED withdraws it), and an approval dismissed (by a new commit under "dismiss stale
 * approvals", or by a person) is state DISMISSED and does not count. A reviewer counts when they are a
 * user owner or a member of a team owner. Passes when at least `needed` distinct owners approve; the
 * message says who approved and who is still needed. A team whose members could not be read fails the
 * gate unless the approvals are met without it (never silently green).
 */
export function countApprovals(facts: ApprovalFacts, needed: number): ApprovalCount {
  const standing = new Map<string, string>();
  for (const r of [...facts.reviews].sort((a, b) => a.submittedAt - b.submittedAt)) {
    if (r.state === "COMMENTED" || r.state === "PENDING") continue;
    standing.set(lower(r.author), r.state);
  }
  const users = new Set(facts.users.map(lower));
  const isOwner = (login: string) => users.has(login) || facts.teams.some((t) => t.members?.some((m) => lower(m) === login));
  const approvedBy = [...standing].filter(([login, state]) => state === "APPROVED" && isOwner(login)).map(([login]) => login).sort();
  const dismissed = [...standing].filter(([login, state]) => state === "DISMISSED" && isOwner(login)).map(([login]) => login).sort();
  const unreadable = facts.teams.filter((t) => t.error !== undefined);
  const ok = approvedBy.length >= needed;
  const who = [...facts.users.filter((u) => !approvedBy.includes(lower(u))), ...facts.teams.map((t) => `a member of ${t.team}`)];
  const parts = [`gate approvals: ${approvedBy.length} of ${needed} owner approval(s)${approvedBy.length ? ` (${approvedBy.join(", ")})` : ""}`];
  if (!ok) parts.push(`still needed: ${needed - approvedBy.length} more from ${who.length ? who.join(" or ") : "an owner (the model lists none)"}`);
  if (dismissed.length) parts.push(`dismissed, not counted: ${dismissed.join(", ")}`);
  if (!ok && unreadable.length) parts.push(unreadable.map((t) => `members of ${t.team} could not be read (${t.error})`).join("; "));
  return { ok, approvedBy, message: parts.join("; ") };
}

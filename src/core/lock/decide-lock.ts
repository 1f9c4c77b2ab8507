/**
 * The apply lock as a ticket lock: every apply first takes a ticket (a GitHub deployment, whose ids
 * the server hands out in increasing order), then looks at the unfinished tickets before its own.
 * The lowest live ticket holds the lock; a ticket is live while its owner keeps it fresh (a status
 * at least every `staleAfterMs`). Because a ticket exists before its owner looks, two applies can
 * never both see themselves first: the later one always sees the earlier ticket.
 */

/** What a ticket's latest status says. */
export type TicketState = "waiting" | "holding" | "done";

/** One ticket of a lock, as read back from the store. */
export interface LockTicket {
  /** Server-assigned, increasing: the order in which applies asked. */
  id: number;
  state: TicketState;
  /** Server time of the ticket's latest status (or its creation), epoch ms. */
  updatedAt: number;
  /** Server time the ticket was created, epoch ms. */
  createdAt: number;
  /** Who asked: login of the creator. */
  actor: string;
  /** The run that asked (a workflow run id, or host/pid on a laptop). */
  runId: string;
  /** A link to the run, when there is one. */
  runUrl?: string;
}

export type LockDecision =
  /** This ticket holds the lock; `expired` tickets before it were left stale by their owners and are to be closed. */
  | { kind: "held"; expired: LockTicket[]; broken: LockTicket[] }
  /** Someone else holds the lock (or is ahead in the queue): wait or give up. */
  | { kind: "wait"; holder: LockTicket; ahead: number }
  /** This ticket was closed by someone else (taken over as expired, or broken). */
  | { kind: "lost" };

export interface DecideLockInput {
  mine: number;
  /** Every ticket read back, this one included. */
  tickets: LockTicket[];
  /** Server time now, epoch ms. */
  now: number;
  staleAfterMs: number;
  /** --break-lock: every live ticket ahead is closed as broken instead of waited for. */
  breakLock?: boolean;
}

/** Decides whether ticket `mine` holds the lock. Pure. */
export function decideLock(input: DecideLockInput): LockDecision {
  const mine = input.tickets.find((t) => t.id === input.mine);
  if (!mine || mine.state === "done") return { kind: "lost" };
  const ahead = input.tickets.filter((t) => t.id < input.mine && t.state !== "done").sort((a, b) => a.id - b.id);
  const stale = (t: LockTicket) => input.now - t.updatedAt > input.staleAfterMs;
  const expired = ahead.filter(stale);
  const live = ahead.filter((t) => !stale(t));
  if (live.length === 0) return { kind: "held", expired, broken: [] };
  if (input.breakLock) return { kind: "held", expired, broken: live };
  const holder = live.find((t) => t.state === "holding") ?? live[0]!;
  return { kind: "wait", holder, ahead: live.length };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** "run 123 by octocat, applying since …, last seen …, <url>": the holder, for messages. */
export function describeHolder(t: LockTicket): string {
  const what = t.state === "holding" ? "applying" : "queued";
  return `run ${t.runId} by ${t.actor}, ${what} since ${iso(t.createdAt)} (last seen ${iso(t.updatedAt)})${t.runUrl ? `, ${t.runUrl}` : ""}`;
}

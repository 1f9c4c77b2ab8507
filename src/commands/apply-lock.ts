/**
 * Taking and keeping the apply lock (see src/core/lock/decide-lock.ts for the rule). One lock per
 * target, taken in a fixed order before anything is planned, so that a second apply plans from the
 * state the first one left. A waiting apply polls, says who holds the lock, and gives up (LockError,
 * exit 2) after `waitMs`; a holder that shows no sign of life for `staleAfterMs` is taken over.
 */
import { formatDuration } from "../core/duration.js";
import { describeError } from "../core/errors.js";
import { decideLock, describeHolder, type LockTicket } from "../core/lock/decide-lock.js";
import { LockError } from "../core/lock/lock-error.js";
import type { LockOwner, LockStore, Logger } from "../ports.js";

/** Time for the lock: epoch ms, a sleep, and a repeating timer (heartbeats). Injected so tests need no real waits. */
export interface LockClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Calls `fn` every `ms` until the returned function is called. */
  every(ms: number, fn: () => Promise<void>): () => void;
}

export interface ApplyLockOptions {
  owner: LockOwner;
  /** How long to wait for a held lock before giving up; 0 fails at once. */
  waitMs: number;
  /** How often a waiting apply looks again. Default 15 s. */
  pollMs?: number;
  /** A ticket with no status for this long is presumed dead. Default 10 min. */
  staleAfterMs?: number;
  /** How often a waiting or holding apply says it is alive. Default 1 min. */
  heartbeatMs?: number;
  /** Close every live ticket ahead (as broken) instead of waiting. */
  breakLock?: boolean;
}

/** Locks held; `release` ends every ticket (success or failure), and stops the heartbeats. Never throws. */
export interface ApplyLease {
  readonly names: string[];
  /** The locks another apply took over while this one held them (its heartbeat found the ticket closed). */
  lost(): string[];
  release(outcome: "released" | "failed", description: string): Promise<void>;
}

export const LOCK_DEFAULTS = { pollMs: 15_000, staleAfterMs: 10 * 60_000, heartbeatMs: 60_000 };
/** Tickets older than this are never read: no apply holds the lock this long. */
const MAX_TICKET_AGE_MS = 24 * 3600_000;

interface Held {
  name: string;
  id: number;
  stop: () => void;
  /** True once a heartbeat found the ticket closed by another apply: it is not released (that would reopen it). */
  lost: () => boolean;
}

/** Takes the locks `names` (sorted, one after the other); throws LockError or ExternalError, having closed its own tickets. */
export async function acquireApplyLocks(deps: { store: LockStore; logger: Logger; clock: LockClock }, names: string[], opts: ApplyLockOptions): Promise<ApplyLease> {
  const held: Held[] = [];
  const release = async (outcome: "released" | "failed", description: string) => {
    for (const h of held.splice(0).reverse()) {
      h.stop();
      if (h.lost()) continue;
      try {
        await deps.store.mark(h.name, h.id, outcome, description);
      } catch (err) {
        deps.logger.warn(`${h.name}: could not release the apply lock (deployment ${h.id}): ${describeError(err)}; it expires on its own`);
      }
    }
  };
  try {
    for (const name of [...new Set(names)].sort()) held.push(await acquireOne(deps, name, opts));
  } catch (err) {
    await release("failed", `gave up: ${describeError(err)}`);
    throw err;
  }
  const all = [...held];
  return { names: all.map((h) => h.name), lost: () => all.filter((h) => h.lost()).map((h) => h.name), release };
}

async function acquireOne(deps: { store: LockStore; logger: Logger; clock: LockClock }, name: string, opts: ApplyLockOptions): Promise<Held> {
  const { store, logger, clock } = deps;
  const pollMs = opts.pollMs ?? LOCK_DEFAULTS.pollMs;
  const staleAfterMs = opts.staleAfterMs ?? LOCK_DEFAULTS.staleAfterMs;
  const heartbeatMs = opts.heartbeatMs ?? LOCK_DEFAULTS.heartbeatMs;
  const who = `run ${opts.owner.runId}`;
  const ticket = await store.take(name, opts.owner);
  // Server time, from the server's own timestamps plus the time elapsed here: no clock skew.
  let sync = { server: ticket.at, local: clock.now() };
  const serverNow = () => sync.server + (clock.now() - sync.local);
  const mark = async (m: Parameters<LockStore["mark"]>[2], description: string) => {
    const at = await store.mark(name, ticket.id, m, description);
    sync = { server: at, local: clock.now() };
  };
  const started = clock.now();
  let lastSign = clock.now();
  let closedByOther = false;
  try {
    for (;;) {
      const tickets = await store.tickets(name, serverNow() - MAX_TICKET_AGE_MS);
      const d = decideLock({ mine: ticket.id, tickets, now: serverNow(), staleAfterMs, ...(opts.breakLock ? { breakLock: true } : {}) });
      if (d.kind === "lost") {
        closedByOther = true;
        throw new LockError(`${name}: this apply's lock ticket (deployment ${ticket.id} in ${store.location}) was closed by another apply; nothing was applied`);
      }
      if (d.kind === "held") {
        for (const t of d.expired) await closeOther(t, "expired", `expired: no sign of life for ${formatDuration((serverNow() - t.updatedAt) / 1000)}; taken over by ${who}`);
        for (const t of d.broken) await closeOther(t, "broken", `broken by ${who} (--break-lock)`);
        await mark("holding", `applying: ${who}`);
        logger.info(`${name}: apply lock taken (deployment ${ticket.id} in ${store.location})`);
        const beat = heartbeat();
        return { name, id: ticket.id, stop: beat.stop, lost: () => beat.lost };
      }
      const waited = clock.now() - started;
      if (waited >= opts.waitMs) {
        throw new LockError(
          `${name}: another apply holds the lock: ${describeHolder(d.holder)}. Waited ${formatDuration(waited / 1000)}; nothing was applied. ` +
            `Re-run once it has finished, or, if that run is dead, wait ${formatDuration(staleAfterMs / 1000)} after its last sign of life or pass --break-lock.`,
        );
      }
      logger.info(`${name}: waiting for the apply lock, held by ${describeHolder(d.holder)}${d.ahead > 1 ? ` (${d.ahead} applies ahead)` : ""}; waited ${formatDuration(waited / 1000)} of ${formatDuration(opts.waitMs / 1000)}`);
      if (clock.now() - lastSign >= heartbeatMs) {
        await mark("waiting", `waiting: ${who}`);
        lastSign = clock.now();
      }
      await clock.sleep(Math.max(1, Math.min(pollMs, opts.waitMs - waited)));
    }
  } catch (err) {
    // A ticket left waiting would hold up every apply after it until it expires.
    if (!closedByOther) await store.mark(name, ticket.id, "failed", `gave up: ${who}`).catch(() => undefined);
    throw err;
  }

  async function closeOther(t: LockTicket, m: "expired" | "broken", description: string) {
    logger.warn(`${name}: ${m === "expired" ? "taking over an expired" : "breaking the"} apply lock of ${describeHolder(t)}`);
    await store.mark(name, t.id, m, description);
  }

  /** Renews the holding status; a ticket found closed by another apply (taken over) is said loudly and left closed. */
  function heartbeat(): { stop: () => void; lost: boolean } {
    const beat = { stop: () => undefined as void, lost: false };
    beat.stop = clock.every(heartbeatMs, async () => {
      if (beat.lost) return;
      try {
        const mine = (await store.tickets(name, serverNow() - MAX_TICKET_AGE_MS)).find((t) => t.id === ticket.id);
        if (!mine || mine.state === "done") {
          beat.lost = true;
          beat.stop();
          logger.error(`${name}: another apply took over this apply's lock (deployment ${ticket.id}) while it was applying (no heartbeat reached GitHub for ${formatDuration(staleAfterMs / 1000)}); the two may have interleaved: check ${store.location} and re-run apply`);
          return;
        }
        await mark("holding", `applying: ${who}`);
      } catch (err) {
        logger.warn(`${name}: could not renew the apply lock (deployment ${ticket.id}): ${describeError(err)}`);
      }
    });
    return beat;
  }
}

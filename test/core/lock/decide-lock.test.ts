import { describe, expect, it } from "vitest";
import { decideLock, describeHolder, type LockTicket } from "../../../src/core/lock/decide-lock.js";

const MIN = 60_000;
const NOW = Date.parse("2026-01-01T12:00:00Z");
const t = (id: number, state: LockTicket["state"], ageMin = 0): LockTicket => ({ id, state, createdAt: NOW - 60 * MIN, updatedAt: NOW - ageMin * MIN, actor: `user${id}`, runId: `run${id}` });

describe("decideLock (a ticket lock with expiry)", () => {
  const cases: Array<[string, LockTicket[], number, { breakLock?: boolean }, string, number[]?]> = [
    ["alone: held", [t(5, "waiting")], 5, {}, "held"],
    ["finished tickets before mine do not count", [t(3, "done"), t(4, "done"), t(5, "waiting")], 5, {}, "held"],
    ["tickets after mine do not count, even holding", [t(5, "waiting"), t(6, "holding")], 5, {}, "held"],
    ["a live holder before mine: wait", [t(4, "holding", 1), t(5, "waiting")], 5, {}, "wait"],
    ["a live waiter before mine (not yet holding): wait — it asked first", [t(4, "waiting", 0), t(5, "waiting")], 5, {}, "wait"],
    ["a silent holder (11 min): expired, held", [t(4, "holding", 11), t(5, "waiting")], 5, {}, "held", [4]],
    ["exactly at the stale limit still counts as alive", [t(4, "holding", 10), t(5, "waiting")], 5, {}, "wait"],
    ["--break-lock: a live holder is broken", [t(4, "holding", 1), t(5, "waiting")], 5, { breakLock: true }, "held"],
    ["my ticket closed by another: lost", [t(4, "holding"), t(5, "done")], 5, {}, "lost"],
    ["my ticket missing: lost", [t(4, "holding")], 5, {}, "lost"],
  ];
  it.each(cases)("%s", (_name, tickets, mine, opts, kind, expired) => {
    const d = decideLock({ mine, tickets, now: NOW, staleAfterMs: 10 * MIN, ...opts });
    expect(d.kind).toBe(kind);
    if (expired) expect(d.kind === "held" && d.expired.map((x) => x.id)).toEqual(expired);
  });

  it("names the holder, not the first waiter, while one holds", () => {
    const d = decideLock({ mine: 7, tickets: [t(4, "waiting"), t(5, "holding"), t(6, "waiting"), t(7, "waiting")], now: NOW, staleAfterMs: 10 * MIN });
    expect(d).toMatchObject({ kind: "wait", holder: { id: 5 }, ahead: 3 });
    expect(describeHolder((d as { holder: LockTicket }).holder)).toBe("run run5 by user5, applying since 2026-01-01T11:00:00Z (last seen 2026-01-01T12:00:00Z)");
  });

  it("two tickets never both hold: for every pair of views, at most one is held", () => {
    // Whatever each side sees of the other (not yet created, waiting, holding), the earlier ticket
    // is always visible to the later one, so the later one never holds while the earlier is live.
    for (const earlier of ["waiting", "holding"] as const) {
      const a = decideLock({ mine: 1, tickets: [t(1, earlier)], now: NOW, staleAfterMs: 10 * MIN });
      const b = decideLock({ mine: 2, tickets: [t(1, earlier), t(2, "waiting")], now: NOW, staleAfterMs: 10 * MIN });
      expect([a.kind, b.kind]).toEqual(["held", "wait"]);
    }
  });
});

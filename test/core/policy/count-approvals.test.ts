import { describe, expect, it } from "vitest";
import { countApprovals, type ReviewFact } from "../../../src/core/policy/count-approvals.js";

const r = (author: string, state: string, at: number): ReviewFact => ({ author, state, submittedAt: at });
const owners = { users: ["carol"], teams: [{ team: "@acme/ml", members: ["alice", "bob"] }] };

describe("countApprovals", () => {
  it("one owner approval out of two fails, naming who is still needed", () => {
    const c = countApprovals({ ...owners, reviews: [r("alice", "APPROVED", 1), r("mallory", "APPROVED", 2)] }, 2);
    expect(c.ok).toBe(false);
    expect(c.approvedBy).toEqual(["alice"]);
    expect(c.message).toBe("gate approvals: 1 of 2 owner approval(s) (alice); still needed: 1 more from carol or a member of @acme/ml");
  });

  it("a dismissed approval does not count, and is named", () => {
    const c = countApprovals({ ...owners, reviews: [r("alice", "APPROVED", 1), r("carol", "APPROVED", 2), r("carol", "DISMISSED", 3)] }, 2);
    expect(c.ok).toBe(false);
    expect(c.message).toContain("dismissed, not counted: carol");
  });

  it("takes each reviewer's latest review that is not a comment, as GitHub does", () => {
    const reviews = [r("alice", "APPROVED", 1), r("alice", "COMMENTED", 2), r("bob", "APPROVED", 3), r("bob", "CHANGES_REQUESTED", 4), r("carol", "CHANGES_REQUESTED", 5), r("carol", "APPROVED", 6)];
    expect(countApprovals({ ...owners, reviews }, 2)).toMatchObject({ ok: true, approvedBy: ["alice", "carol"] });
  });

  it("logins are compared without case; a team that could not be read fails the gate and says why", () => {
    expect(countApprovals({ ...owners, reviews: [r("Carol", "APPROVED", 1)] }, 1).ok).toBe(true);
    const c = countApprovals({ users: [], teams: [{ team: "@acme/ml", error: "Not Found (404)" }], reviews: [r("alice", "APPROVED", 1)] }, 1);
    expect(c.ok).toBe(false);
    expect(c.message).toContain("members of @acme/ml could not be read (Not Found (404))");
  });
});

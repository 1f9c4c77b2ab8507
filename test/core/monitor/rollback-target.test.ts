import { describe, expect, it } from "vitest";
import { rollbackTarget, rolledBackFrom, type StageRecord } from "../../../src/core/monitor/rollback-target.js";
import { aVersionSpec } from "../../support/builders.js";

// Records are newest first, as loadHistories returns them. Subjects are deliberately unhelpful:
// the target must come from the states alone.
const rec = (sha: string, day: number, versions: string[], subject = "Merge pull request #1 from acme/some-branch"): StageRecord => ({ sha, date: Date.UTC(2026, 9, day), subject, versions });
const versions = ["4", "5", "6", "7"].map((v) => aVersionSpec({ version: v, lineage: { parent: String(Number(v) - 1) } }));

describe("rolledBackFrom", () => {
  it("marks the versions a return to an earlier state took out of service", () => {
    // 5 -> 6 -> 7 -> 6: production went back to 6, so 7 was rolled back from.
    expect([...rolledBackFrom([rec("d", 4, ["6"]), rec("c", 3, ["7"]), rec("b", 2, ["6"]), rec("a", 1, ["5"])])]).toEqual(["7"]);
  });

  it("does not take the end of a split for a return, nor a promotion", () => {
    expect(rolledBackFrom([rec("c", 3, ["7"]), rec("b", 2, ["6", "7"]), rec("a", 1, ["6"])]).size).toBe(0);
    expect(rolledBackFrom([rec("c", 3, ["6"]), rec("b", 2, ["6", "7"]), rec("a", 1, ["6"])]).size).toBe(0);
    expect(rolledBackFrom([rec("b", 2, ["7"]), rec("a", 1, ["6"])]).size).toBe(0);
  });
});

describe("rollbackTarget", () => {
  it("is the newest version that served alone in production before the current one", () => {
    const history = [rec("c4", 20, ["7"]), rec("c3", 15, ["6", "7"]), rec("c2", 10, ["6"]), rec("c1", 1, ["5"])];
    expect(rollbackTarget({ current: ["7"], history, versions })).toMatchObject({ version: "6", reason: expect.stringContaining("c2"), servedAt: { sha: "c2" } });
  });

  it("after a merged rollback, a second incident goes further back, not to the version rolled back from", () => {
    // 5 -> 6 -> 7, then the rollback to 6 merged with a merge commit whose subject names nothing.
    const history = [rec("m1", 21, ["6"]), rec("c3", 20, ["7"]), rec("c2", 10, ["6"]), rec("c1", 1, ["5"])];
    expect(rollbackTarget({ current: ["6"], history, versions })?.version).toBe("5");
  });

  it("skips archived versions and versions without a file", () => {
    const history = [rec("c3", 20, ["7"]), rec("c2", 10, ["5"]), rec("c1", 1, ["4"])];
    const vs = versions.filter((v) => v.version !== "5").map((v) => (v.version === "4" ? { ...v, archived: true } : v));
    expect(rollbackTarget({ current: ["7"], history, versions: vs })).toBeUndefined();
  });

  it("names nothing when history names nothing: no guess from lineage (it would fail the gates)", () => {
    expect(rollbackTarget({ current: ["7"], history: [rec("c1", 1, ["7"])], versions })).toBeUndefined();
    expect(rollbackTarget({ current: ["7"], history: [], versions })).toBeUndefined();
  });
});

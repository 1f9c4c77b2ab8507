import { describe, expect, it } from "vitest";
import { rollbackTarget, type StageRecord } from "../../../src/core/monitor/rollback-target.js";
import { aVersionSpec } from "../../support/builders.js";

const rec = (sha: string, day: number, versions: string[], subject = "promote"): StageRecord => ({ sha, date: Date.UTC(2026, 9, day), subject, versions });
const versions = ["4", "5", "6", "7"].map((v) => aVersionSpec({ version: v, lineage: { parent: String(Number(v) - 1) } }));

describe("rollbackTarget", () => {
  it("is the newest version that served alone in production before the current one", () => {
    const history = [rec("c4", 20, ["7"]), rec("c3", 15, ["6", "7"]), rec("c2", 10, ["6"]), rec("c1", 1, ["5"])];
    expect(rollbackTarget({ current: ["7"], history, versions })).toEqual({ version: "6", reason: expect.stringContaining("c2") });
  });

  it("skips a version that was rolled back from, and archived versions", () => {
    const history = [rec("c5", 21, ["5"], "steward: roll back fraud-detection from 6 to 5"), rec("c4", 20, ["6"]), rec("c2", 10, ["5"]), rec("c1", 1, ["4"])];
    const vs = versions.map((v) => (v.version === "4" ? { ...v, archived: true } : v));
    expect(rollbackTarget({ current: ["7"], history, versions: vs })?.version).toBe("5");
    expect(rollbackTarget({ current: ["5"], history, versions: vs })).toBeUndefined();
  });

  it("reads squash-merged PR titles too", () => {
    const history = [rec("c3", 20, ["6"], "Roll back fraud-detection from 7 to 6 (#12)"), rec("c2", 10, ["7"]), rec("c1", 1, ["6"])];
    // 7 was rolled back from, so the candidate is 6's lineage parent, not 7.
    expect(rollbackTarget({ current: ["6"], history, versions })).toEqual({ version: "5", reason: expect.stringContaining("lineage parent") });
  });

  it("falls back to the lineage parent when history names nothing", () => {
    expect(rollbackTarget({ current: ["7"], history: [rec("c1", 1, ["7"])], versions })).toEqual({ version: "6", reason: expect.stringContaining("lineage parent") });
  });
});

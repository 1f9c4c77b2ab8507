import { describe, expect, it } from "vitest";
import { firstEntered, entries } from "../../../src/core/history/first-entered.js";
import { parseStages } from "../../../src/core/history/parse-stages.js";
import { stageHistory, type StageSnapshot } from "../../../src/core/history/stage-history.js";
import { timeInStage } from "../../../src/core/history/time-in-stage.js";

const HOUR = 3600;
let n = 0;
function snap(iso: string, stages: string | undefined, author = "ana"): StageSnapshot {
  n++;
  const sha = n.toString(16).padStart(40, "0");
  const text = stages === undefined ? undefined : `apiVersion: steward/v1\nkind: Model\nname: m\n${stages}\npolicy: default\n`;
  return { commit: { sha, author, email: `${author}@example.com`, date: new Date(iso), subject: `commit ${n}` }, text };
}

describe("parseStages", () => {
  it("reads single versions, numbers and weighted splits", () => {
    expect(parseStages('stages:\n  production: "7"\n  staging: 8\n')).toEqual({
      production: [{ version: "7", weight: 100 }],
      staging: [{ version: "8", weight: 100 }],
    });
    expect(parseStages("stages:\n  production:\n    split:\n      - { version: a, weight: 90 }\n      - { version: b, weight: 10 }\n")).toEqual({
      production: [
        { version: "a", weight: 90 },
        { version: "b", weight: 10 },
      ],
    });
  });
  it("gives {} without stages and undefined for text that is not a YAML mapping", () => {
    expect(parseStages("name: m\n")).toEqual({});
    expect(parseStages("stages: [\n")).toBeUndefined();
    expect(parseStages("- a\n- b\n")).toBeUndefined();
  });
});

describe("stageHistory", () => {
  const snaps = [
    snap("2026-01-01T10:00:00Z", 'stages:\n  staging: "1"'),
    snap("2026-01-02T10:00:00Z", 'stages:\n  staging: "1"\n  production: "1"', "bo"),
    snap("2026-01-03T10:00:00Z", 'stages:\n  staging: "2"\n  production: "1"'),
    snap("2026-01-04T10:00:00Z", "stages: [broken"),
    snap("2026-01-06T10:00:00Z", "stages:\n  staging: \"2\"\n  production:\n    split:\n      - { version: \"1\", weight: 90 }\n      - { version: \"2\", weight: 10 }"),
    snap("2026-01-07T16:00:00Z", 'stages:\n  production: "2"'),
  ];
  const h = stageHistory(snaps, "m");

  it("turns each changed stage of each commit into one change, oldest first", () => {
    expect(h.model).toBe("m");
    expect(h.changes.map((c) => [c.commit.date.toISOString().slice(0, 10), c.stage, c.from.map((v) => v.version).join("+"), c.to.map((v) => v.version).join("+")])).toEqual([
      ["2026-01-01", "staging", "", "1"],
      ["2026-01-02", "production", "", "1"],
      ["2026-01-03", "staging", "1", "2"],
      ["2026-01-06", "production", "1", "1+2"],
      ["2026-01-07", "production", "1+2", "2"],
      ["2026-01-07", "staging", "2", ""],
    ]);
    expect(h.changes[1]!.commit.author).toBe("bo");
  });

  it("records unreadable commits and keeps the last good state across them", () => {
    expect(h.unreadable.map((c) => c.subject)).toEqual([snaps[3]!.commit.subject]);
  });

  it("answers when a version first entered a stage, also as a canary variant", () => {
    expect(firstEntered(h, "1", "staging")?.commit.date.toISOString()).toBe("2026-01-01T10:00:00.000Z");
    expect(firstEntered(h, "2", "production")?.commit.date.toISOString()).toBe("2026-01-06T10:00:00.000Z");
    expect(firstEntered(h, "3", "production")).toBeUndefined();
    expect(entries(h, "2", "production")).toHaveLength(1);
  });

  it("measures soak time: time in staging until the version entered production", () => {
    const enteredProd = firstEntered(h, "2", "production")!.commit.date;
    expect(timeInStage(h, "2", "staging", enteredProd)).toBe(3 * 24 * HOUR);
    expect(timeInStage(h, "1", "staging", firstEntered(h, "1", "production")!.commit.date)).toBe(24 * HOUR);
    expect(timeInStage(h, "9", "staging", enteredProd)).toBeUndefined();
  });

  it("sums several stays and ignores changes after `until`", () => {
    const back = stageHistory(
      [
        snap("2026-02-01T00:00:00Z", 'stages:\n  staging: "5"'),
        snap("2026-02-02T00:00:00Z", 'stages:\n  staging: "6"'),
        snap("2026-02-05T00:00:00Z", 'stages:\n  staging: "5"'),
        snap("2026-02-05T12:00:00Z", 'stages:\n  staging: "5"\n  production: "5"'),
        snap("2026-02-09T00:00:00Z", 'stages:\n  staging: "7"\n  production: "5"'),
      ],
      "m",
    );
    expect(timeInStage(back, "5", "staging", new Date("2026-02-05T12:00:00Z"))).toBe(24 * HOUR + 12 * HOUR);
    expect(timeInStage(back, "5", "staging", new Date("2026-03-01T00:00:00Z"))).toBe(24 * HOUR + 4 * 24 * HOUR); // Feb 1-2, then Feb 5-9 when 7 replaced it
  });

  it("treats a deleted model.yaml as no stages", () => {
    const d = stageHistory([snap("2026-03-01T00:00:00Z", 'stages:\n  production: "1"'), snap("2026-03-02T00:00:00Z", undefined)], "m");
    expect(d.changes.map((c) => [c.stage, c.to.length])).toEqual([
      ["production", 1],
      ["production", 0],
    ]);
  });

  it("does not count a weight of 0 as serving", () => {
    const z = stageHistory([snap("2026-03-01T00:00:00Z", "stages:\n  production:\n    split:\n      - { version: a, weight: 100 }\n      - { version: b, weight: 0 }")], "m");
    expect(firstEntered(z, "b", "production")).toBeUndefined();
  });
});

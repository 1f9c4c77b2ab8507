import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cardHistory } from "../../../src/core/card/card-history.js";
import { parseStages, type StageMap } from "../../../src/core/history/parse-stages.js";
import { stageHistory, type StageSnapshot } from "../../../src/core/history/stage-history.js";

const versions = fc.constantFrom("1", "2", "3", "4");
const assignment = fc.oneof(
  versions.map((v) => `"${v}"`),
  fc.tuple(versions, versions, fc.integer({ min: 0, max: 100 })).map(([a, b, w]) => `\n    split:\n      - { version: "${a}", weight: ${w} }\n      - { version: "${b}", weight: ${100 - w} }`),
);
const stages = fc.dictionary(fc.constantFrom("staging", "production", "shadow"), assignment, { maxKeys: 3 });
const texts = fc.array(fc.option(stages, { nil: undefined }), { minLength: 1, maxLength: 8 });

function snapshots(list: (Record<string, string> | undefined)[]): StageSnapshot[] {
  return list.map((s, i) => ({
    commit: { sha: `${i}`.padStart(40, "0"), author: "a", email: "a@example.com", date: new Date(Date.UTC(2026, 0, 1 + i)), subject: `${i}` },
    text: s === undefined ? undefined : `name: m\nstages:${Object.keys(s).length ? "" : " {}"}\n${Object.entries(s).map(([k, v]) => `  ${k}: ${v}`).join("\n")}\n`,
  }));
}

/** Replays changes from no stages. */
function replay(changes: { stage: string; to: StageMap[string] }[]): StageMap {
  const out: StageMap = {};
  for (const c of changes) {
    if (c.to.length) out[c.stage] = c.to;
    else delete out[c.stage];
  }
  return out;
}

describe("stageHistory (properties)", () => {
  it("replaying the changes gives the stages of the last snapshot", () => {
    fc.assert(
      fc.property(texts, (list) => {
        const snaps = snapshots(list);
        const h = stageHistory(snaps, "m");
        const last = snaps.at(-1)!.text;
        expect(replay(h.changes)).toEqual(last === undefined ? {} : parseStages(last));
        for (const c of h.changes) expect(c.from).not.toEqual(c.to);
      }),
    );
  });

  it("a card's history is the same before and after its latest change is committed", () => {
    fc.assert(
      fc.property(texts, (list) => {
        const snaps = snapshots(list);
        const working = snaps.at(-1)!.text;
        fc.pre(working !== undefined && (snaps.length < 2 || snaps.at(-2)!.text !== working));
        expect(cardHistory(snaps, working, "m")).toEqual(cardHistory(snaps.slice(0, -1), working, "m"));
      }),
    );
  });
});

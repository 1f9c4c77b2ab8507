import { describe, expect, it } from "vitest";
import { cardHistory } from "../../../src/core/card/card-history.js";
import type { StageSnapshot } from "../../../src/core/history/stage-history.js";

const at = (sha: string, iso: string, stages: string): StageSnapshot => ({
  commit: { sha, author: "a", email: "a@example.com", date: new Date(iso), subject: sha },
  text: `name: m\nstages:\n${stages}\n`,
});
const one = at("1", "2026-01-01T00:00:00Z", '  staging: "1"');
const two = at("2", "2026-01-02T00:00:00Z", '  staging: "2"\n  production: "1"');
const summary = (h: ReturnType<typeof cardHistory>) => ({
  dated: h.dated.changes.map((c) => `${c.commit.sha}:${c.stage}`),
  latest: h.latest.map((c) => `${c.stage}:${c.from.map((v) => v.version).join()}>${c.to.map((v) => v.version).join()}`),
});

describe("cardHistory", () => {
  it("shows the last commit's change as the latest change when the working tree is clean", () => {
    expect(summary(cardHistory([one, two], two.text, "m"))).toEqual({ dated: ["1:staging"], latest: ["production:>1", "staging:1>2"] });
  });

  it("shows the same thing before that commit exists", () => {
    expect(summary(cardHistory([one], two.text, "m"))).toEqual(summary(cardHistory([one, two], two.text, "m")));
  });

  it("handles a model with no commits, and a commit that changed no stage", () => {
    expect(summary(cardHistory([], one.text, "m"))).toEqual({ dated: [], latest: ["staging:>1"] });
    const reworded = { ...at("3", "2026-01-03T00:00:00Z", '  staging: "2"\n  production: "1"'), text: `${two.text}description: new\n` };
    expect(summary(cardHistory([one, two, reworded], reworded.text, "m"))).toEqual({ dated: ["1:staging", "2:production", "2:staging"], latest: [] });
  });
});

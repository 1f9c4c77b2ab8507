import { describe, expect, it } from "vitest";
import { describeVariants, planStageChange, type StageRequest } from "../../../src/core/registry-edit/plan-stage-change.js";
import { aModelSpec, aPolicySpec, aVersionSpec } from "../../support/builders.js";

const request = (over: Partial<StageRequest> = {}): StageRequest => ({
  model: aModelSpec(),
  version: aVersionSpec({ version: "8" }),
  versionLabel: "8",
  stage: "production",
  policy: aPolicySpec(),
  ...over,
});
const split = { variants: [{ version: "7", weight: 90 }, { version: "8", weight: 10 }] };

describe("planStageChange", () => {
  it("gives the version the whole stage, recording what it replaces", () => {
    expect(planStageChange(request())).toEqual({
      kind: "change",
      variants: [{ version: "8", weight: 100 }],
      before: [{ version: "7", weight: 100 }],
      promotion: { model: "fraud-detection", version: "8", stage: "production", replacing: ["7"] },
    });
  });

  it("splits the stage for a canary: the current version at 100-P, the new one at P", () => {
    const p = planStageChange(request({ canary: 10 }));
    expect(p).toMatchObject({ kind: "change", variants: [{ version: "7", weight: 90 }, { version: "8", weight: 10 }] });
  });

  it("completes a split the version is part of when no canary is asked for", () => {
    const model = aModelSpec({ stages: { production: split } });
    expect(planStageChange(request({ model }))).toMatchObject({ kind: "change", variants: [{ version: "8", weight: 100 }], promotion: { replacing: ["7", "8"] } });
  });

  it("reports a version that already serves the whole stage as unchanged", () => {
    const model = aModelSpec({ stages: { production: { variants: [{ version: "8", weight: 100 }] } } });
    expect(planStageChange(request({ model }))).toMatchObject({ kind: "unchanged", message: "fraud-detection version 8 already serves all of production" });
  });

  it.each([
    ["a missing version", { version: undefined, versionLabel: "42" }, "fraud-detection has no version 42 (models/fraud-detection/versions/42.yaml)"],
    ["an archived version", { version: aVersionSpec({ version: "8", archived: true }) }, "fraud-detection version 8 is archived (models/fraud-detection/versions/8.yaml): an archived version may not serve in any stage"],
    ["a stage outside the order", { stage: "shadow" }, 'stage "shadow" is not in the promotion order of policy strict (staging -> production)'],
    ["a missing policy", { policy: undefined }, "fraud-detection follows policy strict, which is not in policies/"],
    ["a canary on a split", { canary: 10, model: aModelSpec({ stages: { production: split } }) }, 'production of fraud-detection already holds a split ("7" 90%, "8" 10%): finish it before starting another canary'],
    ["a canary of the serving version", { canary: 10, model: aModelSpec({ stages: { production: { variants: [{ version: "8", weight: 100 }] } } }) }, "fraud-detection version 8 already serves production"],
    ["a canary on an empty stage", { canary: 10, model: aModelSpec({ stages: {} }) }, "production of fraud-detection serves nothing yet: a canary needs a current version to split with"],
    ["a canary of 100%", { canary: 100 }, "--canary must be a whole percent from 1 to 99, not 100"],
  ] as const)("refuses %s", (_name, over, message) => {
    expect(planStageChange(request(over as Partial<StageRequest>))).toEqual({ kind: "refused", message });
  });

  it("describes assignments for people", () => {
    expect(describeVariants([])).toBe("nothing");
    expect(describeVariants([{ version: "7", weight: 100 }])).toBe('"7"');
    expect(describeVariants(split.variants)).toBe('"7" 90%, "8" 10%');
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  APPLY_FAILURE_MARKER,
  BOT_LABEL,
  PR_SUMMARY_MARKER,
  changeBranch,
  changeCommitMessage,
  changeLabels,
  changeMarker,
  changeTitle,
  configDriftMarker,
  hasMarker,
  healthMarker,
  incidentKey,
  incidentLabels,
  incidentMarker,
  incidentTitle,
  neutralizeMarkers,
  parseChangeBranch,
  promoteMarker,
  readMarkers,
  registerMarker,
  stewardMarker,
  withMarker,
} from "../../src/core/github-conventions.js";

const part = fc.string({ minLength: 1, unit: "grapheme" });

describe("markers", () => {
  it("builds a hidden HTML comment from its parts", () => {
    expect(stewardMarker("issue", "fraud-detection", "accuracy")).toBe("<!-- steward:issue:fraud-detection:accuracy -->");
    expect(stewardMarker("rollback", "a b:c-->")).toBe("<!-- steward:rollback:a%20b%3Ac--%3E -->");
  });

  it("never lets two different keys share a marker, nor a part escape the comment", () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), fc.array(part, { minLength: 1, maxLength: 4 }), (a, b) => {
        const ma = stewardMarker(...a);
        expect(ma.indexOf("-->")).toBe(ma.length - 3);
        expect(readMarkers(ma)).toHaveLength(1);
        if (JSON.stringify(a) !== JSON.stringify(b)) expect(ma).not.toBe(stewardMarker(...b));
      }),
    );
  });

  it("refuses an empty key or part", () => {
    expect(() => stewardMarker()).toThrow(RangeError);
    expect(() => stewardMarker("issue", "")).toThrow(RangeError);
  });

  it("finds a marker only whole, and reads every marker in a body", () => {
    const m = stewardMarker("issue", "churn", "accuracy");
    expect(hasMarker(`text\n${m}`, m)).toBe(true);
    expect(hasMarker(stewardMarker("issue", "churn", "accuracy-7d"), m)).toBe(false);
    expect(hasMarker(null, m)).toBe(false);
    expect(readMarkers(`${m} and ${stewardMarker("plan")}`)).toEqual(["issue:churn:accuracy", "plan"]);
  });

  it("appends a marker once", () => {
    const m = stewardMarker("plan");
    expect(withMarker("body\n", m)).toBe(`body\n\n${m}\n`);
    expect(withMarker(withMarker("body", m), m)).toBe(withMarker("body", m));
  });

  it("neutralizes foreign text so it cannot forge a marker", () => {
    const m = stewardMarker("issue", "churn", "accuracy");
    const hostile = `see ${m} and <!-- hidden -->`;
    const safe = neutralizeMarkers(hostile);
    expect(hasMarker(safe, m)).toBe(false);
    expect(readMarkers(safe)).toEqual([]);
    expect(safe).toBe("see &lt;!-- steward:issue:churn:accuracy --> and &lt;!-- hidden -->");
    fc.assert(fc.property(fc.string(), (s) => !neutralizeMarkers(s).includes("<!--")));
  });
});

describe("the conventions every reader and writer share", () => {
  it("keeps the formats that existing issues and PRs carry", () => {
    expect(incidentMarker(incidentKey("fraud-detection", "accuracy"))).toBe("<!-- steward:incident:fraud-detection:accuracy -->");
    expect(healthMarker()).toBe("<!-- steward:health -->");
    expect(healthMarker({ index: 2, count: 4 })).toBe("<!-- steward:health:shard-2-of-4 -->");
    expect(changeMarker("rollback", "churn")).toBe("<!-- steward:rollback:churn -->");
    expect(configDriftMarker("sagemaker")).toBe("<!-- steward:drift:sagemaker -->");
    expect(promoteMarker("churn", "1.3.0", "production")).toBe("<!-- steward:promote:churn:1.3.0:production -->");
    expect(registerMarker("churn", "7")).toBe("<!-- steward:register:churn:7 -->");
    expect(PR_SUMMARY_MARKER).toBe("<!-- steward:pr-summary -->");
    expect(APPLY_FAILURE_MARKER).toBe("<!-- steward:apply-failure -->");
  });

  it("names branches one way and reads them back", () => {
    expect(changeBranch("rollback", "churn")).toBe("steward/rollback/churn");
    expect(changeBranch("end-split", "churn")).toBe("steward/split/churn");
    expect(changeBranch("complete-split", "churn")).toBe("steward/split/churn");
    expect(parseChangeBranch("steward/scale/churn")).toEqual({ dir: "scale", model: "churn" });
    expect(parseChangeBranch("steward/promote/churn-7-production")).toBeUndefined();
    expect(parseChangeBranch("feature/x")).toBeUndefined();
  });

  it("labels incidents and changes with the bot label first", () => {
    expect(incidentLabels("churn", "critical")).toEqual([BOT_LABEL, "incident", "severity:critical", "model:churn"]);
    expect(changeLabels("scale", "churn")).toEqual([BOT_LABEL, "scale", "model:churn"]);
  });

  it("writes the change titles and commit subjects (history is read from YAML, never back from them)", () => {
    const title = changeTitle({ purpose: "rollback", model: "churn", stage: "production", from: "7", to: "6" });
    expect(title).toBe("Roll back churn from 7 to 6");
    expect(changeCommitMessage(title, "why").split("\n")[0]).toBe("steward: roll back churn from 7 to 6");
  });

  it("titles incidents of every kind, coverage kinds included", () => {
    expect(incidentTitle("churn", "latency", "no-data", "warning")).toBe("[warning] churn: latency has no data");
    expect(incidentTitle("churn", "latency", "threshold", "critical", true)).toBe("[critical, escalated] churn: latency is outside its threshold");
  });
});

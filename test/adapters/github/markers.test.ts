import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { hasMarker, neutralizeMarkers, readMarkers, stewardMarker, withMarker } from "../../../src/adapters/github/markers.js";

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

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { changeBranch, healthMarker, incidentMarker } from "../../../src/core/github-conventions.js";
import { decodeState, encodeState } from "../../../src/core/monitor/markers.js";
import type { Incident } from "../../../src/core/monitor/types.js";

describe("markers", () => {
  it("names issues, health issues and branches", () => {
    expect(incidentMarker("fraud-detection/accuracy")).toBe("<!-- steward:incident:fraud-detection:accuracy -->");
    expect(healthMarker()).toBe("<!-- steward:health -->");
    expect(healthMarker({ index: 2, count: 4 })).toBe("<!-- steward:health:shard-2-of-4 -->");
    expect(changeBranch("rollback", "m")).toBe("steward/rollback/m");
    expect(changeBranch("complete-split", "m")).toBe("steward/split/m");
  });

  it("round-trips incident state through an issue body, whatever the strings hold", () => {
    const incident = fc.record({
      model: fc.string(),
      checkId: fc.string(),
      severity: fc.constantFrom("info", "warning", "critical"),
      openedAt: fc.integer({ min: 0 }),
      lastBadAt: fc.integer({ min: 0 }),
      escalated: fc.boolean(),
    }) as fc.Arbitrary<Incident>;
    fc.assert(
      fc.property(fc.array(incident, { maxLength: 5 }), (incidents) => {
        expect(decodeState(`# Model health\n\n| table |\n${encodeState(incidents)}\n`)).toEqual(incidents);
      }),
    );
  });

  it("reads a damaged or missing block as no incidents", () => {
    expect(decodeState(undefined)).toEqual([]);
    expect(decodeState("<!-- steward-state not-base64!! -->")).toEqual([]);
    expect(decodeState("<!-- steward-state e30= -->")).toEqual([]);
  });
});

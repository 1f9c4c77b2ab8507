import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreSeries } from "../../../src/core/detect/score-series.js";
import { detectors } from "../../../src/core/detect/registry.js";
import type { Datapoint } from "../../../src/ports.js";

/** Values that include the awkward ones: NaN, infinities, huge and tiny magnitudes, long constant runs. */
const value = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0, 1e300, -1e300, 5e-324) },
  { weight: 2, arbitrary: fc.constant(42) },
);
/** Irregular, possibly repeated timestamps, oldest first. */
const series = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 3_600_000 }), value), { maxLength: 260 })
  .map((rows) => {
    let t = 1_700_000_000_000;
    return rows.map(([dt, v]): Datapoint => ({ t: (t += dt), value: v }));
  });

const names = Object.keys(detectors);

describe("every detector, on any series", () => {
  for (const name of names) {
    it(`${name}: scores are finite and in [0,1], one per point`, () => {
      fc.assert(
        fc.property(series, (s) => {
          const scores = scoreSeries(s, [{ name, params: {} }]);
          expect(scores).toHaveLength(s.length);
          for (const v of scores) expect(Number.isFinite(v) && v >= 0 && v <= 1).toBe(true);
        }),
        { numRuns: 40 },
      );
    });

    it(`${name}: is causal (appending points never changes earlier scores)`, () => {
      fc.assert(
        fc.property(series, series, (head, tail) => {
          const last = head.at(-1)?.t ?? 0;
          const whole = [...head, ...tail.map((p) => ({ t: p.t - 1_700_000_000_000 + last, value: p.value }))];
          expect(scoreSeries(whole, [{ name, params: {} }]).slice(0, head.length)).toEqual(scoreSeries(head, [{ name, params: {} }]));
        }),
        { numRuns: 25 },
      );
    });
  }
});

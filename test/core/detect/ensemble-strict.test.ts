import { describe, expect, it } from "vitest";
import { scoreSeries } from "../../../src/core/detect/score-series.js";
import { seededRandom } from "../../../src/core/detect/stats/prng.js";
import { aSeries } from "./support.js";

/** A quantised metric (integers 0 to 4): points often equal a view's reference exactly (a tie). */
function quantised(n: number): number[] {
  const rand = seededRandom(3);
  return Array.from({ length: n }, () => Math.floor(rand() * 5));
}
const ensemble = (strict: boolean) => [{ name: "ensemble", params: { strict } }];

describe("ensemble: strict records", () => {
  const values = quantised(800);
  const loose = scoreSeries(aSeries(values), ensemble(false));
  const strict = scoreSeries(aSeries(values), ensemble(true));
  // the first tie after the warm-up that the old rule scored exactly 0.5
  const tie = loose.findIndex((s, i) => i > 100 && s === 0.5);

  it("finds ties on a quantised series (the case this is about)", () => {
    expect(tie).toBeGreaterThan(100);
  });

  it("scores a tie just below 0.5, never exactly 0.5", () => {
    expect(strict[tie]).toBeLessThan(0.5);
    expect(strict[tie]).toBeGreaterThan(0.499);
    expect(strict.filter((s) => s === 0.5)).toEqual([]);
  });

  it("lets a tie start no suppression: a real spike after it is not damped", () => {
    const spiked = [...values];
    spiked[tie + 10] = 40;
    const looseSpike = scoreSeries(aSeries(spiked), ensemble(false))[tie + 10]!;
    const strictSpike = scoreSeries(aSeries(spiked), ensemble(true))[tie + 10]!;
    expect(looseSpike).toBeLessThan(0.5); // the old rule: the tie damped the spike
    expect(strictSpike).toBeGreaterThanOrEqual(0.5);
  });
});

describe("ensemble: learnedWeight", () => {
  it("scales the learned view's evidence only: without a learned view it changes nothing", () => {
    const values = quantised(400).map((v, i) => v + (i > 300 ? 10 : 0));
    const a = scoreSeries(aSeries(values), [{ name: "ensemble", params: { learnedWeight: 1 } }]);
    const b = scoreSeries(aSeries(values), [{ name: "ensemble", params: { learnedWeight: 0.5 } }]);
    expect(b).toEqual(a);
  });

  it("with the LSTM view, a lower weight never raises a score before the first alarm", () => {
    const rand = seededRandom(9);
    const values = Array.from({ length: 600 }, (_, i) => Math.sin(i / 10) + 0.1 * rand() + (i === 500 ? 5 : 0));
    const full = scoreSeries(aSeries(values), [{ name: "ensemble", params: { lstm: true, learnedWeight: 1 } }]);
    const half = scoreSeries(aSeries(values), [{ name: "ensemble", params: { lstm: true, learnedWeight: 0.5 } }]);
    const firstAlarm = full.findIndex((s) => s >= 0.5);
    const until = firstAlarm < 0 ? full.length : firstAlarm;
    for (let i = 0; i < until; i++) expect(half[i]).toBeLessThanOrEqual(full[i]!);
  });
});

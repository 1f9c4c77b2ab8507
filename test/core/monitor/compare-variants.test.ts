import { describe, expect, it } from "vitest";
import { compareVariants } from "../../../src/core/monitor/compare-variants.js";

const series = (mean: number, n: number, wobble = 0.004) => Array.from({ length: n }, (_, i) => ({ t: i * 3_600_000, value: mean + wobble * Math.sin(i * 1.7) }));
const split = (a: number, b: number, n = 48) => [
  { variant: { version: "7", weight: 90 }, points: series(a, n) },
  { variant: { version: "8", weight: 10 }, points: series(b, n) },
];

describe("compareVariants", () => {
  it("ends the split when the challenger is significantly worse (higher is better with a min)", () => {
    const o = compareVariants({ variants: split(0.94, 0.9), threshold: { min: 0.85 }, servedSeconds: 3600, bakeSeconds: 7200 });
    expect(o).toMatchObject({ decision: "end-split", champion: { version: "7" }, challenger: { version: "8" } });
    expect(o!.pValue).toBeLessThan(0.01);
  });

  it("completes it once the challenger held up for the bake time (lower is better with a max)", () => {
    expect(compareVariants({ variants: split(0.11, 0.108), threshold: { max: 0.2 }, servedSeconds: 7200, bakeSeconds: 3600 })?.decision).toBe("complete-split");
    expect(compareVariants({ variants: split(0.11, 0.108), threshold: { max: 0.2 }, servedSeconds: 600, bakeSeconds: 3600 })?.decision).toBe("keep");
  });

  it("ignores differences below the margin and checks without a direction or enough points", () => {
    expect(compareVariants({ variants: split(0.94, 0.935), threshold: { min: 0.85 }, servedSeconds: 1e6, bakeSeconds: 0 })?.decision).toBe("complete-split");
    expect(compareVariants({ variants: split(1, 2), threshold: {}, servedSeconds: 1e6, bakeSeconds: 0 })).toBeUndefined();
    expect(compareVariants({ variants: split(0.94, 0.5, 5), threshold: { min: 0.8 }, servedSeconds: 1e6, bakeSeconds: 0 })).toBeUndefined();
  });
});

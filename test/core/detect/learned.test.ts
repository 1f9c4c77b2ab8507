import { describe, expect, it } from "vitest";
import { LstmForecaster } from "../../../src/core/detect/learned/lstm-net.js";
import { WindowAutoencoder } from "../../../src/core/detect/learned/autoencoder-net.js";
import { scoreSeries } from "../../../src/core/detect/score-series.js";
import { aSeries, noise } from "./support.js";

interface Net {
  params: Float64Array;
  gradient(): { loss: number; grad: Float64Array };
}

/** Largest relative difference between the analytic gradient and central differences. */
function gradientError(net: Net): number {
  const analytic = Float64Array.from(net.gradient().grad);
  let worst = 0;
  for (let i = 0; i < net.params.length; i++) {
    const old = net.params[i]!;
    net.params[i] = old + 1e-6;
    const up = net.gradient().loss;
    net.params[i] = old - 1e-6;
    const down = net.gradient().loss;
    net.params[i] = old;
    const numeric = (up - down) / 2e-6;
    worst = Math.max(worst, Math.abs(numeric - analytic[i]!) / Math.max(1e-7, Math.abs(numeric) + Math.abs(analytic[i]!)));
  }
  return worst;
}

const wave = (n: number) => Array.from({ length: n }, (_, i) => Math.sin(i / 5) + 0.3 * Math.cos(i / 2.3));

describe("learned detectors: the networks", () => {
  it("LSTM back-propagation through time matches numeric gradients", () => {
    const net = new LstmForecaster({ hidden: 5, seq: 7, every: 1e9, rate: 0.01, seed: 3 });
    for (const x of wave(20)) net.push(x);
    expect(gradientError(net)).toBeLessThan(1e-5);
  });

  it("autoencoder back-propagation matches numeric gradients", () => {
    const net = new WindowAutoencoder({ window: 6, code: 3, every: 1e9, rate: 0.01, seed: 3 });
    for (const x of wave(20)) net.push(x);
    expect(gradientError(net)).toBeLessThan(1e-5);
  });

  it("both learn a periodic series online (the error falls by half or more)", () => {
    const lstm = new LstmForecaster({ hidden: 8, seq: 16, every: 4, rate: 0.01, seed: 42 });
    const ae = new WindowAutoencoder({ window: 16, code: 4, every: 1, rate: 0.005, seed: 42 });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + Math.abs(b), 0) / xs.length;
    const e1 = wave(6000).map((x) => lstm.push(x));
    const e2 = wave(6000).map((x) => ae.push(x));
    expect(mean(e1.slice(5500))).toBeLessThan(mean(e1.slice(100, 600)) / 2);
    expect(mean(e2.slice(5500))).toBeLessThan(mean(e2.slice(100, 600)) / 1.2);
  });
});

describe("learned detectors: lstm and autoencoder", () => {
  const values = noise(1500, 7).map((e, i) => 10 + 3 * Math.sin(i / 8) + e);
  values[1200] = 40;

  for (const name of ["lstm", "autoencoder"]) {
    it(`${name}: flags a spike after learning the cycle, and few points before it`, () => {
      const s = scoreSeries(aSeries(values), [{ name, params: {} }]);
      expect(s[1200]).toBeGreaterThanOrEqual(0.5);
      expect(s.slice(600, 1200).filter((v) => v >= 0.5).length).toBeLessThanOrEqual(6);
    });

    it(`${name}: deterministic for a seed, different for another`, () => {
      const a = scoreSeries(aSeries(values), [{ name, params: {} }]);
      expect(scoreSeries(aSeries(values), [{ name, params: {} }])).toEqual(a);
      expect(scoreSeries(aSeries(values), [{ name, params: { seed: 7 } }])).not.toEqual(a);
    });

    it(`${name}: no look-ahead (changing points after t leaves every score up to t unchanged)`, () => {
      const changed = values.map((v, i) => (i > 900 ? -v * 3 : v));
      const a = scoreSeries(aSeries(values), [{ name, params: {} }]);
      const b = scoreSeries(aSeries(changed), [{ name, params: {} }]);
      expect(b.slice(0, 901)).toEqual(a.slice(0, 901));
      expect(b.slice(901)).not.toEqual(a.slice(901));
    });
  }

  it("the ensemble takes them as views when asked, and stays causal", () => {
    const a = scoreSeries(aSeries(values), [{ name: "ensemble", params: { lstm: true, autoencoder: true } }]);
    expect(a[1200]).toBeGreaterThanOrEqual(0.5);
    const changed = values.map((v, i) => (i > 900 ? v + 5 : v));
    expect(scoreSeries(aSeries(changed), [{ name: "ensemble", params: { lstm: true, autoencoder: true } }]).slice(0, 901)).toEqual(a.slice(0, 901));
  });
});

import { seededRandom } from "../stats/prng.js";
import { Adam, glorot } from "./adam.js";

export interface AutoencoderOptions {
  /** Points per window (the input and output size). */
  window: number;
  /** Units of the bottleneck. */
  code: number;
  /** Points between two training steps. */
  every: number;
  rate: number;
  seed: number;
}

/**
 * A dense autoencoder over sliding windows of a (scaled) series: window -> tanh code -> linear
 * reconstruction. `push` returns the reconstruction error of the window ending at the new point
 * with the weights learnt before it, then takes one Adam step on that window every `every` points.
 * Memory: the weights and one window. Deterministic for a seed.
 *
 * Parameter layout: encoder rows (code x (window + 1), bias last), then decoder rows (window x (code + 1)).
 */
export class WindowAutoencoder {
  private readonly p: Float64Array;
  private readonly grad: Float64Array;
  private readonly adam: Adam;
  private readonly win: Float64Array;
  private readonly u: Float64Array;
  private readonly z: Float64Array;
  private readonly r: Float64Array;
  private readonly dz: Float64Array;
  private head = 0;
  private count = 0;
  private since = 0;
  private readonly dec: number;

  constructor(private readonly o: AutoencoderOptions) {
    const W = o.window;
    const K = o.code;
    this.dec = K * (W + 1);
    this.p = new Float64Array(this.dec + W * (K + 1));
    this.grad = new Float64Array(this.p.length);
    const random = seededRandom(o.seed);
    for (let k = 0; k < K; k++) glorot(this.p, k * (W + 1), W, W, K, random);
    for (let i = 0; i < W; i++) glorot(this.p, this.dec + i * (K + 1), K, K, W, random);
    this.adam = new Adam(this.p.length, o.rate);
    this.win = new Float64Array(W);
    this.u = new Float64Array(W);
    this.z = new Float64Array(K);
    this.r = new Float64Array(W);
    this.dz = new Float64Array(K);
  }

  /** The parameters (live view; for gradient checks). */
  get params(): Float64Array {
    return this.p;
  }

  /** Feeds the next scaled value; returns the RMS reconstruction error of the window it ends (0 until the window is full). */
  push(x: number): number {
    const W = this.o.window;
    this.win[this.head] = x;
    this.head = (this.head + 1) % W;
    this.count++;
    if (this.count < W) return 0;
    for (let i = 0; i < W; i++) this.u[i] = this.win[(this.head + i) % W]!;
    const loss = this.forward();
    if (++this.since >= this.o.every) {
      this.since = 0;
      this.gradient();
      this.adam.step(this.p, this.grad);
    }
    return Math.sqrt(2 * loss);
  }

  /** Half the mean squared reconstruction error of the current window `u`. */
  private forward(): number {
    const W = this.o.window;
    const K = this.o.code;
    const p = this.p;
    for (let k = 0; k < K; k++) {
      const row = k * (W + 1);
      let s = p[row + W]!;
      for (let i = 0; i < W; i++) s += p[row + i]! * this.u[i]!;
      this.z[k] = Math.tanh(s);
    }
    let loss = 0;
    for (let i = 0; i < W; i++) {
      const row = this.dec + i * (K + 1);
      let s = p[row + K]!;
      for (let k = 0; k < K; k++) s += p[row + k]! * this.z[k]!;
      this.r[i] = s;
      const e = s - this.u[i]!;
      loss += e * e;
    }
    return (0.5 * loss) / W;
  }

  /** The loss of the current window and its gradient (live vector); call after a full window was pushed. */
  gradient(): { loss: number; grad: Float64Array } {
    const W = this.o.window;
    const K = this.o.code;
    const p = this.p;
    const g = this.grad;
    const loss = this.forward();
    this.dz.fill(0);
    for (let i = 0; i < W; i++) {
      const row = this.dec + i * (K + 1);
      const d = (this.r[i]! - this.u[i]!) / W;
      g[row + K] = d;
      for (let k = 0; k < K; k++) {
        g[row + k] = d * this.z[k]!;
        this.dz[k] = this.dz[k]! + d * p[row + k]!;
      }
    }
    for (let k = 0; k < K; k++) {
      const row = k * (W + 1);
      const da = this.dz[k]! * (1 - this.z[k]! * this.z[k]!);
      g[row + W] = da;
      for (let i = 0; i < W; i++) g[row + i] = da * this.u[i]!;
    }
    return { loss, grad: g };
  }
}

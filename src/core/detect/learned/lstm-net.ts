import { seededRandom } from "../stats/prng.js";
import { Adam, glorot } from "./adam.js";

export interface LstmOptions {
  /** Hidden units. */
  hidden: number;
  /** Steps of truncated back-propagation through time. */
  seq: number;
  /** Points between two training steps. */
  every: number;
  /** Adam's learning rate. */
  rate: number;
  seed: number;
}

const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));

/**
 * A one-layer LSTM that forecasts the next (scaled) value of a series, trained online on the
 * series' own past: after each point it advances its state, and every `every` points it takes one
 * Adam step on the squared one-step forecast errors of the last `seq` points (truncated BPTT from
 * the state saved before them). Memory: the weights and `seq + 1` points and states; nothing
 * grows with the series. Deterministic for a seed.
 *
 * Parameter layout (one Float64Array): per gate row k in [input, forget, output, cell] x hidden,
 * the weights [x, h_0..h_{H-1}, bias]; then the output weights h -> forecast and its bias.
 */
export class LstmForecaster {
  private readonly H: number;
  private readonly cols: number;
  private readonly p: Float64Array;
  private readonly grad: Float64Array;
  private readonly adam: Adam;
  private readonly h: Float64Array;
  private readonly c: Float64Array;
  /** Rings of the last seq + 1 inputs and of the state before each. */
  private readonly xs: Float64Array;
  private readonly hs: Float64Array;
  private readonly cs: Float64Array;
  private head = 0;
  private count = 0;
  private sinceTrain = 0;
  /** Scratch for BPTT: per step the gate activations, cell, tanh(cell), hidden. */
  private readonly act: Float64Array;
  private readonly cell: Float64Array;
  private readonly tc: Float64Array;
  private readonly hid: Float64Array;
  private readonly dh: Float64Array;
  private readonly zRun: Float64Array;
  private readonly dc: Float64Array;
  private readonly dhPrev: Float64Array;
  private readonly da: Float64Array;

  constructor(private readonly o: LstmOptions) {
    const H = (this.H = o.hidden);
    this.cols = H + 2;
    const gates = 4 * H * this.cols;
    this.p = new Float64Array(gates + H + 1);
    this.grad = new Float64Array(this.p.length);
    const random = seededRandom(o.seed);
    for (let k = 0; k < 4 * H; k++) {
      glorot(this.p, k * this.cols, H + 1, H + 1, 4 * H, random);
      this.p[k * this.cols + H + 1] = k >= H && k < 2 * H ? 1 : 0; // forget-gate bias 1, others 0
    }
    glorot(this.p, gates, H, H, 1, random);
    this.adam = new Adam(this.p.length, o.rate);
    this.h = new Float64Array(H);
    this.c = new Float64Array(H);
    const L = o.seq + 1;
    this.xs = new Float64Array(L);
    this.hs = new Float64Array(L * H);
    this.cs = new Float64Array(L * H);
    this.act = new Float64Array(o.seq * 4 * H);
    this.cell = new Float64Array((o.seq + 1) * H);
    this.tc = new Float64Array(o.seq * H);
    this.hid = new Float64Array((o.seq + 1) * H);
    this.dh = new Float64Array(H);
    this.zRun = new Float64Array(4 * H);
    this.dc = new Float64Array(H);
    this.dhPrev = new Float64Array(H);
    this.da = new Float64Array(4 * H);
  }

  /** The forecast of the next value, from the state after the last point. */
  forecast(): number {
    const H = this.H;
    const off = 4 * H * this.cols;
    let y = this.p[off + H]!;
    for (let j = 0; j < H; j++) y += this.p[off + j]! * this.h[j]!;
    return y;
  }

  /** Feeds the next scaled value: returns its forecast error (made before seeing it), then learns. */
  push(x: number): number {
    const err = this.count > 0 ? x - this.forecast() : 0;
    const L = this.o.seq + 1;
    const H = this.H;
    this.xs[this.head] = x;
    this.hs.set(this.h, this.head * H);
    this.cs.set(this.c, this.head * H);
    this.head = (this.head + 1) % L;
    this.count++;
    this.step(x, this.h, 0, this.c, 0, this.h, 0, this.c, 0, this.zRun, 0, undefined, 0);
    if (++this.sinceTrain >= this.o.every && this.count >= L) {
      this.sinceTrain = 0;
      this.train();
    }
    return err;
  }

  /**
   * One LSTM step: input x and state (h at hs[ho..], c at cs[co..]) into (hOut[hOo..], cOut[cOo..]),
   * the gate activations into z[zo..] and tanh(c) into tc[to..] (when given). Offsets, not
   * subarrays: this runs for every point and every BPTT step, and views cost an allocation each.
   */
  private step(x: number, hs: Float64Array, ho: number, cs: Float64Array, co: number, hOut: Float64Array, hOo: number, cOut: Float64Array, cOo: number, z: Float64Array, zo: number, tc: Float64Array | undefined, to: number): void {
    const H = this.H;
    const cols = this.cols;
    const p = this.p;
    for (let k = 0; k < 4 * H; k++) {
      const r = k * cols;
      let s = p[r]! * x + p[r + H + 1]!;
      for (let j = 0; j < H; j++) s += p[r + 1 + j]! * hs[ho + j]!;
      z[zo + k] = k < 3 * H ? sigmoid(s) : Math.tanh(s);
    }
    for (let j = 0; j < H; j++) {
      const cj = z[zo + H + j]! * cs[co + j]! + z[zo + j]! * z[zo + 3 * H + j]!;
      const t = Math.tanh(cj);
      cOut[cOo + j] = cj;
      if (tc) tc[to + j] = t;
      hOut[hOo + j] = z[zo + 2 * H + j]! * t;
    }
  }

  private train(): void {
    this.gradient();
    this.adam.step(this.p, this.grad);
  }

  /** The parameters (live view; for gradient checks). */
  get params(): Float64Array {
    return this.p;
  }

  /**
   * The mean squared forecast error over the last `seq` points (half of it, from the state saved
   * before them) and its gradient by truncated BPTT, written to the returned live vector.
   * Only valid once `seq + 1` points have been pushed.
   */
  gradient(): { loss: number; grad: Float64Array } {
    const H = this.H;
    const T = this.o.seq;
    const L = T + 1;
    const cols = this.cols;
    const p = this.p;
    const g = this.grad;
    const out = 4 * H * cols;
    g.fill(0);
    let loss = 0;
    const at = (k: number) => (this.head + k) % L; // ring index of the k-th oldest
    const hid = this.hid;
    const cell = this.cell;
    const act = this.act;
    const tcs = this.tc;
    const dh = this.dh;
    const dcn = this.dc;
    const dhPrev = this.dhPrev;
    const da = this.da;
    const first = at(0) * H;
    for (let j = 0; j < H; j++) {
      hid[j] = this.hs[first + j]!;
      cell[j] = this.cs[first + j]!;
    }
    for (let s = 0; s < T; s++) this.step(this.xs[at(s)]!, hid, s * H, cell, s * H, hid, (s + 1) * H, cell, (s + 1) * H, act, s * 4 * H, tcs, s * H);
    dh.fill(0);
    dcn.fill(0);
    for (let s = T - 1; s >= 0; s--) {
      const hn = (s + 1) * H; // this step's output state
      let y = p[out + H]!;
      for (let j = 0; j < H; j++) y += p[out + j]! * hid[hn + j]!;
      const e = y - this.xs[at(s + 1)]!;
      loss += (0.5 * e * e) / T;
      const dy = e / T;
      g[out + H] = g[out + H]! + dy;
      for (let j = 0; j < H; j++) {
        g[out + j] = g[out + j]! + dy * hid[hn + j]!;
        dh[j] = dh[j]! + dy * p[out + j]!;
      }
      const zo = s * 4 * H;
      const po = s * H; // previous state and this step's tanh(c)
      for (let j = 0; j < H; j++) {
        const i = act[zo + j]!, f = act[zo + H + j]!, o = act[zo + 2 * H + j]!, gg = act[zo + 3 * H + j]!;
        const t = tcs[po + j]!;
        const dc = dh[j]! * o * (1 - t * t) + dcn[j]!;
        da[j] = dc * gg * i * (1 - i);
        da[H + j] = dc * cell[po + j]! * f * (1 - f);
        da[2 * H + j] = dh[j]! * t * o * (1 - o);
        da[3 * H + j] = dc * i * (1 - gg * gg);
        dcn[j] = dc * f;
      }
      const x = this.xs[at(s)]!;
      dhPrev.fill(0);
      for (let k = 0; k < 4 * H; k++) {
        const d = da[k]!;
        if (d === 0) continue;
        const r = k * cols;
        g[r] = g[r]! + d * x;
        g[r + H + 1] = g[r + H + 1]! + d;
        for (let j = 0; j < H; j++) {
          g[r + 1 + j] = g[r + 1 + j]! + d * hid[po + j]!;
          dhPrev[j] = dhPrev[j]! + d * p[r + 1 + j]!;
        }
      }
      dh.set(dhPrev);
    }
    return { loss, grad: g };
  }
}

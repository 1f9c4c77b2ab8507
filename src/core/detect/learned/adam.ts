/**
 * Adam (Kingma & Ba) over one flat parameter vector, with the gradient's global norm clipped to
 * `clip` first so that one outlier in a series cannot blow the weights up. Bounded memory: two
 * moment vectors the size of the parameters.
 */
export class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;

  constructor(
    size: number,
    private readonly rate: number,
    private readonly clip = 1,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
  ) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  /** Moves `params` against `grad` (same length); `grad` is left clipped. */
  step(params: Float64Array, grad: Float64Array): void {
    let norm = 0;
    for (let i = 0; i < grad.length; i++) norm += grad[i]! * grad[i]!;
    norm = Math.sqrt(norm);
    const scale = norm > this.clip ? this.clip / norm : 1;
    this.t++;
    const b1 = this.beta1;
    const b2 = this.beta2;
    const lr = (this.rate * Math.sqrt(1 - Math.pow(b2, this.t))) / (1 - Math.pow(b1, this.t));
    for (let i = 0; i < params.length; i++) {
      const g = grad[i]! * scale;
      this.m[i] = b1 * this.m[i]! + (1 - b1) * g;
      this.v[i] = b2 * this.v[i]! + (1 - b2) * g * g;
      params[i] = params[i]! - (lr * this.m[i]!) / (Math.sqrt(this.v[i]!) + 1e-8);
    }
  }
}

/** Weights drawn uniformly from +-sqrt(6 / (fanIn + fanOut)) (Glorot), from a seeded generator. */
export function glorot(out: Float64Array, from: number, count: number, fanIn: number, fanOut: number, random: () => number): void {
  const r = Math.sqrt(6 / (fanIn + fanOut));
  for (let i = 0; i < count; i++) out[from + i] = (2 * random() - 1) * r;
}

/**
 * A fixed-capacity ring buffer of numbers, oldest first. Pushing past capacity drops the oldest.
 * Used by every rolling detector so that memory per series is bounded by its window.
 */
export class Ring {
  private readonly buf: Float64Array;
  private start = 0;
  private n = 0;

  constructor(readonly capacity: number) {
    this.buf = new Float64Array(Math.max(1, capacity));
  }

  get length(): number {
    return this.n;
  }

  get full(): boolean {
    return this.n === this.buf.length;
  }

  /** Appends `x`; returns the value that fell out, or undefined while not full. */
  push(x: number): number | undefined {
    const cap = this.buf.length;
    if (this.n < cap) {
      this.buf[(this.start + this.n) % cap] = x;
      this.n++;
      return undefined;
    }
    const old = this.buf[this.start]!;
    this.buf[this.start] = x;
    this.start = (this.start + 1) % cap;
    return old;
  }

  clear(): void {
    this.start = 0;
    this.n = 0;
  }

  /** The i-th value, 0 = oldest. No bounds check beyond the buffer's own. */
  at(i: number): number {
    return this.buf[(this.start + i) % this.buf.length]!;
  }

  /** The newest value (undefined when empty). */
  last(): number | undefined {
    return this.n === 0 ? undefined : this.at(this.n - 1);
  }

  /** Copies the values out, oldest first. */
  toArray(): number[] {
    const out = new Array<number>(this.n);
    for (let i = 0; i < this.n; i++) out[i] = this.at(i);
    return out;
  }
}

import { RollingMoments } from "../stats/rolling-moments.js";
import { SeasonalModel } from "../stats/seasonal-model.js";
import { SortedWindow } from "../stats/sorted-window.js";
import { safeScale } from "../stats/scale.js";

/** The raw deviations the ensemble looks at for one point, each >= 0 and in noise units. */
export interface ViewValues {
  /** |x - rolling median| / robust spread: point anomalies. */
  spike: number;
  /** |x - previous| / typical step: sudden jumps. */
  jump: number;
  /** |seasonal residual| / its spread, or undefined while no period is known. */
  seasonal: number | undefined;
  /** |mean of the last few points - rolling median| / spread: level shifts. */
  levelShort: number;
  /** The same over a longer recent window: slower shifts and drifts. */
  levelLong: number;
}

export interface ViewOptions {
  window: number;
  levelWindow: number;
  level2Window: number;
  seasonHistory: number;
}

/**
 * Keeps the rolling state of every view and returns their raw values for each new point, using
 * only earlier points for the references (median, spread, steps, seasonal profile). Undefined
 * while fewer than 10 points have been seen.
 */
export class EnsembleViews {
  private readonly values: SortedWindow;
  private readonly steps: SortedWindow;
  private readonly moments: RollingMoments;
  private readonly seasonal: SeasonalModel;
  private readonly short: RollingMoments;
  private readonly long: RollingMoments;
  private prev: number | undefined;
  private readonly out: ViewValues = { spike: 0, jump: 0, seasonal: undefined, levelShort: 0, levelLong: 0 };

  constructor(o: ViewOptions) {
    this.values = new SortedWindow(o.window);
    this.steps = new SortedWindow(o.window);
    this.moments = new RollingMoments(o.window);
    this.seasonal = new SeasonalModel({ history: o.seasonHistory, refit: 500, cycles: 3, residualWindow: o.window, minPeriod: 4 });
    this.short = new RollingMoments(o.levelWindow);
    this.long = new RollingMoments(o.level2Window);
  }

  /** The views of x, or undefined while warming up. The object is reused: read it before the next push. */
  push(x: number): ViewValues | undefined {
    const ready = this.values.count >= 10;
    const seasonal = this.seasonal.push(x);
    this.short.push(x);
    this.long.push(x);
    let out: ViewValues | undefined;
    if (ready) {
      out = this.out;
      const med = this.values.median();
      const iqr = this.values.quantile(0.75) - this.values.quantile(0.25);
      const spread = safeScale(iqr / 1.349 || this.moments.std(), med);
      const step = safeScale(this.steps.quantile(0.5) * 1.4826 || this.steps.quantile(0.9), spread);
      out.spike = cap(Math.abs(x - med) / spread);
      out.jump = this.prev === undefined ? 0 : cap(Math.abs(x - this.prev) / step);
      out.seasonal = seasonal === undefined ? undefined : cap(Math.abs(seasonal));
      out.levelShort = cap(Math.abs(this.short.mean() - med) / spread);
      out.levelLong = cap(Math.abs(this.long.mean() - med) / spread);
    }
    if (this.prev !== undefined) this.steps.push(Math.abs(x - this.prev));
    this.values.push(x);
    this.moments.push(x);
    this.prev = x;
    return out;
  }
}

const cap = (v: number) => (v > 1e3 ? 1e3 : v);

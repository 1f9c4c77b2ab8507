/**
 * The wire format between workerEvaluator and its worker threads: a chunk of evaluation jobs with
 * all their points in two Float64Arrays (times, values), so that posting a chunk transfers two
 * buffers instead of cloning millions of small objects.
 */
import type { EvaluationJob } from "../../commands/monitor.js";
import { evaluateCheck } from "../../core/detect/evaluate-check.js";
import { evaluateMultiCheck } from "../../core/detect/evaluate-multi-check.js";
import type { CheckVerdict } from "../../core/detect/types.js";
import type { Datapoint } from "../../ports.js";

/** One job of a packed chunk: its series are the [from, to) ranges of the chunk's arrays. */
export interface PackedJob {
  kind: EvaluationJob["kind"];
  check: EvaluationJob["check"];
  opts: EvaluationJob["opts"];
  /** One range for a single-metric job; one per key of `seriesByMetric`, in key order, for a multi-metric job. */
  series: { metric: string; from: number; to: number }[];
}

export interface PackedJobs {
  jobs: PackedJob[];
  times: Float64Array<ArrayBuffer>;
  values: Float64Array<ArrayBuffer>;
}

function seriesOf(job: EvaluationJob): [string, readonly Datapoint[]][] {
  return job.kind === "single" ? [["", job.series]] : Object.entries(job.seriesByMetric);
}

/**
 * True when the job's points are exactly representable in Float64Arrays (every `t` and `value` a
 * number). Other jobs (a metric file with a string value, say) are evaluated in the caller's
 * thread, so that the verdict is the same object for object.
 */
export function isPackable(job: EvaluationJob): boolean {
  for (const [, points] of seriesOf(job)) for (const p of points) if (typeof p.t !== "number" || typeof p.value !== "number") return false;
  return true;
}

/** Packs jobs (all packable) into one chunk; `times.buffer` and `values.buffer` can be transferred. */
export function packJobs(jobs: readonly EvaluationJob[]): PackedJobs {
  let total = 0;
  for (const job of jobs) for (const [, points] of seriesOf(job)) total += points.length;
  const times = new Float64Array(total);
  const values = new Float64Array(total);
  let at = 0;
  const packed = jobs.map((job): PackedJob => ({
    kind: job.kind,
    check: job.check,
    opts: job.opts,
    series: seriesOf(job).map(([metric, points]) => {
      const from = at;
      for (const p of points) {
        times[at] = p.t;
        values[at++] = p.value;
      }
      return { metric, from, to: at };
    }),
  }));
  return { jobs: packed, times, values };
}

/** Evaluates a packed chunk with the detection engine, in order (the worker's body). */
export function evaluatePacked({ jobs, times, values }: PackedJobs): CheckVerdict[] {
  const points = (r: { from: number; to: number }): Datapoint[] => {
    const out: Datapoint[] = new Array(r.to - r.from);
    for (let i = r.from; i < r.to; i++) out[i - r.from] = { t: times[i]!, value: values[i]! };
    return out;
  };
  return jobs.map((job) =>
    job.kind === "single"
      ? evaluateCheck(points(job.series[0]!), job.check, job.opts)
      : evaluateMultiCheck(Object.fromEntries(job.series.map((s) => [s.metric, points(s)])), job.check, job.opts),
  );
}

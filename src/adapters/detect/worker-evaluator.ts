import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { evaluateJobs, type EvaluateAll } from "../../commands/monitor.js";
import { describeError } from "../../core/errors.js";
import type { CheckVerdict } from "../../core/detect/types.js";
import type { Logger } from "../../ports.js";
import { isPackable, packJobs, type PackedJobs } from "./packed-jobs.js";

/** At or below this many jobs, starting workers costs more than it saves. */
const MIN_JOBS_FOR_WORKERS = 200;

export interface WorkerEvaluatorOptions {
  /** Worker threads; default one per core beyond the first, at least 2 on a machine with 2 or more cores. */
  workers?: number;
  /** The worker bundle; default `detect-worker.js` beside this module (the CLI's and the monitor action's dist/). */
  workerUrl?: URL;
  /** Jobs at or below which everything runs in-thread; default 200. */
  minJobs?: number;
  /** Told when a worker fails and its chunk is evaluated in-thread instead. */
  logger?: Pick<Logger, "warn">;
}

/**
 * An EvaluateAll that splits the jobs into one contiguous chunk per worker thread, transfers each
 * chunk's points as two Float64Arrays, and returns the verdicts in job order. The verdicts are the
 * detection engine's (evaluateCheck, evaluateMultiCheck), the same as in-thread: a job whose points
 * are not all numbers, a chunk whose worker fails, and every job when there are few of them, one
 * core, or no worker bundle (running from source, under a test runner) are evaluated in-thread.
 */
export function workerEvaluator(opts: WorkerEvaluatorOptions = {}): EvaluateAll {
  const workerUrl = opts.workerUrl ?? new URL("./detect-worker.js", import.meta.url);
  return async (jobs) => {
    const cores = availableParallelism();
    const n = Math.min(opts.workers ?? (cores >= 2 ? Math.max(2, cores - 1) : 1), jobs.length);
    if (n < 2 || jobs.length <= (opts.minJobs ?? MIN_JOBS_FOR_WORKERS) || !existsSync(fileURLToPath(workerUrl))) return evaluateJobs(jobs);
    const verdicts: CheckVerdict[] = new Array(jobs.length);
    const remote: number[] = [];
    jobs.forEach((job, i) => (isPackable(job) ? remote.push(i) : (verdicts[i] = evaluateJobs([job])[0]!)));
    await Promise.all(
      chunk(remote, n).map(async (indices) => {
        const part = indices.map((i) => jobs[i]!);
        let out: CheckVerdict[];
        try {
          out = await runWorker(workerUrl, packJobs(part));
          if (out.length !== part.length) throw new Error(`returned ${out.length} verdicts for ${part.length} jobs`);
        } catch (err) {
          opts.logger?.warn(`detection worker failed (${describeError(err)}); evaluating its ${part.length} checks in-thread`);
          out = evaluateJobs(part);
        }
        indices.forEach((i, k) => (verdicts[i] = out[k]!));
      }),
    );
    return verdicts;
  };
}

/** Splits `items` into `n` contiguous chunks whose sizes differ by at most one (empty chunks dropped). */
export function chunk<T>(items: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let k = 0, from = 0; k < n; k++) {
    const to = from + Math.floor(items.length / n) + (k < items.length % n ? 1 : 0);
    if (to > from) out.push(items.slice(from, to));
    from = to;
  }
  return out;
}

function runWorker(url: URL, packed: PackedJobs): Promise<CheckVerdict[]> {
  return new Promise((resolve, reject) => {
    const w = new Worker(url, { workerData: packed, transferList: [packed.times.buffer, packed.values.buffer] });
    w.once("message", (m: CheckVerdict[]) => {
      resolve(m);
      void w.terminate();
    });
    w.once("error", reject);
    w.once("exit", (code) => reject(new Error(`detection worker exited with ${code}`)));
  });
}

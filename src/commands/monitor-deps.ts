/** What `steward monitor` is given: its ports (MonitorDeps) and the options of one pass (MonitorOptions). */
import type { EvaluateCheck, EvaluateMultiCheck } from "../core/detect/types.js";
import type { TargetPlan } from "../core/plan/types.js";
import type { Shard } from "../core/monitor/shard.js";
import type { CaptureStore, EventBus, GitHistory, Logger, MetricSource, RepoFiles, Scm } from "../ports.js";
import type { LoadedRepo } from "./load-repo.js";
import type { EvaluateAll } from "./monitor-evaluate.js";

export interface MonitorDeps {
  metrics: MetricSource;
  /** The governed repository: model.yaml files are read from it to build PR edits. */
  files: RepoFiles;
  logger: Logger;
  /** Evaluates one check; default the detection engine's (src/core/detect/evaluate-check.ts). Tests inject their own. */
  evaluateCheck?: EvaluateCheck;
  /** Evaluates one multi-metric check; default the detection engine's (src/core/detect/evaluate-multi-check.ts). */
  evaluateMultiCheck?: EvaluateMultiCheck;
  /**
   * Evaluates every check of the run in one call (verdicts in job order); default in-thread, with
   * `evaluateCheck` and `evaluateMultiCheck`. The CLI passes workerEvaluator (src/adapters/detect).
   */
  evaluateAll?: EvaluateAll;
  /** Loads the desired state; default loadRepo({ files }). */
  load?: () => Promise<LoadedRepo>;
  /** GitHub. Without it nothing is read back or written there (dry runs without a token). */
  scm?: Scm;
  /** EventBridge. Without it events are reported as not published (a warning). */
  events?: EventBus;
  /** Git history of the repository, for rollback targets and split ages. */
  history?: GitHistory;
  /** Where --dry-run writes what it would do. */
  out?: Pick<RepoFiles, "write">;
  /** SageMaker data capture (S3, or DIR/capture for the file source): the current drift sample of capturing endpoints. */
  capture?: CaptureStore;
  /** Live plans of MLflow/SageMaker (steward plan), for configuration drift issues; optional. */
  livePlans?: () => Promise<TargetPlan[]>;
}

export interface MonitorOptions {
  now: Date;
  shard?: Shard;
  /** Only these models (`--model`; an alarm's repository_dispatch names one). Unknown names are a UserError. */
  models?: string[];
  /** Only the model(s) this CloudWatch alarm belongs to (`--alarm`, from an alarm state change's dispatch). */
  alarm?: string;
  /** Change nothing: write issue bodies, PR patches and events under `deps.out`. GitHub is only read. */
  dryRun?: boolean;
  /** The branch PRs target; default "main". */
  base?: string;
  /** Link to the CI run, for issue and PR bodies. */
  runUrl?: string;
  /** GitHub reads in flight at once; default 8. */
  concurrency?: number;
}

/**
 * The monitor's data model: what was measured, what it means (findings), what was done before
 * (incidents, read back from GitHub), and what to do now (actions). Pure data, JSON-serializable.
 * Time is epoch milliseconds unless a name says otherwise.
 */
import type { CheckVerdict } from "../detect/types.js";
import type { Datapoint, StewardEvent } from "../../ports.js";
import type { MonitoringCheck, RemediationAction, Severity } from "../types.js";
import type { DriftHistogram } from "../drift/histogram.js";

/** One series the monitor reads: a model's metric for one check, optionally for one variant of a split. */
export interface MonitorSeries {
  /** Unique in a run: `<model>/<check>` or `<model>/<check>@<version>`. */
  key: string;
  model: string;
  check: MonitoringCheck;
  /** The version of a weighted split this series belongs to; absent for the whole endpoint. */
  version?: string;
  /**
   * True when this variant's series is a check of its own (checkId `<check>@<version>`, thresholds
   * applied to it): SageMaker publishes a split endpoint's metrics only per variant.
   */
  perVariant?: boolean;
  /** The deployment environment this series is read in (deployment.environments); its check id ends in `@<env>`. */
  environment?: string;
  periodSeconds: number;
}

/** What kind of trouble a finding reports. */
export type FindingKind = "threshold" | "anomaly" | "variant" | "drift" | "no-data" | "stale" | "unreadable";

/** A check that did not pass on this run. */
export interface MonitorFinding {
  model: string;
  checkId: string;
  /** The check's (first) metric; `evidence` is its series. */
  metric: string;
  /** Every metric of a multi-metric check (2 or more); absent for a single-metric check. */
  metrics?: string[];
  kind: FindingKind;
  severity: Severity;
  score: number;
  fired: string[];
  sustainedPoints: number;
  /** How long the deviation has lasted, in seconds (0 when unknown). */
  lastedSeconds: number;
  since?: number;
  latest?: { t: number; value: number };
  bound?: { min?: number; max?: number };
  evidence: Datapoint[];
  summary: string;
  /** For kind "variant": the comparison behind it. */
  variant?: VariantOutcome;
  /** For kind "drift": the per-column comparison of the current sample with the baseline. */
  drift?: DriftEvidence;
  /** The served version, for the per-variant check of a split endpoint (checkId is then `<check>@<version>`). */
  version?: string;
  /** For coverage kinds (no-data, stale, unreadable): epoch ms of the newest datapoint read, if any. */
  newest?: number;
}

/** The evidence of a drift finding: one row per (column, test), and the columns that drifted. */
export interface DriftEvidence {
  /** The baseline's data file, repository-relative. */
  baseline: string;
  /** Columns where any test says drift, in sample order. */
  drifted: string[];
  rows: DriftRow[];
  /** Baseline-vs-current histogram of each tested column (drifted ones first when there are more than MAX_HISTOGRAMS), in sample order; absent in reports from before histograms. */
  histograms?: ColumnHistogram[];
}

/** One column's histogram in a drift finding. */
export type ColumnHistogram = { column: string } & DriftHistogram;

/** One test on one column; a skipped column has one row without a test. */
export interface DriftRow {
  column: string;
  test?: string;
  statistic?: number;
  pValue?: number;
  threshold?: number;
  verdict: "drift" | "ok" | "skipped";
  /** Why the column was skipped. */
  note?: string;
}

/** The result of comparing the challenger of a weighted split with its champion. */
export interface VariantOutcome {
  decision: "end-split" | "complete-split" | "keep";
  champion: { version: string; weight: number; mean: number; n: number };
  challenger: { version: string; weight: number; mean: number; n: number };
  /** One-sided p-value that the challenger is worse (normal approximation of Welch's t). */
  pValue: number;
  /** Relative difference of the means, challenger vs champion, signed so that > 0 is worse. */
  relativeWorse: number;
  /** Seconds the split has served. */
  servedSeconds: number;
  reason: string;
}

/** Per model and check, the verdict of this run (ok ones included, for recovery and the health table). */
export interface CheckStatus {
  model: string;
  checkId: string;
  metric: string;
  verdict: CheckVerdict;
  /** Set when the series could not be read. */
  readError?: string;
  /** Latest time a point was outside the check's absolute threshold, if any in the series. */
  lastBreachAt?: number;
  /** How the check ended this run (coverage): set by the monitor's evaluation. */
  outcome?: import("./coverage.js").CoverageOutcome;
}

/** A pull request the monitor proposes. */
export type ChangePurpose = "rollback" | "scale" | "end-split" | "complete-split";

/** What a proposed change does to model.yaml, applied with the `yaml` Document API. */
export type ModelEdit =
  | { kind: "set-stage"; stage: string; variants: { version: string; weight: number }[] }
  | { kind: "set-capacity"; instanceCount: number; autoscaling?: { min: number; max: number } };

/** What the monitor remembers about an open incident (kept in the model-health issue). */
export interface Incident {
  model: string;
  checkId: string;
  severity: Severity;
  /** The issue number, when the rules asked for an issue. */
  issue?: number;
  openedAt: number;
  /** Latest run that found the check failing. */
  lastBadAt: number;
  escalated: boolean;
  /** True when an anomaly event was published for it (then its resolution is published too). */
  published?: boolean;
  /** The PR proposed for this incident, to follow whether it was merged (applied). */
  change?: { purpose: ChangePurpose; branch: string; number?: number };
}

/** What GitHub says right now about the objects the plan touches. */
export interface Observed {
  /** Issues by marker key (`<model>/<check>`). */
  issues: Map<string, { number: number; state: "open" | "closed"; closedAt?: number; title: string; createdAt?: number }>;
  /** Pull requests by branch. */
  pulls: Map<string, { number: number; state: "open" | "closed"; merged: boolean; closedAt?: number; url: string; createdAt?: number; title?: string; labels?: string[] }>;
  /**
   * Every open incident issue by key, oldest first, as listed by the bot's label (not by search, whose
   * index lags): more than one is a duplicate left by runs that started together. Absent when not listed.
   */
  openIncidents?: Map<string, { number: number; url: string; createdAt?: number; updatedAt?: number }[]>;
}

/** Everything the monitor does, in order. The command executes these, or writes them under --out. */
export type MonitorAction =
  | { kind: "open-issue"; key: string; title: string; body: string; labels: string[]; assignees: string[] }
  | { kind: "comment-issue"; key: string; number: number; body: string }
  | { kind: "update-issue"; key: string; number: number; title?: string; body?: string; labels?: string[]; state?: "open" | "closed" }
  | { kind: "close-issue"; key: string; number: number; comment: string }
  /** Closes a proposed change's PR unmerged (the model recovered without it), with a comment saying why. */
  | { kind: "close-change"; model: string; branch: string; number: number; comment: string }
  | (PullRequestDraft & {
      kind: "propose-change";
      model: string;
      purpose: ChangePurpose;
      path: string;
      edit: ModelEdit;
      /** Filled by the command once the model file has been edited. */
      files?: Record<string, string>;
    })
  /** `incident`: the key of the incident whose opening this event announces (recorded as published only once sent). */
  | { kind: "publish-event"; event: StewardEvent; incident?: string }
  | { kind: "note"; model: string; message: string };

/** Actions a rule may ask for (re-exported for readers of this module). */
export type { RemediationAction };

/** What every pull request the bot opens carries: where it goes, what it says, how its commit reads. */
export interface PullRequestDraft {
  branch: string;
  /** The branch the pull request merges into. */
  base: string;
  title: string;
  body: string;
  labels: string[];
  commitMessage: string;
}

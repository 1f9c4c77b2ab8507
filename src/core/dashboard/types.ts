/**
 * The dashboard's view model: everything the pages show, computed once from the repository, the
 * stage history and the monitor reports (build-dashboard-view.ts), then rendered to HTML strings.
 * Pure data; time is epoch milliseconds unless a name says otherwise. Strings are raw (unescaped).
 */
import type { HealthStatus } from "../monitor/model-health.js";
import type { Severity, StageVariant } from "../types.js";

/** A model's health: the monitor's status, or "unknown" when no report covers it. */
export type Health = HealthStatus | "unknown";

export interface DashboardView {
  /** ISO time the dashboard was built for (`--now`). */
  generatedAt: string;
  /** ISO time of the newest report, if any. */
  latestRun?: string;
  /** How many reports the history was built from. */
  reportCount: number;
  /** Sorted by name. */
  models: ModelView[];
  /** Things the reader should know: unreadable reports, models without history. */
  warnings: string[];
}

export interface StageView {
  stage: string;
  variants: StageVariant[];
}

/** An open problem of a model on its latest run. */
export interface IncidentView {
  checkId: string;
  metric: string;
  severity: Severity;
  kind: string;
  summary: string;
  /** Epoch ms the deviation began, when known. */
  since?: number;
  /** The issue that tracks it, when the report links one. */
  url?: string;
}

/** A pull request the monitor proposed (or keeps following) for a model. */
export interface ChangeView {
  branch: string;
  title?: string;
  url?: string;
  status?: string;
}

/** One metric of a version compared with the promotion gate of one stage. */
export interface GateResult {
  stage: string;
  bound: { min?: number; max?: number };
  /** undefined when the version has no value for the metric. */
  pass?: boolean;
}

export interface VersionView {
  version: string;
  archived: boolean;
  createdAt?: string;
  notes?: string;
  /** Stages that serve this version now, e.g. "production 80 %". */
  servedIn: string[];
  metrics: { name: string; value?: number; gates: GateResult[] }[];
}

/** One stage change from git, for the timeline. */
export interface TimelineEntry {
  at: number;
  stage: string;
  from: StageVariant[];
  to: StageVariant[];
  sha: string;
  author: string;
  subject: string;
}

/** A point of a chart that is marked: outside the threshold, or inside a finding's anomalous run. */
export interface MarkedPoint {
  t: number;
  value: number;
  reason: "breach" | "anomaly";
}

export interface ChartView {
  checkId: string;
  metric: string;
  severity: Severity;
  /** Oldest first. */
  points: { t: number; value: number }[];
  threshold: { min?: number; max?: number };
  marked: MarkedPoint[];
  /** Where the points came from. */
  source: "metrics" | "evidence" | "none";
  /** The latest check status, e.g. "ok", "anomaly", "breach". */
  status?: string;
  summary?: string;
}

/** One line of a model's remediation history: a finding of a run, or an action taken on it. */
export interface HistoryEntry {
  at: number;
  kind: "finding" | "action";
  what: string;
  detail: string;
  status?: string;
  url?: string;
  severity?: Severity;
}

export interface ModelView {
  name: string;
  /** File name of the model's page, without `models/` and `.html`. */
  slug: string;
  description: string;
  owners: string[];
  task: string;
  policy: string;
  stages: StageView[];
  health: Health;
  /** ISO time of the report the health comes from. */
  checkedAt?: string;
  incidents: IncidentView[];
  /** Numbers of the issues the monitor keeps open for the model (from the latest report). */
  issues: number[];
  changes: ChangeView[];
  versions: VersionView[];
  timeline: TimelineEntry[];
  charts: ChartView[];
  history: HistoryEntry[];
}

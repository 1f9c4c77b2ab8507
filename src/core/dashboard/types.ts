/**
 * The dashboard's view model: everything the pages show, computed once from the repository, the
 * stage history and the monitor reports (build-dashboard-view.ts), then rendered to HTML strings.
 * Pure data; time is epoch milliseconds unless a name says otherwise. Strings are raw (unescaped).
 */
import type { HealthStatus } from "../monitor/model-health.js";
import type { AuditEntry } from "../audit/audit-trail.js";
import type { DriftEvidence } from "../monitor/types.js";
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
  /** The audit trail of stage changes (`steward audit`), when it was gathered; audit.html shows it. */
  audit?: { entries: AuditEntry[]; notes: string[] };
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

/** Something that happened to the model, drawn on a chart's time axis (issue opened, PR proposed, stage change, recovery). */
export interface ChartEvent {
  t: number;
  kind: "issue" | "pr" | "stage" | "applied" | "recovered" | "event";
  label: string;
}

export interface ChartView {
  /** Remediation events and stage changes inside the chart's time range, oldest first. */
  events?: ChartEvent[];
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
  /** For an action: what it was about (an incident key `<model>/<check>`, a branch, a detail-type). */
  target?: string;
  detail: string;
  status?: string;
  url?: string;
  severity?: Severity;
}

/** Where to read more about a model: its MLflow registered model and versions, card and DVC pointers. */
export interface ModelLinks {
  /** The model card, on the repository's web page (or undefined without a repository URL). */
  card?: string;
  /** The registered model in the MLflow UI. */
  mlflow?: string;
  /** Per version: the MLflow model version page and the artifact's DVC pointer. */
  versions: { version: string; mlflow?: string; dvc?: { path: string; url?: string } }[];
}

/** One check of the latest run, as the fleet page shows it (ok, anomaly, breach, no data, read error, stale…). */
export interface CheckHealthView {
  check: string;
  status: string;
  severity: Severity;
  summary: string;
}

export interface ModelView {
  /** Health of each check on the latest run that covered the model. */
  checks: CheckHealthView[];
  /** The worst severity of its open incidents, or "none". */
  worst: Severity | "none";
  links: ModelLinks;
  /** The per-column drift comparison of its latest drift finding, if any. */
  drift?: DriftEvidence & { at: string };
  name: string;
  /** File name of the model's page, without `models/` and `.html`. */
  slug: string;
  description: string;
  owners: string[];
  task: string;
  policy: string;
  stages: StageView[];
  health: Health;
  /** Deployed to several environments: each one's health on that run, side by side, in the model's order. */
  environments?: { name: string; health: Health }[];
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

import { createHash } from "node:crypto";
import type { StewardEvent } from "../../ports.js";
import type { Severity } from "../types.js";
import type { ChangePurpose, MonitorFinding } from "./types.js";

/** The detail-types the monitor publishes; each has schemas/events/<slug>.schema.json. */
export const MONITOR_DETAIL_TYPES = {
  anomaly: "Model Anomaly Detected",
  escalated: "Model Incident Escalated",
  resolved: "Model Incident Resolved",
  remediation: "Model Remediation Proposed",
} as const;

/** The schema file name of a detail-type: "Model Anomaly Detected" -> "model-anomaly-detected". */
export function detailTypeSlug(detailType: string): string {
  return detailType.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

const iso = (t: number) => new Date(t).toISOString();

/**
 * The idempotency id of an event: the same for every publication of the same fact (an incident's
 * opening, escalation or resolution; one proposed change), so a consumer can drop the duplicates a
 * retried publication sends. 32 hex characters of the SHA-256 of the detail-type and the fact's parts.
 */
export function idempotencyId(detailType: string, ...parts: (string | number)[]): string {
  return createHash("sha256").update(JSON.stringify([detailType, ...parts])).digest("hex").slice(0, 32);
}

export interface EventContext {
  policy: string;
  /** The versions the served stage runs. */
  versions: string[];
  endpoint?: string;
  runUrl?: string;
  now: number;
}

/** "Model Anomaly Detected": a check failed and the rules ask for an event. `openedAt` is the incident's (its idempotency id rests on it). */
export function anomalyEvent(f: MonitorFinding, ctx: EventContext & { openedAt?: number }): StewardEvent {
  const detail: Record<string, unknown> = {
    idempotencyId: idempotencyId(MONITOR_DETAIL_TYPES.anomaly, f.model, f.checkId, ctx.openedAt ?? f.since ?? ctx.now),
    model: f.model,
    check: f.checkId,
    metric: f.metric,
    kind: f.kind,
    severity: f.severity,
    score: f.score,
    detectors: f.fired,
    sustainedPoints: f.sustainedPoints,
    lastedSeconds: f.lastedSeconds,
    policy: ctx.policy,
    versions: ctx.versions,
  };
  if (f.latest) detail.latest = { time: iso(f.latest.t), value: f.latest.value };
  if (f.bound) detail.threshold = f.bound;
  if (f.since !== undefined) detail.since = iso(f.since);
  if (f.drift) detail.driftedColumns = f.drift.drifted;
  if (ctx.endpoint) detail.endpoint = ctx.endpoint;
  if (ctx.runUrl) detail.runUrl = ctx.runUrl;
  return { detailType: MONITOR_DETAIL_TYPES.anomaly, detail, time: new Date(ctx.now) };
}

/** "Model Incident Escalated": the incident did not recover in time. */
export function escalatedEvent(input: {
  model: string;
  check: string;
  from: Severity;
  to: Severity;
  reason: string;
  mention: string[];
  openedAt: number;
  issue?: number;
  now: number;
  runUrl?: string;
}): StewardEvent {
  const detail: Record<string, unknown> = {
    idempotencyId: idempotencyId(MONITOR_DETAIL_TYPES.escalated, input.model, input.check, input.openedAt),
    model: input.model,
    check: input.check,
    previousSeverity: input.from,
    severity: input.to,
    reason: input.reason,
    mention: input.mention,
    openedAt: iso(input.openedAt),
  };
  if (input.issue !== undefined) detail.issue = input.issue;
  if (input.runUrl) detail.runUrl = input.runUrl;
  return { detailType: MONITOR_DETAIL_TYPES.escalated, detail, time: new Date(input.now) };
}

/** "Model Incident Resolved": the metric stayed healthy for the recovery window. */
export function resolvedEvent(input: { model: string; check: string; openedAt: number; healthySince: number; issue?: number; now: number }): StewardEvent {
  const detail: Record<string, unknown> = {
    idempotencyId: idempotencyId(MONITOR_DETAIL_TYPES.resolved, input.model, input.check, input.openedAt),
    model: input.model,
    check: input.check,
    openedAt: iso(input.openedAt),
    healthySince: iso(input.healthySince),
    resolvedAt: iso(input.now),
  };
  if (input.issue !== undefined) detail.issue = input.issue;
  return { detailType: MONITOR_DETAIL_TYPES.resolved, detail, time: new Date(input.now) };
}

/** "Model Remediation Proposed": a rollback, scale or split PR was opened. */
export function remediationEvent(input: {
  model: string;
  action: ChangePurpose;
  branch: string;
  from: string;
  to: string;
  reason: string;
  checks: string[];
  now: number;
  runUrl?: string;
}): StewardEvent {
  const detail: Record<string, unknown> = {
    idempotencyId: idempotencyId(MONITOR_DETAIL_TYPES.remediation, input.model, input.action, input.branch, input.from, input.to),
    model: input.model,
    action: input.action,
    branch: input.branch,
    from: input.from,
    to: input.to,
    reason: input.reason,
    checks: input.checks,
  };
  if (input.runUrl) detail.runUrl = input.runUrl;
  return { detailType: MONITOR_DETAIL_TYPES.remediation, detail, time: new Date(input.now) };
}

import type { HealthIncident } from "../monitor/model-health.js";
import type { CoverageRow } from "../monitor/coverage.js";
import type { MonitorReport } from "../monitor/report.js";
import { REPORT_SCHEMA_ID, sharedAjv } from "../schema/ajv-instance.js";
import { runStatus, type RunStatus } from "../monitor/run-status.js";

/** A report file read back: the report, or why it was left out. */
export type ParsedReport = { ok: true; report: MonitorReport } | { ok: false; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * One entry of a model's `incidents`: an object (schemas/report.schema.json), or an issue number as
 * reports before the schema wrote them (their `null`s, incidents without a number, are dropped).
 */
function readIncident(i: unknown): HealthIncident[] {
  // the check is not in such a report; "unknown" keeps the entry valid under the schema
  if (typeof i === "number" && Number.isInteger(i) && i > 0) return [{ check: "unknown", severity: "info", issue: i }];
  if (!isObject(i) || typeof i.check !== "string") return [];
  const severity = i.severity === "critical" || i.severity === "warning" ? i.severity : "info";
  return [{ check: i.check, severity, ...(typeof i.issue === "number" ? { issue: i.issue } : {}) }];
}

/**
 * Checks that `text` is what `steward monitor --format json` (or `--out`'s report.json) prints:
 * an object with an ISO `now` and arrays `models`, `findings` and `actions`. Other JSON (the event
 * files a dry run writes beside it, say) is refused with a reason, never thrown.
 * Missing optional arrays (`warnings`) are filled in; entries are trusted to have the report's shape.
 */
export function parseMonitorReport(text: string): ParsedReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `not JSON: ${(err as Error).message}` };
  }
  if (!isObject(data)) return { ok: false, reason: "not a monitor report (not an object)" };
  if (typeof data.now !== "string" || Number.isNaN(Date.parse(data.now))) return { ok: false, reason: "not a monitor report (no ISO `now`)" };
  for (const key of ["models", "findings", "actions"] as const) {
    if (!Array.isArray(data[key])) return { ok: false, reason: `not a monitor report (no \`${key}\` array)` };
  }
  const models = (data.models as unknown[]).filter((m): m is MonitorReport["models"][number] => isObject(m) && typeof m.model === "string" && typeof m.status === "string");
  const findings = (data.findings as unknown[]).filter((f): f is MonitorReport["findings"][number] => isObject(f) && typeof f.model === "string" && typeof f.checkId === "string");
  const actions = (data.actions as unknown[]).filter((a): a is MonitorReport["actions"][number] => isObject(a) && typeof a.kind === "string" && typeof a.target === "string");
  const coverage = Array.isArray(data.coverage) ? (data.coverage as unknown[]).filter((c): c is CoverageRow => isObject(c) && typeof c.model === "string" && typeof c.outcome === "string") : [];
  const report: MonitorReport = {
    // reports from before coverage was recorded have neither: their status is derived from what they hold
    status: isObject(data.status) && typeof data.status.headline === "string" ? (data.status as unknown as RunStatus) : runStatus({ coverage, findings, actions, dryRun: data.dryRun === true }),
    coverage,
    now: data.now,
    dryRun: data.dryRun === true,
    ...(typeof data.shard === "string" ? { shard: data.shard } : {}),
    models: models.map((m) => ({ ...m, checks: Array.isArray(m.checks) ? m.checks : [], incidents: Array.isArray(m.incidents) ? m.incidents.flatMap(readIncident) : [], changes: Array.isArray(m.changes) ? m.changes : [] })),
    findings: findings.map((f) => ({ ...f, evidence: Array.isArray(f.evidence) ? f.evidence.filter((p) => isObject(p) && Number.isFinite(p.t) && Number.isFinite(p.value)) : [] })),
    actions,
    warnings: Array.isArray(data.warnings) ? data.warnings.filter((w): w is string => typeof w === "string") : [],
    stats: isObject(data.stats) ? (data.stats as MonitorReport["stats"]) : { models: models.length, series: 0, findings: findings.length },
  };
  // Every value the pages show must have the schema's form (a status outside its enum could be markup).
  const validate = sharedAjv().getSchema(REPORT_SCHEMA_ID)!;
  if (!validate(report)) {
    const e = validate.errors?.[0];
    return { ok: false, reason: `does not match schemas/report.schema.json: ${e?.instancePath || "/"} ${e?.message ?? "is invalid"}` };
  }
  return { ok: true, report };
}

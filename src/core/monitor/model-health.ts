import type { ModelSpec, Severity } from "../types.js";
import { servedVariants } from "./build-queries.js";
import type { CheckStatus, Incident, MonitorFinding } from "./types.js";

export type HealthStatus = "ok" | Severity | "no-data";

/** One model's health on this run, for the health issue, the job summary and the JSON report. */
export interface ModelHealth {
  model: string;
  policy: string;
  /** What the served stage runs, e.g. "7" or "2026.10 80 % / 2026.11 20 %". */
  serving: string;
  status: HealthStatus;
  checks: { check: string; status: CheckStatus["verdict"]["status"] | "read-error" | "no-data" | "stale" | "unreadable"; severity: Severity; latest?: number; summary: string }[];
  /** Its open incidents after this run; `issue` is absent when it has no number yet (opened by a dry run) or no issue. */
  incidents: HealthIncident[];
  /** Branches of changes proposed or pending for it. */
  changes: string[];
  /** Deployed to several environments (deployment.environments): each one's status, side by side, in the model's order. */
  environments?: { name: string; status: HealthStatus }[];
}

const RANK: Record<HealthStatus, number> = { ok: 0, "no-data": 1, info: 2, warning: 3, critical: 4 };

/** An open incident in the report: never a bare `undefined` (JSON would print `null`). */
export interface HealthIncident {
  check: string;
  severity: Severity;
  issue?: number;
}

/** Worst first, then by name. */
export function compareHealth(a: ModelHealth, b: ModelHealth): number {
  return RANK[b.status] - RANK[a.status] || a.model.localeCompare(b.model);
}

/** Every model's health, from this run's statuses and findings and the incidents kept after it. */
export function modelHealth(models: ModelSpec[], statuses: CheckStatus[], findings: MonitorFinding[], incidents: Incident[], changes: { model: string; branch: string }[]): ModelHealth[] {
  const byModel = new Map<string, CheckStatus[]>();
  for (const s of statuses) byModel.set(s.model, [...(byModel.get(s.model) ?? []), s]);
  return models.map((m) => {
    const st = byModel.get(m.name) ?? [];
    const failing = findings.filter((f) => f.model === m.name && f.kind !== "variant");
    const readable = st.filter((s) => s.readError === undefined && s.verdict.status !== "insufficient-data");
    let status: HealthStatus = st.length > 0 && readable.length === 0 ? "no-data" : "ok";
    for (const f of failing) if (RANK[f.severity] > RANK[status]) status = f.severity;
    for (const i of incidents) if (i.model === m.name && RANK[i.severity] > RANK[status]) status = i.severity;
    return {
      model: m.name,
      policy: m.policy,
      serving: servedVariants(m).map((v, _, all) => (all.length === 1 ? v.version : `${v.version} ${v.weight} %`)).join(" / "),
      status,
      checks: st.map((s) => ({
        check: s.checkId,
        status: s.outcome === "unreadable" || s.outcome === "no-data" || s.outcome === "stale" ? s.outcome : s.readError !== undefined ? "read-error" : s.verdict.status,
        severity: s.verdict.severity,
        ...(s.verdict.latest ? { latest: s.verdict.latest.value } : {}),
        summary: s.readError ?? s.verdict.summary,
      })),
      incidents: incidents.filter((i) => i.model === m.name).map((i) => ({ check: i.checkId, severity: i.severity, ...(i.issue !== undefined ? { issue: i.issue } : {}) })),
      changes: [...new Set(changes.filter((c) => c.model === m.name).map((c) => c.branch))],
      ...(m.deployment?.environments?.length ? { environments: m.deployment.environments.map((e) => ({ name: e.name, status: environmentStatus(e.name, st, failing, incidents.filter((i) => i.model === m.name)) })) } : {}),
    };
  });
}

/** The environment a check id is judged in (`<check>@<env>`, `<check>@<env>@<version>`), or undefined. */
export function checkEnvironment(checkId: string): string | undefined {
  return checkId.split("@")[1];
}

/** One environment's status: the worst of its failing checks and open incidents; no-data when none of its checks could be read. */
function environmentStatus(env: string, statuses: CheckStatus[], failing: MonitorFinding[], incidents: Incident[]): HealthStatus {
  const mine = statuses.filter((s) => checkEnvironment(s.checkId) === env);
  const readable = mine.filter((s) => s.readError === undefined && s.verdict.status !== "insufficient-data");
  let status: HealthStatus = mine.length > 0 && readable.length === 0 ? "no-data" : "ok";
  for (const f of failing) if (checkEnvironment(f.checkId) === env && RANK[f.severity] > RANK[status]) status = f.severity;
  for (const i of incidents) if (checkEnvironment(i.checkId) === env && RANK[i.severity] > RANK[status]) status = i.severity;
  return status;
}

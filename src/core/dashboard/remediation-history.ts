import type { ActionOutcome, MonitorReport } from "../monitor/report.js";
import type { HistoryEntry } from "./types.js";

/** True when an action of a report concerns `model` (issue keys `<model>/<check>`, branches `…/<model>`). */
export function actionConcerns(a: ActionOutcome, model: string): boolean {
  if (a.target === "model-health") return false;
  switch (a.kind) {
    case "note":
      return a.target === model;
    case "publish-event":
      return a.summary.endsWith(` for ${model}`);
    case "propose-change":
      return a.target.endsWith(`/${model}`);
    default:
      return a.target.startsWith(`${model}/`);
  }
}

/**
 * The remediation history of `model` over `reports` (any order), newest first: for each run that
 * covered the model, the findings that began on it, the ones that recovered since the previous run
 * that covered it, and the actions it took or planned for the model. A finding that persists over
 * several runs is listed once, when it began; so is an action repeated unchanged on consecutive runs
 * (a dry run plans the same issue every hour).
 */
export function remediationHistory(model: string, reports: MonitorReport[]): HistoryEntry[] {
  const runs = [...reports].sort((a, b) => Date.parse(a.now) - Date.parse(b.now));
  const perRun: HistoryEntry[][] = [];
  let previous = new Map<string, string>();
  let previousActions = new Set<string>();
  for (const r of runs) {
    const covered = r.models.some((m) => m.model === model) || r.findings.some((f) => f.model === model);
    if (!covered) continue;
    const at = Date.parse(r.now);
    const entries: HistoryEntry[] = [];
    const current = new Map<string, string>();
    for (const f of r.findings.filter((x) => x.model === model)) {
      const key = `${f.checkId}/${f.kind}`;
      current.set(key, f.checkId);
      if (previous.has(key)) continue;
      entries.push({ at, kind: "finding", what: `${f.checkId}: ${f.kind}`, detail: f.summary, severity: f.severity, status: "found" });
    }
    for (const [key, checkId] of previous) {
      if (!current.has(key)) entries.push({ at, kind: "finding", what: `${checkId}: ${key.slice(checkId.length + 1)}`, detail: "no longer found on this run", status: "recovered" });
    }
    const actions = new Set<string>();
    for (const a of r.actions.filter((x) => actionConcerns(x, model))) {
      const entry: HistoryEntry = { at, kind: "action", what: a.kind, target: a.target, detail: a.error ? `${a.summary} (${a.error})` : a.summary, status: r.dryRun && a.status === "planned" ? "dry run" : a.status, ...(a.url ? { url: a.url } : {}) };
      const key = `${entry.what}\u0000${entry.detail}\u0000${entry.status}`;
      actions.add(key);
      if (!previousActions.has(key)) entries.push(entry);
    }
    previous = current;
    previousActions = actions;
    perRun.push(entries);
  }
  return perRun.reverse().flat();
}

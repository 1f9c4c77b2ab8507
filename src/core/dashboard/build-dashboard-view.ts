import type { Datapoint } from "../../ports.js";
import type { AuditEntry } from "../audit/audit-trail.js";
import type { StageHistory } from "../history/stage-history.js";
import { checksFor } from "../monitor/build-queries.js";
import type { ModelHealth } from "../monitor/model-health.js";
import type { MonitorReport } from "../monitor/report.js";
import { versionsOf, type ModelSpec, type PolicySpec, type RepoState } from "../types.js";
import { buildChart } from "./chart-view.js";
import { pageSlug } from "./escape-html.js";
import { remediationHistory } from "./remediation-history.js";
import type { ChangeView, DashboardView, IncidentView, ModelView, TimelineEntry } from "./types.js";
import { versionViews } from "./version-view.js";
import { chartEvents } from "./chart-events.js";
import { modelLinks, type LinkBases } from "./model-links.js";
import { compareVersions } from "./version-order.js";

export interface DashboardInput {
  state: Pick<RepoState, "models" | "versions" | "policies">;
  /** Stage history per model name (from git); a model without one gets an empty timeline. */
  histories: Map<string, StageHistory>;
  /** Monitor reports, any order; the newest that covers a model gives its health. */
  reports: MonitorReport[];
  /** Series per `<model>/<checkId>`, oldest first, from the metric source; missing ones fall back to findings' evidence. */
  series: Map<string, Datapoint[]>;
  now: Date;
  warnings?: string[];
  /** Base URLs for links to the card, DVC pointers and MLflow; without them those show as text. */
  links?: LinkBases;
  /** The audit trail of stage changes, for audit.html. */
  audit?: { entries: AuditEntry[]; notes: string[] };
}

/** Builds the whole dashboard from its inputs. Pure and deterministic: the same inputs give the same view. */
export function buildDashboardView(input: DashboardInput): DashboardView {
  const reports = [...input.reports].sort((a, b) => Date.parse(a.now) - Date.parse(b.now) || (a.shard ?? "").localeCompare(b.shard ?? ""));
  const policies = new Map(input.state.policies.map((p) => [p.name, p]));
  const models = [...input.state.models].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const latest = reports.at(-1);
  return {
    generatedAt: input.now.toISOString(),
    ...(latest ? { latestRun: latest.now } : {}),
    reportCount: reports.length,
    models: models.map((m) => modelView(m, policies.get(m.policy), input, reports)),
    warnings: [...(input.warnings ?? [])],
    ...(input.audit ? { audit: { entries: [...input.audit.entries], notes: [...input.audit.notes] } } : {}),
  };
}

function modelView(m: ModelSpec, policy: PolicySpec | undefined, input: DashboardInput, reports: MonitorReport[]): ModelView {
  const run = [...reports].reverse().find((r) => r.models.some((h) => h.model === m.name));
  const health: ModelHealth | undefined = run?.models.find((h) => h.model === m.name);
  const findings = reports.flatMap((r) => r.findings.filter((f) => f.model === m.name));
  const history = remediationHistory(m.name, reports);
  const tl = timeline(input.histories.get(m.name));
  const open = run ? incidents(m.name, run, health, input.links?.repoUrl) : [];
  const applies = (input.audit?.entries ?? []).filter((e) => e.model === m.name);
  const driftRun = [...reports].reverse().find((r) => r.findings.some((f) => f.model === m.name && f.kind === "drift" && f.drift));
  const drift = driftRun?.findings.find((f) => f.model === m.name && f.kind === "drift" && f.drift)?.drift;
  return {
    checks: (health?.checks ?? []).map((c) => ({ check: c.check, status: c.status, severity: c.severity, summary: c.summary })),
    worst: open.reduce<ModelView["worst"]>((w, i) => (RANK[i.severity] > RANK[w] ? i.severity : w), "none"),
    links: modelLinks(m, [...versionsOf(input.state, m.name)].sort((a, b) => compareVersions(b.version, a.version)), input.links ?? {}),
    ...(drift && driftRun ? { drift: { ...drift, at: driftRun.now } } : {}),
    name: m.name,
    slug: pageSlug(m.name),
    description: m.description,
    owners: [...m.owners],
    task: m.task,
    policy: m.policy,
    stages: Object.keys(m.stages).sort(stageOrder(policy)).map((stage) => ({ stage, variants: m.stages[stage]!.variants.map((v) => ({ ...v })) })),
    health: health?.status ?? "unknown",
    ...(health?.environments?.length ? { environments: health.environments.filter((e) => typeof e.name === "string" && ["ok", "no-data", "info", "warning", "critical"].includes(e.status)).map((e) => ({ name: e.name, health: e.status })) } : {}),
    ...(run ? { checkedAt: run.now } : {}),
    incidents: open,
    issues: (health?.incidents ?? []).flatMap((i) => (i.issue !== undefined ? [i.issue] : [])),
    changes: run && health ? changes(health, run) : [],
    versions: versionViews(m, versionsOf(input.state, m.name), policy),
    timeline: tl,
    charts: checksFor(m, policy).map((check) => {
      const chart = buildChart({
        check,
        points: input.series.get(`${m.name}/${check.id}`),
        findings: findings.filter((f) => f.checkId === check.id && f.kind !== "variant"),
        ...latestCheck(health, check.id),
      });
      const events = chartEvents(chart, history, tl, applies);
      return events.length ? { ...chart, events } : chart;
    }),
    history,
  };
}

const RANK: Record<ModelView["worst"], number> = { none: 0, info: 1, warning: 2, critical: 3 };

/** Stages in the policy's promotion order (last = most important first), then the rest by name. */
function stageOrder(policy: PolicySpec | undefined): (a: string, b: string) => number {
  const order = [...(policy?.promotion.order ?? [])].reverse();
  const rank = (s: string) => (order.includes(s) ? order.indexOf(s) : order.length);
  return (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function latestCheck(health: ModelHealth | undefined, checkId: string): { latest?: { status: string; summary: string } } {
  const c = health?.checks.find((x) => x.check === checkId);
  return c ? { latest: { status: c.status, summary: c.summary } } : {};
}

/**
 * The run's findings of `model` as incidents, each linked to its issue: the URL of this run's action
 * on it (opened, commented), else the issue number the report's health lists, on the repository.
 */
function incidents(model: string, run: MonitorReport, health: ModelHealth | undefined, repoUrl: string | undefined): IncidentView[] {
  const repo = repoUrl && /^https?:\/\//i.test(repoUrl) ? repoUrl.replace(/\/+$/, "") : undefined;
  return run.findings
    .filter((f) => f.model === model)
    .map((f) => {
      const issue = health?.incidents.find((i) => i.check === f.checkId)?.issue;
      const url = run.actions.find((a) => a.target === `${model}/${f.checkId}` && a.url)?.url ?? (repo && issue !== undefined ? `${repo}/issues/${issue}` : undefined);
      return { checkId: f.checkId, metric: f.metric, severity: f.severity, kind: f.kind, summary: f.summary, ...(f.since !== undefined ? { since: f.since } : {}), ...(url ? { url } : {}) };
    });
}

function changes(health: ModelHealth, run: MonitorReport): ChangeView[] {
  return health.changes.map((branch) => {
    const a = run.actions.find((x) => x.kind === "propose-change" && x.target === branch);
    const title = a?.summary.match(/^propose PR "(.*)"$/)?.[1];
    return { branch, ...(title ? { title } : {}), ...(a?.url ? { url: a.url } : {}), ...(a ? { status: run.dryRun && a.status === "planned" ? "dry run" : a.status } : { status: "open" }) };
  });
}

function timeline(h: StageHistory | undefined): TimelineEntry[] {
  return (h?.changes ?? [])
    .map((c) => ({ at: +c.commit.date, stage: c.stage, from: c.from, to: c.to, sha: c.commit.sha, author: c.commit.author, subject: c.commit.subject }))
    .reverse();
}

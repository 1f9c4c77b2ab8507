import { formatDuration } from "../duration.js";
import { changeBranch, duplicateComment, incidentKey, incidentLabels, incidentTitle } from "../github-conventions.js";
import type { ModelSpec, ModelVersionSpec, PolicySpec, RemediationAction } from "../types.js";
import { anomalyEvent, escalatedEvent, remediationEvent, resolvedEvent } from "./build-events.js";
import { servedVariants } from "./build-queries.js";
import { baseCheckId } from "./coverage.js";
import { DRIFT_CHECK } from "./drift-findings.js";
import { actionsFor, maxSeverity, raiseSeverity, variantActions } from "./match-rules.js";
import { splitOwners } from "./markdown.js";
import { planChange, splitPurposeOf, type ChangeDecision } from "./plan-change.js";
import {
  changeNotNeededComment,
  splitNotBackedComment,
  escalationComment,
  incidentBody,
  recoveredComment,
  reopenedComment,
  stillFailingComment,
} from "./render-incident.js";
import type { StageRecord } from "./rollback-target.js";
import type { ChangePurpose, CheckStatus, Incident, MonitorAction, MonitorFinding, Observed } from "./types.js";

export interface PlanInput {
  now: number;
  /** The models of this run (this shard), with their policies. */
  models: ModelSpec[];
  policies: Map<string, PolicySpec>;
  versions: ModelVersionSpec[];
  /** Every check's status on this run, for recovery. */
  statuses: CheckStatus[];
  /** Failing checks (threshold/anomaly) and split decisions (variant). */
  findings: MonitorFinding[];
  /** Open incidents from the previous run (the model-health issue). */
  incidents: Incident[];
  observed: Observed;
  /** Stage history of model.yaml per model, newest first (only needed for rollbacks). */
  history: Map<string, StageRecord[]>;
  /** The branch PRs target. */
  base: string;
  runUrl?: string;
}

export interface RemediationPlan {
  /** In execution order: issues first (so PRs can link them), then PRs, then events. */
  actions: MonitorAction[];
  /** Incidents to remember after this run (issue numbers of issues opened now are filled in by the caller). */
  incidents: Incident[];
}

const PR_ACTIONS: Partial<Record<RemediationAction, ChangePurpose>> = {
  "rollback-pr": "rollback",
  "scale-pr": "scale",
  "end-split-pr": "end-split",
  "complete-split-pr": "complete-split",
};

const ORDER: Record<MonitorAction["kind"], number> = { "open-issue": 0, "update-issue": 1, "comment-issue": 2, "close-issue": 3, "propose-change": 4, "close-change": 4, "publish-event": 5, note: 6 };

const keyOf = (f: { model: string; checkId: string }) => incidentKey(f.model, f.checkId);

/** Which issues and branches the plan needs to see on GitHub: they grow with findings and incidents, not with models. */
export function observationsNeeded(input: Pick<PlanInput, "models" | "policies" | "findings" | "incidents">): {
  issueKeys: string[];
  branches: string[];
  historyModels: string[];
} {
  const issueKeys = new Set<string>();
  const branches = new Set<string>();
  const historyModels = new Set<string>();
  const models = new Map(input.models.map((m) => [m.name, m]));
  for (const f of input.findings) {
    const model = models.get(f.model);
    const policy = model && input.policies.get(model.policy);
    if (!policy) continue;
    const acts = f.kind === "variant" ? variantActions(f, policy) : actionsFor(f, policy);
    if (acts.includes("issue") && f.kind !== "variant") issueKeys.add(keyOf(f));
    for (const a of acts) {
      const purpose = PR_ACTIONS[a];
      if (!purpose) continue;
      branches.add(changeBranch(purpose, f.model));
      if (purpose === "rollback") historyModels.add(f.model);
    }
  }
  for (const i of input.incidents) {
    if (i.issue !== undefined) issueKeys.add(keyOf(i));
    if (i.change) branches.add(i.change.branch);
  }
  // Every split's branch: an open proposal to complete it is closed when the comparison no longer backs it.
  for (const m of input.models) if (servedVariants(m).length > 1) branches.add(changeBranch("complete-split", m.name));
  return { issueKeys: [...issueKeys].sort(), branches: [...branches].sort(), historyModels: [...historyModels].sort() };
}

/**
 * The remediation plan of one run, from findings, the previous incidents and what GitHub shows now.
 * Pure and deterministic. See docs/monitor.md for the rules it follows.
 */
export function planRemediation(input: PlanInput): RemediationPlan {
  const { now } = input;
  const actions: MonitorAction[] = [];
  const models = new Map(input.models.map((m) => [m.name, m]));
  const previous = new Map(input.incidents.map((i) => [keyOf(i), i]));
  // What GitHub shows wins over what a previous run wrote down: an open incident issue the state lost
  // (a failed health-issue update, a failed close) is followed again; duplicates are closed.
  for (const [key, open] of input.observed.openIncidents ?? []) {
    const oldest = open[0]!;
    const at = key.indexOf("/");
    const model = models.get(key.slice(0, at));
    const policy = model && input.policies.get(model.policy);
    if (!model || !policy) continue; // another shard's, or a model that is gone
    for (const dup of open.slice(1)) actions.push({ kind: "close-issue", key, number: dup.number, comment: duplicateComment(oldest) });
    const checkId = key.slice(at + 1);
    const prev = previous.get(key);
    if (prev) {
      if (prev.issue !== oldest.number) previous.set(key, { ...prev, issue: oldest.number });
      continue;
    }
    const check = policy.monitoring.checks.find((c) => c.id === baseCheckId(checkId));
    const severity = check?.severity ?? (checkId === DRIFT_CHECK ? (policy.monitoring.drift?.severity ?? "warning") : "warning");
    const openedAt = oldest.createdAt ?? now;
    previous.set(key, { model: model.name, checkId, severity, issue: oldest.number, openedAt, lastBadAt: openedAt, escalated: false });
  }
  const issueOf = (key: string) => input.observed.issues.get(key) ?? (input.observed.openIncidents?.get(key)?.[0] ? { ...input.observed.openIncidents.get(key)![0]!, state: "open" as const, title: "" } : undefined);
  const statuses = new Map(input.statuses.map((s) => [keyOf(s), s]));
  const next: Incident[] = [];

  // 1. Changes, one per (model, purpose), each backed by every finding that asks for it.
  const wanted = new Map<string, { purpose: ChangePurpose; model: ModelSpec; policy: PolicySpec; findings: MonitorFinding[]; event: boolean }>();
  const actsByFinding = new Map<MonitorFinding, RemediationAction[]>();
  for (const f of input.findings) {
    const model = models.get(f.model);
    const policy = model && input.policies.get(model.policy);
    if (!model || !policy) continue;
    const acts = f.kind === "variant" ? variantActions(f, policy) : actionsFor(f, policy);
    actsByFinding.set(f, acts);
    for (const a of acts) {
      const purpose = PR_ACTIONS[a];
      if (!purpose) continue;
      const k = `${f.model}|${purpose}`;
      const w = wanted.get(k) ?? { purpose, model, policy, findings: [], event: false };
      w.findings.push(f);
      w.event ||= acts.includes("event");
      wanted.set(k, w);
    }
  }
  const decisions = new Map<string, ChangeDecision>();
  for (const [k, w] of wanted) {
    const d = planChange({
      purpose: w.purpose,
      model: w.model,
      policy: w.policy,
      findings: w.findings,
      versions: input.versions,
      history: input.history.get(w.model.name) ?? [],
      observed: input.observed,
      now,
      base: input.base,
      ...(input.runUrl ? { runUrl: input.runUrl } : {}),
    });
    decisions.set(k, d);
    if (d.action) {
      actions.push(d.action);
      if (w.event) {
        actions.push({
          kind: "publish-event",
          event: remediationEvent({ model: w.model.name, action: w.purpose, branch: d.action.branch, from: d.from!, to: d.to!, reason: d.reason!, checks: w.findings.map((f) => f.checkId), now, ...(input.runUrl ? { runUrl: input.runUrl } : {}) }),
        });
      }
    } else actions.push({ kind: "note", model: w.model.name, message: d.doing });
  }

  // 2. Incidents for failing checks.
  const seen = new Set<string>();
  for (const f of input.findings) {
    if (f.kind === "variant") continue;
    const model = models.get(f.model);
    const policy = model && input.policies.get(model.policy);
    if (!model || !policy) continue;
    const key = keyOf(f);
    seen.add(key);
    const acts = actsByFinding.get(f) ?? [];
    const prev = previous.get(key);
    const changes = acts.map((a) => PR_ACTIONS[a]).filter((p): p is ChangePurpose => p !== undefined).map((p) => decisions.get(`${f.model}|${p}`)!);
    const doing = changes.map((d) => d.doing);
    const inc: Incident = prev
      ? { ...prev, lastBadAt: Math.max(prev.lastBadAt, f.latest?.t ?? now), severity: maxSeverity(prev.severity, f.severity) }
      : { model: f.model, checkId: f.checkId, severity: f.severity, openedAt: now, lastBadAt: f.latest?.t ?? now, escalated: false };
    const change = changes.find((d) => d.change)?.change;
    if (change) inc.change = change;
    if (acts.includes("event") && !prev?.published) {
      actions.push({ kind: "publish-event", event: anomalyEvent(f, { ...eventContext(model, policy, now, input.runUrl), openedAt: inc.openedAt }), incident: key });
      doing.push("Published a `Model Anomaly Detected` event.");
      inc.published = true;
    }
    const obs = issueOf(key);
    const escalation = prev ? escalate(inc, model, policy, input.observed, now, obs?.createdAt) : undefined;
    const extra = escalation ? `\n\n${escalationComment(escalation)}` : "";
    if (acts.includes("issue") || inc.issue !== undefined) {
      if (obs?.state === "open") {
        inc.issue = obs.number;
        actions.push({ kind: "comment-issue", key, number: obs.number, body: stillFailingComment(f, now, doing, input.runUrl) + extra });
      } else if (obs?.state === "closed") {
        inc.issue = obs.number;
        const byPerson = prev?.issue === obs.number;
        const inCooldown = obs.closedAt !== undefined && now - obs.closedAt < policy.remediation.cooldown * 1000;
        if (byPerson && inCooldown) {
          actions.push({ kind: "note", model: f.model, message: `${key}: issue #${obs.number} was closed by a person ${formatDuration((now - obs.closedAt!) / 1000)} ago; not reopened inside the cooldown.` });
        } else {
          actions.push({ kind: "update-issue", key, number: obs.number, state: "open", title: incidentTitle(f.model, f.checkId, f.kind, inc.severity, inc.escalated), labels: incidentLabels(f.model, inc.severity) });
          actions.push({ kind: "comment-issue", key, number: obs.number, body: reopenedComment(f, now) + extra });
        }
      } else {
        delete inc.issue;
        const { users } = splitOwners(model.owners);
        actions.push({
          kind: "open-issue",
          key,
          title: incidentTitle(f.model, f.checkId, f.kind, inc.severity, inc.escalated),
          body: incidentBody(f, { model, policy: policy.name, doing, recoverySeconds: policy.monitoring.recovery, ...(input.runUrl ? { runUrl: input.runUrl } : {}) }),
          labels: incidentLabels(f.model, inc.severity),
          assignees: users,
        });
      }
      if (escalation && inc.issue !== undefined) {
        actions.push({ kind: "update-issue", key, number: inc.issue, title: incidentTitle(f.model, f.checkId, f.kind, inc.severity, true), labels: incidentLabels(f.model, inc.severity) });
      }
    }
    if (escalation) {
      actions.push({
        kind: "publish-event",
        event: escalatedEvent({ model: f.model, check: f.checkId, from: escalation.from, to: escalation.to, reason: escalation.reason, mention: escalation.mention, openedAt: inc.openedAt, ...(inc.issue !== undefined ? { issue: inc.issue } : {}), now, ...(input.runUrl ? { runUrl: input.runUrl } : {}) }),
      });
    }
    next.push(inc);
  }

  // 3. Incidents whose check passed on this run: closed once healthy for the recovery window.
  const recoveredChanges: { model: string; branch: string; metric: string; healthySince: number }[] = [];
  for (const [key, prev] of previous) {
    if (seen.has(key)) continue;
    const model = models.get(prev.model);
    const policy = model && input.policies.get(model.policy);
    const status = statuses.get(key);
    const known = policy && (policy.monitoring.checks.some((c) => c.id === baseCheckId(prev.checkId)) || (prev.checkId === DRIFT_CHECK && policy.monitoring.drift?.baseline !== undefined));
    if (!model || !policy || !known) continue; // the model or check is gone
    if (!status || status.readError !== undefined || status.verdict.status !== "ok") {
      next.push(prev);
      continue;
    }
    const healthySince = Math.max(prev.lastBadAt, status.lastBreachAt ?? -Infinity);
    if (now - healthySince < policy.monitoring.recovery * 1000) {
      next.push(prev);
      continue;
    }
    const obs = issueOf(key);
    if (prev.issue !== undefined && obs?.state === "open") {
      actions.push({ kind: "close-issue", key, number: obs.number, comment: recoveredComment(status.metric, healthySince, now, policy.monitoring.recovery) });
    }
    if (prev.change) recoveredChanges.push({ model: prev.model, branch: prev.change.branch, metric: status.metric, healthySince });
    if (prev.published) {
      actions.push({ kind: "publish-event", event: resolvedEvent({ model: prev.model, check: prev.checkId, openedAt: prev.openedAt, healthySince, ...(prev.issue !== undefined ? { issue: prev.issue } : {}), now }) });
    }
  }

  // 4. A proposed change no incident needs any more (its model recovered without it) is closed, with why.
  const stillNeeded = new Set([...next.flatMap((i) => (i.change ? [i.change.branch] : [])), ...actions.flatMap((a) => (a.kind === "propose-change" ? [a.branch] : []))]);
  const closing = new Set<string>();
  for (const r of recoveredChanges) {
    const pr = input.observed.pulls.get(r.branch);
    if (!pr || pr.state !== "open" || stillNeeded.has(r.branch) || closing.has(r.branch)) continue;
    closing.add(r.branch);
    actions.push({ kind: "close-change", model: r.model, branch: r.branch, number: pr.number, comment: changeNotNeededComment(r.model, r.metric, r.healthySince, now) });
  }

  // 5. An open proposal to complete a split that this run does not make again (the challenger no longer
  // holds up, or the comparison is not conclusive now) is closed: nobody should merge it at 3 a.m. An
  // open proposal to end a split is left alone (ending is the safer change).
  for (const m of input.models) {
    if (servedVariants(m).length < 2) continue;
    const branch = changeBranch("complete-split", m.name);
    const pr = input.observed.pulls.get(branch);
    if (!pr || pr.state !== "open" || splitPurposeOf(pr) !== "complete-split" || closing.has(branch)) continue;
    if (actions.some((a) => a.kind === "propose-change" && a.branch === branch)) continue;
    if (input.findings.some((f) => f.model === m.name && f.kind === "variant" && f.variant?.decision === "complete-split")) continue;
    closing.add(branch);
    actions.push({ kind: "close-change", model: m.name, branch, number: pr.number, comment: splitNotBackedComment(m.name, input.findings.find((f) => f.model === m.name && f.kind === "variant")?.variant?.reason) });
  }

  const ordered = actions.map((a, i) => ({ a, i })).sort((x, y) => ORDER[x.a.kind] - ORDER[y.a.kind] || x.i - y.i).map((x) => x.a);
  return { actions: ordered, incidents: next };
}

function eventContext(model: ModelSpec, policy: PolicySpec, now: number, runUrl?: string) {
  const endpoint = model.deployment?.sagemaker?.endpoint;
  return { policy: policy.name, versions: servedVariants(model).map((v) => v.version), now, ...(endpoint ? { endpoint } : {}), ...(runUrl ? { runUrl } : {}) };
}

/**
 * Escalates `inc` in place when it is still failing past its deadline: after a remediation PR was
 * merged, the policy's recovery window from the merge; without one, `escalation.after` from the
 * opening (only when the policy has an escalation block). Once per incident.
 */
function escalate(inc: Incident, model: ModelSpec, policy: PolicySpec, observed: Observed, now: number, issueCreatedAt?: number) {
  if (inc.escalated) return undefined;
  const pr = inc.change ? observed.pulls.get(inc.change.branch) : undefined;
  const appliedAt = pr?.merged ? pr.closedAt : undefined;
  const esc = policy.remediation.escalation;
  // timed from when the remediation was proposed, as GitHub records it (the PR, else the issue), never from
  // the data; never before the run that opened the incident (a PR proposed later moves it later)
  const proposedAt = Math.max(inc.openedAt, pr?.createdAt ?? issueCreatedAt ?? inc.openedAt);
  const deadline = appliedAt !== undefined ? appliedAt + policy.monitoring.recovery * 1000 : esc ? proposedAt + esc.after * 1000 : undefined;
  if (deadline === undefined || now < deadline) return undefined;
  const from = inc.severity;
  const to = raiseSeverity(from);
  inc.severity = to;
  inc.escalated = true;
  const reason =
    appliedAt !== undefined
      ? `still failing ${formatDuration((now - appliedAt) / 1000)} after #${pr!.number} was merged (the policy's recovery window is ${formatDuration(policy.monitoring.recovery)})`
      : `still failing ${formatDuration((now - proposedAt) / 1000)} after the remediation was proposed (the policy escalates after ${formatDuration(esc!.after)})`;
  const mention = [...new Set([...(esc?.mention ?? []).filter((m) => /^@[A-Za-z0-9][A-Za-z0-9/._-]*$/.test(m)), ...splitOwners(model.owners).teams])];
  return { from, to, reason, mention };
}

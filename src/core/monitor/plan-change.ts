import { formatDuration } from "../duration.js";
import type { ModelSpec, ModelVersionSpec, PolicySpec } from "../types.js";
import { servedStage, servedVariants } from "./build-queries.js";
import { changeBranch, changeLabels } from "../github-conventions.js";
import { renderChange, issuePlaceholder } from "./render-change.js";
import { rollbackTarget, type StageRecord } from "./rollback-target.js";
import { scaleProposal } from "./scale-proposal.js";
import type { ChangePurpose, Incident, ModelEdit, MonitorAction, MonitorFinding, Observed } from "./types.js";

/** What was decided about one proposed change: the action (if any), a line for the issue, the state to keep. */
export interface ChangeDecision {
  action?: Extract<MonitorAction, { kind: "propose-change" }>;
  /** One line for the incident issue ("Proposed a rollback to 6 in steward/rollback/x", "...declined..."). */
  doing: string;
  /** The change the incident now follows (to see it applied), if any. */
  change?: NonNullable<Incident["change"]>;
  from?: string;
  to?: string;
  reason?: string;
}

export interface ChangeInput {
  purpose: ChangePurpose;
  model: ModelSpec;
  policy: PolicySpec;
  findings: MonitorFinding[];
  versions: ModelVersionSpec[];
  history: StageRecord[];
  observed: Observed;
  now: number;
  base: string;
  runUrl?: string;
  /** A person asked for the change (ChatOps `/steward rollback`). */
  requestedBy?: { login: string; command: string; commentUrl?: string };
}

const LABEL: Record<ChangePurpose, string> = { rollback: "rollback", scale: "scale", "end-split": "end-split", "complete-split": "complete-split" };

/** Which split change an open PR on the split branch proposes: by its label, else its title; undefined when neither says. */
export function splitPurposeOf(pr: { title?: string; labels?: string[] }): "end-split" | "complete-split" | undefined {
  if (pr.labels?.includes("end-split")) return "end-split";
  if (pr.labels?.includes("complete-split")) return "complete-split";
  if (pr.title?.startsWith("End the split of ")) return "end-split";
  if (pr.title?.startsWith("Complete the split of ")) return "complete-split";
  return undefined;
}

const stageText = (vs: { version: string; weight: number }[]) => (vs.length === 1 ? vs[0]!.version : vs.map((v) => `${v.version} ${v.weight} %`).join(" / "));

/**
 * Decides one change PR for a model: nothing twice (an open PR on the branch is left alone), no new
 * proposal inside the cooldown after the last one was merged or closed unmerged, and otherwise the
 * edit: a rollback to the last healthy version, more capacity, or the end/completion of a split.
 */
export function planChange(input: ChangeInput): ChangeDecision {
  const { purpose, model, policy, observed, now } = input;
  const branch = changeBranch(purpose, model.name);
  const pr = observed.pulls.get(branch);
  const cooldownMs = policy.remediation.cooldown * 1000;
  // End and complete share the split branch: an open PR may propose the other one.
  const proposed = pr?.state === "open" ? splitPurposeOf(pr) : undefined;
  if (pr?.state === "open" && proposed === "complete-split" && purpose === "end-split") {
    // The challenger no longer holds up: the open completion is turned into the end of the split (updated in place, below).
  } else if (pr?.state === "open" && proposed === "end-split" && purpose === "complete-split") {
    return { doing: `#${pr.number} proposes ending the split; this run's comparison favours completing it. #${pr.number} is left for a person (ending is the safer change).`, change: { purpose: "end-split", branch, number: pr.number } };
  } else if (pr?.state === "open") {
    return { doing: `A ${LABEL[purpose]} is proposed in #${pr.number} (open).`, change: { purpose, branch, number: pr.number } };
  }
  if (pr && pr.closedAt !== undefined && now - pr.closedAt < cooldownMs) {
    const ago = formatDuration((now - pr.closedAt) / 1000);
    return pr.merged
      ? { doing: `The ${LABEL[purpose]} in #${pr.number} was merged ${ago} ago; waiting for the metric to recover.`, change: { purpose, branch, number: pr.number } }
      : { doing: `The ${LABEL[purpose]} in #${pr.number} was closed unmerged ${ago} ago; not proposed again inside the ${formatDuration(policy.remediation.cooldown)} cooldown.` };
  }
  const stage = servedStage(model);
  const current = servedVariants(model);
  let edit: ModelEdit;
  let from = stageText(current);
  let to: string;
  let reason: string;
  let gateRule: string | undefined;
  if (purpose === "rollback") {
    const target = rollbackTarget({ current: current.map((v) => v.version), history: input.history, versions: input.versions.filter((v) => v.model === model.name) });
    if (!target) return { doing: `No rollback proposed: git history names no earlier version that served ${stage} alone and was never rolled back from.` };
    edit = { kind: "set-stage", stage, variants: [{ version: target.version, weight: 100 }] };
    to = target.version;
    reason = `${target.version} is the last version healthy in ${stage}: ${target.reason}.`;
    gateRule = `allowed by the rollback rule: version ${target.version} served in ${stage} before (from ${target.servedAt.sha.slice(0, 7)}), so it returns without the order, soak-time and metric gates.`;
  } else if (purpose === "scale") {
    const p = scaleProposal(model, policy);
    if (!p) return { doing: `No scale-up proposed: the endpoint is at the policy's capacity cap.` };
    edit = { kind: "set-capacity", instanceCount: p.to.instanceCount, ...(p.to.autoscaling ? { autoscaling: p.to.autoscaling } : {}) };
    const cap = (c: typeof p.from) => `${c.instanceCount} instances${c.autoscaling ? ` (autoscaling ${c.autoscaling.min}-${c.autoscaling.max})` : ""}`;
    from = cap(p.from);
    to = cap(p.to);
    reason = `more capacity for a latency finding, by the policy's step of ${policy.remediation.scale?.step ?? 1}.`;
  } else {
    const outcome = input.findings.find((f) => f.variant)?.variant;
    if (!outcome) return { doing: "No split change: no variant comparison." };
    const keep = purpose === "end-split" ? outcome.champion.version : outcome.challenger.version;
    edit = { kind: "set-stage", stage, variants: [{ version: keep, weight: 100 }] };
    to = keep;
    reason = `${outcome.reason}.`;
  }
  const text = renderChange({
    purpose,
    model: model.name,
    stage,
    from,
    to,
    reason,
    ...(gateRule ? { gateRule } : {}),
    findings: input.findings,
    issueRefs: input.findings.filter((f) => f.kind !== "variant").map((f) => issuePlaceholder(`${f.model}/${f.checkId}`)),
    ...(input.runUrl ? { runUrl: input.runUrl } : {}),
    ...(input.requestedBy ? { requestedBy: input.requestedBy } : {}),
  });
  return {
    action: {
      kind: "propose-change",
      model: model.name,
      purpose,
      branch,
      base: input.base,
      title: text.title,
      body: text.body,
      labels: changeLabels(purpose, model.name),
      commitMessage: text.commitMessage,
      path: model.file,
      edit,
    },
    doing: `Proposed: ${text.title} (branch \`${branch}\`).`,
    change: { purpose, branch },
    from,
    to,
    reason,
  };
}

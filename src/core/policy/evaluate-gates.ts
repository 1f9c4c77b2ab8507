import { formatDuration } from "../duration.js";
import type { ModelVersionSpec, PolicySpec } from "../types.js";
import { countApprovals, type ApprovalFacts } from "./count-approvals.js";
import type { Promotion } from "./stage-changes.js";

export interface GateCheck {
  gate: "order" | "minTimeInPreviousStage" | "metric" | "approvals" | "rollback";
  ok: boolean;
  /** Names the gate, the value and the limit. */
  message: string;
}

export interface GateResult {
  promotion: Promotion;
  policy: string;
  ok: boolean;
  checks: GateCheck[];
}

/** What git history says about a version, gathered by the caller. */
export interface VersionHistory {
  /** When the version first served in a stage (committed), if ever. */
  firstEntered(stage: string): Date | undefined;
}

/**
 * What the pull request says about approvals: the facts to count, an error when they could not be
 * read (the gate fails, naming it), or absent outside a pull request (the gate is reported as not
 * counted in this run).
 */
export type ApprovalInput = { kind: "facts"; facts: ApprovalFacts } | { kind: "unreadable"; error: string };

/**
 * Evaluates a policy's promotion gates for one promotion. A version that already served in the
 * stage before (a rollback) passes the order, time and metric gates: it was vetted when it first
 * entered. Approvals are counted from the pull request's reviews when `approvals` is given.
 */
export function evaluateGates(p: Promotion, version: ModelVersionSpec, policy: PolicySpec, history: VersionHistory, now: Date, approvals?: ApprovalInput): GateResult {
  const checks: GateCheck[] = [];
  const order = policy.promotion.order;
  const gate = policy.promotion.gates[p.stage];
  const index = order.indexOf(p.stage);
  const previous = index > 0 ? order[index - 1] : undefined;
  const servedBefore = history.firstEntered(p.stage);

  if (servedBefore) {
    checks.push({ gate: "rollback", ok: true, message: `version ${p.version} served in ${p.stage} before (from ${servedBefore.toISOString()}): a return to a vetted version` });
  } else if (previous) {
    const entered = history.firstEntered(previous);
    if (!entered && !policy.promotion.allowSkip) {
      checks.push({ gate: "order", ok: false, message: `gate order: version ${p.version} never served in ${previous}; policy ${policy.name} requires ${order.join(" -> ")}` });
    } else if (entered) {
      checks.push({ gate: "order", ok: true, message: `gate order: served in ${previous} since ${entered.toISOString()}` });
    }
    const min = gate?.minTimeInPreviousStage;
    if (min !== undefined && (entered || !policy.promotion.allowSkip)) {
      const spent = entered ? (now.getTime() - entered.getTime()) / 1000 : 0;
      checks.push({
        gate: "minTimeInPreviousStage",
        ok: spent >= min,
        message: `gate minTimeInPreviousStage: ${formatDuration(spent)} in ${previous}, needs ${formatDuration(min)}`,
      });
    }
  }

  if (!servedBefore) {
    for (const [metric, bound] of Object.entries(gate?.metrics ?? {})) {
      const value = version.metrics[metric];
      if (value === undefined) {
        checks.push({ gate: "metric", ok: false, message: `gate metrics.${metric}: not recorded in ${version.file}, needs ${describeBound(bound)}` });
        continue;
      }
      const ok = (bound.min === undefined || value >= bound.min) && (bound.max === undefined || value <= bound.max);
      checks.push({ gate: "metric", ok, message: `gate metrics.${metric}: ${value} ${ok ? "meets" : "fails"} ${describeBound(bound)}` });
    }
  }
  if (gate?.approvals) checks.push(approvalCheck(gate.approvals, approvals));
  return { promotion: p, policy: policy.name, ok: checks.every((c) => c.ok), checks };
}

function approvalCheck(needed: number, input: ApprovalInput | undefined): GateCheck {
  if (!input) return { gate: "approvals", ok: true, message: `gate approvals: needs ${needed} owner approval(s); not counted in this run (no pull request: the validate action counts them on the PR)` };
  if (input.kind === "unreadable") return { gate: "approvals", ok: false, message: `gate approvals: needs ${needed} owner approval(s); the reviews could not be read (${input.error})` };
  const c = countApprovals(input.facts, needed);
  return { gate: "approvals", ok: c.ok, message: c.message };
}

function describeBound(b: { min?: number; max?: number }): string {
  if (b.min !== undefined && b.max !== undefined) return `${b.min} <= value <= ${b.max}`;
  return b.min !== undefined ? `min ${b.min}` : `max ${b.max}`;
}

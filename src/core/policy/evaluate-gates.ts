import { formatDuration } from "../duration.js";
import type { ModelVersionSpec, PolicySpec } from "../types.js";
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
 * Evaluates a policy's promotion gates for one promotion. A version that already served in the
 * stage before (a rollback) passes the order and time gates: it was vetted when it first entered.
 * Approvals are reported for the reviewer (enforced by branch protection), never failed here.
 */
export function evaluateGates(p: Promotion, version: ModelVersionSpec, policy: PolicySpec, history: VersionHistory, now: Date): GateResult {
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
  if (gate?.approvals) checks.push({ gate: "approvals", ok: true, message: `needs ${gate.approvals} approving review(s) (enforced by branch protection)` });
  return { promotion: p, policy: policy.name, ok: checks.every((c) => c.ok), checks };
}

function describeBound(b: { min?: number; max?: number }): string {
  if (b.min !== undefined && b.max !== undefined) return `${b.min} <= value <= ${b.max}`;
  return b.min !== undefined ? `min ${b.min}` : `max ${b.max}`;
}

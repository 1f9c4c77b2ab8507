import { evaluateGates } from "../policy/evaluate-gates.js";
import type { ModelVersionSpec, PolicySpec } from "../types.js";
import type { GateRow } from "./proposal.js";

/**
 * The metric gates of every stage in the policy's promotion order, checked against a version's
 * metrics, in order. Pure. Time and order gates are left out: they depend on history the new
 * version does not have yet.
 */
export function metricGateRows(version: ModelVersionSpec, policy: PolicySpec | undefined, now: Date): GateRow[] {
  if (!policy) return [];
  const never = { firstEntered: () => undefined };
  return policy.promotion.order.flatMap((stage) =>
    evaluateGates({ model: version.model, version: version.version, stage, replacing: [] }, version, policy, never, now)
      .checks.filter((c) => c.gate === "metric")
      .map((check) => ({ stage, check })),
  );
}

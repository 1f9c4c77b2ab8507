import type { ModelSpec, PolicySpec } from "../types.js";

export interface ScaleProposal {
  from: { instanceCount: number; autoscaling?: { min: number; max: number } };
  to: { instanceCount: number; autoscaling?: { min: number; max: number } };
}

/**
 * More capacity for a model's endpoint: instance count and autoscaling bounds each raised by the
 * policy's `remediation.scale.step` (default 1), capped at `scale.maxInstances` (default: twice the
 * current upper bound). Undefined when the model has no SageMaker deployment or is already at the cap.
 */
export function scaleProposal(model: ModelSpec, policy: PolicySpec): ScaleProposal | undefined {
  const sm = model.deployment?.sagemaker;
  // A serverless endpoint has no instances to add.
  if (!sm || sm.instanceCount === undefined) return undefined;
  const instanceCount = sm.instanceCount;
  const step = Math.max(1, policy.remediation.scale?.step ?? 1);
  const upper = sm.autoscaling ? Math.max(sm.autoscaling.max, instanceCount) : instanceCount;
  const cap = policy.remediation.scale?.maxInstances ?? upper * 2;
  const from: ScaleProposal["from"] = { instanceCount: instanceCount };
  const to: ScaleProposal["to"] = { instanceCount: Math.min(instanceCount + step, Math.max(cap, instanceCount)) };
  if (sm.autoscaling) {
    const a = sm.autoscaling;
    from.autoscaling = { min: a.min, max: a.max };
    const min = Math.min(a.min + step, Math.max(cap, a.min));
    to.autoscaling = { min, max: Math.max(min, Math.min(a.max + step, Math.max(cap, a.max))) };
    to.instanceCount = Math.min(Math.max(to.instanceCount, min), to.autoscaling.max);
  }
  const same = to.instanceCount === from.instanceCount && to.autoscaling?.min === from.autoscaling?.min && to.autoscaling?.max === from.autoscaling?.max;
  return same ? undefined : { from, to };
}

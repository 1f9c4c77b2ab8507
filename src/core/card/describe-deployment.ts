import type { ModelSpec, RolloutStrategy } from "../types.js";
import { code, mdText } from "../text/markdown.js";

/** Sentences (escaped Markdown) on where and how the model is served; [] when it has no deployment. */
export function describeDeployment(model: ModelSpec): string[] {
  const sm = model.deployment?.sagemaker;
  if (!sm) return [];
  const out = [sm.serverless
    ? `SageMaker endpoint ${code(sm.endpoint)} serves the ${mdText(sm.stage)} stage serverless (${sm.serverless.memoryMB} MB, up to ${sm.serverless.maxConcurrency} concurrent invocations${sm.serverless.provisionedConcurrency ? `, ${sm.serverless.provisionedConcurrency} provisioned` : ""}).`
    : `SageMaker endpoint ${code(sm.endpoint)} serves the ${mdText(sm.stage)} stage on ${sm.instanceCount ?? 1} × ${code(sm.instanceType ?? "")}.`];
  if (sm.autoscaling) {
    const a = sm.autoscaling;
    out.push(`Autoscaling keeps ${a.min}–${a.max} instances, targeting ${a.targetInvocationsPerInstance} invocations per instance.`);
  }
  out.push(describeRollout(sm.rollout));
  if (sm.rollbackAlarms.length) out.push(`These CloudWatch alarms also roll a deployment back: ${sm.rollbackAlarms.map(code).join(", ")}.`);
  if (sm.asyncInference) out.push(`Requests are processed asynchronously; results are written to ${code(sm.asyncInference.outputPath)}.`);
  if (sm.dataCapture?.enabled) out.push(`${sm.dataCapture.samplingPercent}% of requests and responses are captured to ${code(sm.dataCapture.destination)}.`);
  return out;
}

function describeRollout(r: RolloutStrategy): string {
  const bake = `the deployment is then watched for ${r.bakeMinutes} minutes and rolled back automatically if an alarm fires`;
  switch (r.strategy) {
    case "canary":
      return `A new version rolls out as a canary: ${r.canaryPercent}% of traffic for ${r.waitMinutes} minutes, then all of it; ${bake}.`;
    case "linear":
      return `A new version rolls out linearly: ${r.stepPercent}% more traffic every ${r.waitMinutes} minutes; ${bake}.`;
    default:
      return `A new version takes all traffic at once (after ${r.waitMinutes} minutes of checks); ${bake}.`;
  }
}

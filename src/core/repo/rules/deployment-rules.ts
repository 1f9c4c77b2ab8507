import { findVersion } from "../../types.js";
import type { PendingFinding } from "../check-file.js";
import { error, warning, type Rule } from "./context.js";
import { publishedPerVariant } from "../../monitor/build-queries.js";
import { uncheckedModelMessage, uncheckedModels, unusedCheckMessage, unusedChecks } from "../../monitor/unused-checks.js";
import { variantName } from "../../plan/sagemaker-names.js";

/** SageMaker's tag alphabet (AddTags/CreateModel `Tag`): letters, spaces, digits and `_.:/=+-@`. */
const AWS_TAG = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
/** SageMaker allows 50 tags a resource; steward adds its own keys (steward:model, steward:stage, steward:version). */
const MAX_MODEL_TAGS = 47;

/** The model's tags go on every SageMaker resource, so they must be valid AWS tags that leave steward's keys alone. */
function awsTagFindings(file: string, tags: Record<string, string>): PendingFinding[] {
  const out: PendingFinding[] = [];
  const keys = Object.keys(tags);
  if (keys.length > MAX_MODEL_TAGS) out.push(error(file, "aws-tags", "/tags", `${keys.length} tags; SageMaker resources take 50, and steward adds 3 of its own, so at most ${MAX_MODEL_TAGS}`));
  for (const k of keys) {
    const at = `/tags/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (/^(aws|steward):/i.test(k)) out.push(error(file, "aws-tags", at, `tag "${k}": the prefixes aws: and steward: are reserved (AWS's and this tool's own tags)`));
    else if (k.length > 128 || !AWS_TAG.test(k)) out.push(error(file, "aws-tags", at, `tag key "${k}" is not a valid AWS tag key (at most 128 letters, digits, spaces and _.:/=+-@)`));
    if (!AWS_TAG.test(tags[k]!)) out.push(error(file, "aws-tags", at, `tag value of "${k}" has characters AWS tags do not allow (letters, digits, spaces and _.:/=+-@ only)`));
  }
  return out;
}

/** A SageMaker deployment serves a stage the model has, with sane capacity, and versions that have an image. */
export const deploymentConsistent: Rule = ({ state }) => {
  const out: PendingFinding[] = [];
  for (const m of state.models) {
    const sm = m.deployment?.sagemaker;
    if (!sm) continue;
    const base = "/deployment/sagemaker";
    const stage = m.stages[sm.stage];
    if (!stage) out.push(error(m.file, "unknown-stage", `${base}`, `the endpoint serves stage "${sm.stage}", which the model does not have (stages: ${Object.keys(m.stages).join(", ") || "none"})`));
    const as = sm.autoscaling;
    if (as && as.min > as.max) out.push(error(m.file, "capacity", `${base}/autoscaling/min`, `autoscaling min (${as.min}) is above max (${as.max})`));
    if (as && sm.instanceCount !== undefined && (sm.instanceCount < as.min || sm.instanceCount > as.max)) {
      out.push(error(m.file, "capacity", `${base}/instanceCount`, `instanceCount ${sm.instanceCount} is outside the autoscaling bounds ${as.min}..${as.max}`));
    }
    const sl = sm.serverless;
    if (sl?.provisionedConcurrency !== undefined && sl.provisionedConcurrency > sl.maxConcurrency) {
      out.push(error(m.file, "capacity", `${base}/serverless/provisionedConcurrency`, `provisionedConcurrency ${sl.provisionedConcurrency} is above maxConcurrency ${sl.maxConcurrency}`));
    }
    out.push(...awsTagFindings(m.file, m.tags));
    for (const variant of stage?.variants ?? []) {
      const v = findVersion(state, m.name, variant.version);
      if (v && !v.image) out.push(error(v.file, "missing-image", "", `version "${v.version}" serves on SageMaker endpoint "${sm.endpoint}" but has no image`));
    }
  }
  return out;
};

/**
 * A monitoring metric that names the model's SageMaker endpoint (EndpointName) reads a series SageMaker
 * publishes: the model's own endpoint, and a VariantName that is one of the served stage's variants.
 * A weighted split has no AllTraffic series (each variant publishes its own): leave VariantName out
 * and the monitor reads each variant's; a stage served by one version publishes under AllTraffic
 * (filled in by the monitor when left out, so a split ended by a pull request stays valid).
 */
export const monitoringDimensionsPublished: Rule = ({ state }) => {
  const out: PendingFinding[] = [];
  for (const m of state.models) {
    const sm = m.deployment?.sagemaker;
    if (!sm || !m.monitoring) continue;
    const variants = m.stages[sm.stage]?.variants ?? [];
    const names = variants.map((v) => variantName(v.version, variants.length));
    for (const [metric, q] of Object.entries(m.monitoring.metrics)) {
      if (!publishedPerVariant(q)) continue;
      const at = `/monitoring/metrics/${metric.replace(/~/g, "~0").replace(/\//g, "~1")}/dimensions`;
      const endpoint = q.dimensions.EndpointName;
      if (endpoint !== sm.endpoint) {
        out.push(error(m.file, "metric-dimensions", `${at}/EndpointName`, `metric "${metric}" reads EndpointName "${endpoint}", but this model's endpoint is "${sm.endpoint}": SageMaker publishes nothing for this model under that name`));
      }
      const variant = q.dimensions.VariantName;
      if (variant === undefined || names.length === 0 || names.includes(variant)) continue;
      const message =
        names.length > 1
          ? `metric "${metric}" reads VariantName "${variant}", but stage "${sm.stage}" is a weighted split served by variants ${names.join(", ")}: SageMaker publishes no series for "${variant}" on it. Leave VariantName out; the monitor reads each variant's series`
          : `metric "${metric}" reads VariantName "${variant}", but the endpoint's only variant is "${names[0]}"`;
      out.push(error(m.file, "metric-dimensions", `${at}/VariantName`, message));
    }
  }
  return out;
};

/**
 * A policy check no model under the policy can run (a metric it reads is monitored by none of them),
 * and a monitored model no check applies to: each is a warning at its line, with the likely typo, so a
 * misspelt metric name never switches monitoring off silently (the monitor reports both as no-data).
 */
export const checksReachModels: Rule = ({ state }) => [
  ...unusedChecks(state.models, state.policies).map((u) => warning(u.policy.file, "check-never-runs", `/monitoring/checks/${u.index}`, unusedCheckMessage(u))),
  ...uncheckedModels(state.models, state.policies).map((u) => warning(u.model.file, "model-not-checked", "/monitoring/metrics", `${u.model.name} ${uncheckedModelMessage(u)}`)),
];

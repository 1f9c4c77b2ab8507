import { findVersion } from "../../types.js";
import type { PendingFinding } from "../check-file.js";
import { error, type Rule } from "./context.js";

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

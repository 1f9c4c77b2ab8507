import { findVersion } from "../../types.js";
import type { PendingFinding } from "../check-file.js";
import { error, type Rule } from "./context.js";

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
    if (as && (sm.instanceCount < as.min || sm.instanceCount > as.max)) {
      out.push(error(m.file, "capacity", `${base}/instanceCount`, `instanceCount ${sm.instanceCount} is outside the autoscaling bounds ${as.min}..${as.max}`));
    }
    for (const variant of stage?.variants ?? []) {
      const v = findVersion(state, m.name, variant.version);
      if (v && !v.image) out.push(error(v.file, "missing-image", "", `version "${v.version}" serves on SageMaker endpoint "${sm.endpoint}" but has no image`));
    }
  }
  return out;
};

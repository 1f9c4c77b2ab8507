import { findVersion } from "../../types.js";
import type { PendingFinding } from "../check-file.js";
import { error, warning, type Rule } from "./context.js";

/** Every stage points at an existing, non-archived version; a split's weights sum to 100, each version once. */
export const stagesPointAtVersions: Rule = ({ state, invalidFiles, unread }) => {
  const out: PendingFinding[] = [];
  const versionFiles = new Set(state.versions.map((v) => v.file));
  for (const m of state.models) {
    if (m.dir !== `models/${m.name}`) continue; // the name mismatch is the finding; lookups by name would only add noise
    for (const [stage, a] of Object.entries(m.stages)) {
      const split = a.variants.length > 1;
      const seen = new Set<string>();
      a.variants.forEach((variant, i) => {
        const at = split ? `/stages/${stage}/split/${i}/version` : `/stages/${stage}`;
        const v = findVersion(state, m.name, variant.version);
        const file = `${m.dir}/versions/${variant.version}.yaml`;
        if (!v && unread?.has(file)) return; // exists, out of scope: nothing to say about it here
        if (seen.has(variant.version)) out.push(error(m.file, "duplicate-variant", at, `stage "${stage}" lists version "${variant.version}" twice`));
        seen.add(variant.version);
        if (!v) {
          if (invalidFiles.has(file) || versionFiles.has(file)) out.push(error(m.file, "invalid-version", at, `stage "${stage}" points at version "${variant.version}", whose file ${file} is invalid (see its errors)`));
          else out.push(error(m.file, "dangling-stage", at, `stage "${stage}" points at version "${variant.version}", but ${file} does not exist`));
        } else if (v.archived) {
          out.push(error(m.file, "archived-version", at, `stage "${stage}" points at version "${variant.version}", which is archived`));
        }
      });
      const total = a.variants.reduce((s, v) => s + v.weight, 0);
      if (split && total !== 100) out.push(error(m.file, "split-weights", `/stages/${stage}/split`, `the weights of stage "${stage}" sum to ${total}, not 100`));
    }
  }
  return out;
};

/** The model's policy exists, and every stage the model uses is in that policy's promotion order. */
export const policyReferences: Rule = ({ state, invalidFiles }) => {
  const out: PendingFinding[] = [];
  for (const m of state.models) {
    const policy = state.policies.find((p) => p.name === m.policy);
    if (!policy) {
      const file = `policies/${m.policy}.yaml`;
      const known = state.policies.map((p) => p.name).join(", ") || "none";
      out.push(
        invalidFiles.has(file)
          ? error(m.file, "invalid-policy", "/policy", `policy "${m.policy}" is invalid (see the errors in ${file})`)
          : error(m.file, "missing-policy", "/policy", `policy "${m.policy}" does not exist (no ${file}; known policies: ${known})`),
      );
      continue;
    }
    for (const stage of Object.keys(m.stages)) {
      if (!policy.promotion.order.includes(stage)) {
        out.push(error(m.file, "unknown-stage", `/stages/${stage}`, `stage "${stage}" is not in policy "${policy.name}"'s promotion order (${policy.promotion.order.join(" -> ")})`));
      }
    }
  }
  return out;
};

/** A policy's gates are for stages of its own order. */
export const gatesInOrder: Rule = ({ state }) =>
  state.policies.flatMap((p) =>
    Object.keys(p.promotion.gates)
      .filter((s) => !p.promotion.order.includes(s))
      .map((s) => error(p.file, "unknown-stage", `/promotion/gates/${s}`, `gate for stage "${s}", which is not in the promotion order (${p.promotion.order.join(" -> ")})`)),
  );

/** A version's lineage parent exists (a warning: history may predate the repository). */
export const lineageParents: Rule = ({ state }) =>
  state.versions
    .filter((v) => v.lineage.parent && !findVersion(state, v.model, v.lineage.parent))
    .map((v) => warning(v.file, "unknown-parent", "/lineage/parent", `parent version "${v.lineage.parent}" has no file in models/${v.model}/versions/`));

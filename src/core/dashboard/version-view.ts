import type { ModelSpec, ModelVersionSpec, PolicySpec } from "../types.js";
import { outside } from "./chart-view.js";
import { compareVersions } from "./version-order.js";
import type { VersionView } from "./types.js";

/** Where a version serves now: `production`, or `production 80 %` in a weighted split. */
export function servedIn(model: ModelSpec, version: string): string[] {
  const out: string[] = [];
  for (const stage of Object.keys(model.stages).sort()) {
    const variants = model.stages[stage]!.variants;
    const v = variants.find((x) => x.version === version);
    if (v) out.push(variants.length === 1 ? stage : `${stage} ${v.weight} %`);
  }
  return out;
}

/**
 * The versions of a model, newest first (natural version order), each metric beside the promotion
 * gates of `policy` that bound it: one result per gated stage, pass undefined when the version lacks
 * the metric. Metrics are the union of the version's own and the gated ones, sorted by name.
 */
export function versionViews(model: ModelSpec, versions: ModelVersionSpec[], policy: PolicySpec | undefined): VersionView[] {
  const gates = Object.entries(policy?.promotion.gates ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const gated = new Set(gates.flatMap(([, g]) => Object.keys(g.metrics)));
  return [...versions]
    .sort((a, b) => compareVersions(b.version, a.version))
    .map((v) => {
      const names = [...new Set([...Object.keys(v.metrics), ...gated])].sort();
      return {
        version: v.version,
        archived: v.archived,
        ...(v.createdAt ? { createdAt: v.createdAt } : {}),
        ...(v.notes ? { notes: v.notes } : {}),
        servedIn: servedIn(model, v.version),
        metrics: names.map((name) => {
          const value = v.metrics[name];
          return {
            name,
            ...(value !== undefined ? { value } : {}),
            gates: gates
              .filter(([, g]) => g.metrics[name])
              .map(([stage, g]) => ({ stage, bound: g.metrics[name]!, ...(value !== undefined ? { pass: !outside(value, g.metrics[name]!) } : {}) })),
          };
        }),
      };
    });
}

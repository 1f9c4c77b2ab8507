/** Building blocks of MLflow plan steps: the step shape, tag comparison, and per-version updates. Pure. */
import type { DesiredMlflowVersion } from "./mlflow-desired.js";
import { TAG } from "./mlflow-tags.js";
import type { LiveModelVersion } from "./registry-state.js";
import type { PlanStep } from "./types.js";

type Change = NonNullable<PlanStep["changes"]>[number];

/** One MLflow plan step; `changes` is left out when empty. */
export const mlflowStep = (action: string, resource: string, summary: string, params: Record<string, unknown>, changes?: Change[]): PlanStep => ({
  target: "mlflow",
  action,
  resource,
  summary,
  ...(changes && changes.length ? { changes } : {}),
  params,
});

/** Tags, updates and split-tag removals that bring matched version `live` to `want`; [] when it matches. */
export function versionUpdates(name: string, want: DesiredMlflowVersion, live: LiveModelVersion): PlanStep[] {
  const steps: PlanStep[] = [];
  const resource = `models:/${name}/${live.version}`;
  const ref = { name, version: live.version, stewardVersion: want.stewardVersion };
  const missing = Object.keys(want.tagsIfMissing).filter((k) => live.tags[k] === undefined);
  const desired = { ...want.tags, ...pick(want.tagsIfMissing, missing) };
  const changed = changedTags(live.tags, desired);
  if (changed.length) {
    steps.push(mlflowStep("set-model-version-tags", resource, `set ${changed.length} tag(s) on ${want.stewardVersion} (MLflow version ${live.version})`, { ...ref, tags: pick(desired, changed) }, changed.map((k) => ({ field: `tag ${k}`, from: live.tags[k], to: desired[k] }))));
  }
  const stale = Object.keys(live.tags).filter((k) => k.startsWith(TAG.trafficPrefix) && want.tags[k] === undefined).sort();
  if (stale.length) {
    steps.push(mlflowStep("delete-model-version-tags", resource, `remove ended split tag(s) from ${want.stewardVersion}`, { ...ref, keys: stale }, stale.map((k) => ({ field: `tag ${k}`, from: live.tags[k] }))));
  }
  if (want.description !== undefined && want.description !== live.description) {
    steps.push(mlflowStep("update-model-version", resource, `update description of ${want.stewardVersion}`, { ...ref, description: want.description }, [{ field: "description", from: live.description, to: want.description }]));
  }
  return steps;
}

/** Keys of `want` whose value differs in `live`, sorted. */
export function changedTags(live: Record<string, string>, want: Record<string, string>): string[] {
  return Object.keys(want)
    .filter((k) => live[k] !== want[k])
    .sort();
}

export function pick(tags: Record<string, string>, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, tags[k] ?? ""]));
}

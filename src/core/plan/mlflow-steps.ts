/** Building blocks of MLflow plan steps: the step shape, tag comparison, and per-version updates. Pure. */
import type { DesiredMlflowVersion } from "./mlflow-desired.js";
import { isStewardTag, TAG } from "./mlflow-tags.js";
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

/** The same step, marked as bookkeeping: it writes only steward's own `steward.*` tags. */
export const bookkeeping = (s: PlanStep): PlanStep => ({ ...s, bookkeeping: true });

/**
 * The tag-setting steps for `changed` keys: one for the repository's tags (a change people see),
 * one for steward's own (bookkeeping), each only when it has keys. `what` names the resource.
 */
export function tagSteps(action: string, resource: string, what: string, params: Record<string, unknown>, live: Record<string, string>, want: Record<string, string>, changed: string[]): PlanStep[] {
  const one = (keys: string[], summary: string) => mlflowStep(action, resource, summary, { ...params, tags: pick(want, keys) }, keys.map((k) => ({ field: `tag ${k}`, from: live[k], to: want[k] })));
  const user = changed.filter((k) => !isStewardTag(k));
  const own = changed.filter(isStewardTag);
  return [
    ...(user.length ? [one(user, `set ${user.length} tag(s) on ${what}`)] : []),
    ...(own.length ? [bookkeeping(one(own, `record steward's ${own.length} tag(s) on ${what}`))] : []),
  ];
}

/** Tags, updates and split-tag removals that bring matched version `live` to `want`; [] when it matches. */
export function versionUpdates(name: string, want: DesiredMlflowVersion, live: LiveModelVersion): PlanStep[] {
  const steps: PlanStep[] = [];
  const resource = `models:/${name}/${live.version}`;
  const ref = { name, version: live.version, stewardVersion: want.stewardVersion };
  const missing = Object.keys(want.tagsIfMissing).filter((k) => live.tags[k] === undefined);
  const desired = { ...want.tags, ...pick(want.tagsIfMissing, missing) };
  steps.push(...tagSteps("set-model-version-tags", resource, `${name} ${want.stewardVersion} (MLflow version ${live.version})`, ref, live.tags, desired, changedTags(live.tags, desired)));
  const stale = Object.keys(live.tags).filter((k) => k.startsWith(TAG.trafficPrefix) && want.tags[k] === undefined).sort();
  if (stale.length) {
    steps.push(bookkeeping(mlflowStep("delete-model-version-tags", resource, `remove ended split tag(s) from ${want.stewardVersion}`, { ...ref, keys: stale }, stale.map((k) => ({ field: `tag ${k}`, from: live.tags[k] })))));
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

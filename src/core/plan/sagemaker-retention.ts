/**
 * Which superseded models and endpoint configs are kept and which are only listed for clean-up.
 * Nothing here deletes: the plan lists candidates, a person removes them.
 */
import { HASH_LENGTH, sanitizeName } from "./sagemaker-names.js";
import type { OwnedResource } from "./sagemaker-types.js";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** True when `name` is an endpoint config model-steward made for `endpoint` (`<endpoint>-<hash>`). */
export function isOwnedConfigName(endpoint: string, name: string): boolean {
  return new RegExp(`^${escape(sanitizeName(endpoint))}-[0-9a-f]{${HASH_LENGTH}}$`).test(name);
}

/** True when `name` is a SageMaker Model model-steward made for a version of `model`. */
export function isOwnedModelName(model: string, name: string): boolean {
  return new RegExp(`^${escape(sanitizeName(model))}-v[a-zA-Z0-9-]*-[0-9a-f]{${HASH_LENGTH}}$`).test(name);
}

export interface Retention {
  /** Superseded resources kept (newest first): the first is the one a rollback re-uses. */
  kept: string[];
  /** Superseded beyond `retain`, oldest last: listed in the plan, never deleted by apply. */
  candidates: string[];
}

/**
 * Splits `owned` minus `protectedNames` (in service, pending, desired) into the `retain` newest
 * and the rest. Resources without a creation time count as oldest; ties break by name.
 */
export function retention(owned: OwnedResource[], protectedNames: Iterable<string>, retain: number): Retention {
  const keep = new Set(protectedNames);
  const superseded = owned
    .filter((r) => !keep.has(r.name))
    .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0) || a.name.localeCompare(b.name));
  const n = Math.max(0, retain);
  return { kept: superseded.slice(0, n).map((r) => r.name), candidates: superseded.slice(n).map((r) => r.name) };
}

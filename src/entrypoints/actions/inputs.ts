import * as core from "@actions/core";
import { UserError } from "../../core/errors.js";

/** An input, with "" read as not set (defaults live in action.yml only). */
export function optionalInput(name: string): string | undefined {
  const v = core.getInput(name).trim();
  return v === "" ? undefined : v;
}

export function booleanInput(name: string, fallback = false): boolean {
  const v = optionalInput(name);
  if (v === undefined) return fallback;
  if (/^(true|yes|1)$/i.test(v)) return true;
  if (/^(false|no|0)$/i.test(v)) return false;
  throw new UserError(`input ${name} must be true or false, not "${v}"`);
}

export function listInput(name: string): string[] {
  return (optionalInput(name) ?? "").split(/[\s,]+/).filter(Boolean);
}

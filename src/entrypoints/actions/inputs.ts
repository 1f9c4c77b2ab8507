import { UserError } from "../../core/errors.js";

/**
 * An input as the runner passes it: INPUT_<NAME> (spaces as underscores, upper case), trimmed, ""
 * when unset, as @actions/core's getInput reads it (read here so a run need not load that package,
 * whose OIDC client pulls in undici, to read its first input).
 */
export function getInput(name: string, env: Record<string, string | undefined> = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}

/** An input, with "" read as not set (defaults live in action.yml only). */
export function optionalInput(name: string): string | undefined {
  const v = getInput(name);
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

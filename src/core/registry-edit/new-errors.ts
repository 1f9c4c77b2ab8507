import type { Finding } from "../result.js";

/**
 * The error findings of `after` that `before` did not have (same file, path, code and message):
 * what a change would break. Pre-existing problems elsewhere in the repository do not block it.
 */
export function newErrors(before: readonly Finding[], after: readonly Finding[]): Finding[] {
  const key = (f: Finding) => `${f.file}\u0000${f.path}\u0000${f.code}\u0000${f.message}`;
  const had = new Set(before.filter((f) => f.severity === "error").map(key));
  return after.filter((f) => f.severity === "error" && !had.has(key(f)));
}

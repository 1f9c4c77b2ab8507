/**
 * The label `steward register` gives a new version when none is asked for: "1" for a model without
 * versions, the largest existing label plus one when every label is a decimal integer, and
 * undefined otherwise (semantic or date labels: the person chooses with --version).
 */
export function nextVersionLabel(existing: readonly string[]): string | undefined {
  if (existing.length === 0) return "1";
  if (!existing.every((v) => /^(0|[1-9][0-9]{0,14})$/.test(v))) return undefined;
  return String(Math.max(...existing.map(Number)) + 1);
}

/** A version label as the schema allows it (and as a file name it is safe: no slashes, no dots first). */
export function isVersionLabel(label: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(label);
}

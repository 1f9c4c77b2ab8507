/**
 * Where `actual` does not have the JSON shape of `recorded`: a key the recording has is missing, or a value
 * has another type. A recorded null matches anything (the field is nullable); arrays compare their first
 * elements. Values are not compared. Returns paths such as "$[0].user.login: missing".
 */
export function shapeDifferences(recorded: unknown, actual: unknown, path = "$"): string[] {
  if (recorded === null || recorded === undefined) return [];
  const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
  if (kind(actual) !== kind(recorded)) return [`${path}: ${kind(recorded)} recorded, ${kind(actual)} served`];
  if (Array.isArray(recorded)) {
    const served = actual as unknown[];
    return recorded.length > 0 && served.length > 0 ? shapeDifferences(recorded[0], served[0], `${path}[0]`) : [];
  }
  if (typeof recorded !== "object") return [];
  const served = actual as Record<string, unknown>;
  return Object.entries(recorded as Record<string, unknown>).flatMap(([key, value]) =>
    key in served ? shapeDifferences(value, served[key], `${path}.${key}`) : [`${path}.${key}: missing`],
  );
}

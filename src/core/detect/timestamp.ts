/**
 * Timestamps of `steward detect` input: NAB's `YYYY-MM-DD HH:MM:SS` (UTC), ISO 8601 (with `T`,
 * optional fraction and zone; no zone means UTC), or epoch numbers (seconds below 1e11, else
 * milliseconds). A surrounding pair of double quotes is ignored.
 */

/** Epoch ms for a timestamp cell, or NaN when it is none of the accepted forms. */
export function parseTimestamp(cell: string): number {
  const s = cell.trim().replace(/^"|"$/g, "");
  if (s === "") return NaN;
  const c0 = s.charCodeAt(0);
  if ((c0 >= 48 && c0 <= 57) || c0 === 45) {
    if (s.length >= 10 && s[4] === "-" && s[7] === "-") {
      const iso = s.length > 10 && s[10] === " " ? `${s.slice(0, 10)}T${s.slice(11)}` : s;
      const zoned = /[zZ]$|[+-]\d\d:?\d\d$/.test(iso) || iso.length === 10 ? iso : `${iso}Z`;
      return Date.parse(zoned.length === 10 ? `${zoned}T00:00:00Z` : zoned);
    }
    const n = Number(s);
    if (Number.isFinite(n)) return Math.abs(n) < 1e11 ? n * 1000 : n;
  }
  return NaN;
}

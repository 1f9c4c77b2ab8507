/** Formatting of numbers and times for the dashboard: fixed, locale-free, so output is deterministic. */

/** A metric value: up to 4 significant digits, exponent form for very large or small magnitudes. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const abs = Math.abs(v);
  if (abs >= 1e6 || abs < 1e-3) return v.toExponential(2);
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(4)));
}

/** `2026-11-25 23:50 UTC` for epoch milliseconds or an ISO string. */
export function formatTime(t: number | string | Date): string {
  const d = new Date(typeof t === "string" ? Date.parse(t) : +t);
  if (Number.isNaN(+d)) return String(t);
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** `2026-11-25` for epoch milliseconds. */
export function formatDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** A bound as a person reads it: `≥ 0.9`, `≤ 250000`, `0.1 – 0.2`, or "" when there is none. */
export function formatBound(b: { min?: number; max?: number } | undefined): string {
  if (!b) return "";
  if (b.min !== undefined && b.max !== undefined) return `${formatValue(b.min)} – ${formatValue(b.max)}`;
  if (b.min !== undefined) return `≥ ${formatValue(b.min)}`;
  if (b.max !== undefined) return `≤ ${formatValue(b.max)}`;
  return "";
}

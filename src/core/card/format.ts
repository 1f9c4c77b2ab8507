import type { StageVariant } from "../types.js";

/** A number as the YAML would write it, without float noise (12 significant digits at most). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(12)));
}

/** A signed difference: "+0.006", "-1.2", "0". */
export function formatDelta(n: number): string {
  const s = formatNumber(n);
  return n > 0 ? `+${s}` : s;
}

/** Bytes in decimal units with one decimal: "48.2 MB", "880.2 MB", "5.4 GB", "512 B". */
export function formatBytes(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB", "PB"];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return i === 0 ? `${bytes} B` : `${v.toFixed(1)} ${units[i]}`;
}

/** A date as "2026-11-26 03:18 UTC" (minutes; the card never shows local time). */
export function formatDate(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** A stage's variants in words: "7", "2026.10 (80%) + 2026.11 (20%)", or "—" when unset. */
export function formatVariants(variants: StageVariant[]): string {
  if (variants.length === 0) return "—";
  if (variants.length === 1 && variants[0]!.weight === 100) return variants[0]!.version;
  return variants.map((v) => `${v.version} (${v.weight}%)`).join(" + ");
}

/** Orders version strings by their numeric and text segments: 2 < 10, 1.2.0 < 1.10.0, 2026.09 < 2026.10. */
export function compareVersions(a: string, b: string): number {
  const seg = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const x = seg(a);
  const y = seg(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    const np = /^\d/.test(p);
    const nq = /^\d/.test(q);
    if (np && nq && Number(p) !== Number(q)) return Number(p) - Number(q);
    if (p !== q) return np !== nq ? (np ? -1 : 1) : p < q ? -1 : 1;
  }
  return x.length - y.length || (a < b ? -1 : a > b ? 1 : 0);
}

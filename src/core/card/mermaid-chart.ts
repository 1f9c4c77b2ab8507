import type { ModelVersionSpec } from "../types.js";
import { formatNumber } from "./format.js";

/**
 * A Mermaid `xychart-beta` block (fenced, ready for Markdown) of `metric` across `versions` (in the
 * given order), or undefined when fewer than two versions report it. Labels are reduced to safe
 * characters, so YAML text can neither end the quoted string nor the fence.
 */
export function metricChart(metric: string, versions: ModelVersionSpec[]): string | undefined {
  const points = versions.filter((v) => v.metrics[metric] !== undefined).map((v) => ({ label: v.version, value: v.metrics[metric]! }));
  if (points.length < 2) return undefined;
  const values = points.map((p) => p.value);
  const [lo, hi] = axisRange(Math.min(...values), Math.max(...values));
  const name = label(metric);
  return [
    "```mermaid",
    "xychart-beta",
    `    title "${name} by version"`,
    `    x-axis [${points.map((p) => `"${label(p.label)}"`).join(", ")}]`,
    `    y-axis "${name}" ${formatNumber(lo)} --> ${formatNumber(hi)}`,
    `    line [${values.map(formatNumber).join(", ")}]`,
    "```",
  ].join("\n");
}

function label(s: string): string {
  return s.replace(/[^\w .:/+-]/g, "_").slice(0, 60);
}

/** A range around [min, max] padded by 10% of the spread (or of the value, when flat), rounded outward. */
function axisRange(min: number, max: number): [number, number] {
  const spread = max - min || Math.abs(max) || 1;
  const pad = spread * 0.1;
  const step = 10 ** Math.floor(Math.log10(pad));
  const lo = Math.floor((min - pad) / step) * step;
  const hi = Math.ceil((max + pad) / step) * step;
  return [Number(lo.toPrecision(12)), Number(hi.toPrecision(12))];
}

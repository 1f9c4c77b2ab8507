/**
 * Reference statistics of a metric over a healthy period (`steward baseline`): the numbers, the
 * model.yaml edit that records them under monitoring.metrics.<metric>.reference (every other byte
 * kept), and the before/after table of the pull request. Pure: the points and times are given.
 */
import { isMap, isPair, isScalar, type Node, type Pair, type YAMLMap } from "yaml";
import { UserError } from "../errors.js";
import { mdTable } from "../report/markdown.js";
import { column, parseForEdit, verifyEdit } from "../text/yaml-edit.js";
import type { ReferenceStats } from "../types.js";

/** At least this many datapoints make a reference; fewer is no statistic worth keeping. */
export const MIN_REFERENCE_POINTS = 12;

/** Six significant digits: the YAML stays readable, the statistics lose nothing that matters. */
export function roundStat(v: number): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  return Number(v.toPrecision(6));
}

/** The q-quantile (0..1) of sorted values, linear between closest ranks (numpy's default, R type 7). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** "14d", "3d12h", "1h30m": seconds as a duration the schema accepts (largest units, at most two). */
export function compactDuration(seconds: number): string {
  const units: [string, number][] = [["d", 86400], ["h", 3600], ["m", 60], ["s", 1]];
  let rest = Math.max(1, Math.round(seconds));
  const parts: string[] = [];
  for (const [u, n] of units) {
    if (rest >= n && parts.length < 2) {
      parts.push(`${Math.floor(rest / n)}${u}`);
      rest %= n;
    } else if (parts.length) break;
  }
  return parts.join("") || "0s";
}

/**
 * The reference statistics of `values` (the datapoints of the healthy period, any order; non-finite
 * ones ignored), or a reason why there are none (too few points).
 */
export function computeReference(values: readonly number[], period: { since: Date; until: Date; computedAt: Date }): { ok: true; stats: ReferenceStats } | { ok: false; reason: string } {
  const xs = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (xs.length < MIN_REFERENCE_POINTS) return { ok: false, reason: `${xs.length} datapoint${xs.length === 1 ? "" : "s"} in the period; at least ${MIN_REFERENCE_POINTS} are needed` };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return {
    ok: true,
    stats: {
      mean: roundStat(mean),
      std: roundStat(Math.sqrt(variance)),
      p50: roundStat(quantile(xs, 0.5)),
      p95: roundStat(quantile(xs, 0.95)),
      window: compactDuration((+period.until - +period.since) / 1000),
      since: period.since.toISOString(),
      until: period.until.toISOString(),
      points: xs.length,
      computedAt: period.computedAt.toISOString(),
    },
  };
}

const ORDER: readonly (keyof ReferenceStats)[] = ["mean", "std", "p50", "p95", "window", "since", "until", "points", "computedAt"];

/** The reference as a one-line flow map, in the schema's order; strings quoted. */
export function referenceFlow(r: ReferenceStats): string {
  const parts = ORDER.filter((k) => r[k] !== undefined).map((k) => `${k}: ${typeof r[k] === "string" ? JSON.stringify(r[k]) : String(r[k])}`);
  return `{ ${parts.join(", ")} }`;
}

const asPlain = (r: ReferenceStats) => Object.fromEntries(ORDER.filter((k) => r[k] !== undefined).map((k) => [k, r[k]]));

/**
 * model.yaml with monitoring.metrics.<metric>.reference set to each of `refs`, every other byte kept:
 * an existing reference is replaced where it is, a new one is added after the metric's last field
 * (inside a flow map `{ ... }`, or as a line of a block map). Throws UserError when the file does not
 * parse, a metric is not there, or the edit would change anything else.
 */
export function editReferences(text: string, refs: Readonly<Record<string, ReferenceStats>>): string {
  const doc = parseForEdit(text, "model file");
  const splices: { start: number; end: number; text: string }[] = [];
  for (const [metric, ref] of Object.entries(refs)) {
    const node = doc.getIn(["monitoring", "metrics", metric], true) as Node | undefined;
    if (!isMap(node)) throw new UserError(`cannot edit model file: monitoring.metrics.${metric} is not a map`);
    const flow = referenceFlow(ref);
    const existing = (node as YAMLMap).items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === "reference") as Pair<Node, Node> | undefined;
    if (existing?.value?.range) {
      let end = existing.value.range[1];
      while (end > existing.value.range[0] && /\s/.test(text[end - 1]!)) end--;
      splices.push({ start: existing.value.range[0], end, text: flow });
      continue;
    }
    const last = (node as YAMLMap).items.at(-1) as Pair<Node, Node> | undefined;
    const lastEnd = (last?.value?.range ?? (last?.key as Node | undefined)?.range)?.[1];
    if (lastEnd === undefined) throw new UserError(`cannot edit model file: monitoring.metrics.${metric} is empty`);
    if ((node as YAMLMap).flow) {
      let end = lastEnd;
      while (/\s/.test(text[end - 1]!)) end--;
      splices.push({ start: end, end, text: `, reference: ${flow}` });
    } else {
      const firstKey = ((node as YAMLMap).items[0] as Pair<Node, Node>).key as Node;
      const col = column(text, firstKey.range![0]);
      const nl = text.indexOf("\n", lastEnd);
      const line = `${" ".repeat(col)}reference: ${flow}`;
      splices.push(nl < 0 ? { start: text.length, end: text.length, text: `\n${line}` } : { start: nl + 1, end: nl + 1, text: `${line}\n` });
    }
  }
  let out = text;
  for (const s of splices.sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  verifyEdit(text, out, Object.entries(refs).map(([metric, ref]) => ({ path: ["monitoring", "metrics", metric, "reference"], value: asPlain(ref) })), "model file");
  return out;
}

/** The before/after of each metric's reference as a Markdown table (metric, statistic, before, after); mdTable escapes every cell. */
export function referenceTable(rows: readonly { metric: string; before?: ReferenceStats; after: ReferenceStats }[]): string {
  const stats: (keyof ReferenceStats)[] = ["mean", "std", "p50", "p95", "points", "window"];
  return mdTable(
    ["metric", "statistic", "before", "after"],
    rows.flatMap((r) => stats.map((k) => [r.metric, k, r.before?.[k] === undefined ? "—" : String(r.before[k]), r.after[k] === undefined ? "—" : String(r.after[k])])),
  );
}

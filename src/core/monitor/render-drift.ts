import { mdTable, mdText } from "./markdown.js";
import { formatValue } from "./render-chart.js";
import type { DriftEvidence } from "./types.js";

const num = (v: number | undefined) => (v === undefined ? "" : formatValue(v));

/** The per-column table of a drift finding: column, test, statistic, p-value, threshold, verdict. */
export function driftTable(d: DriftEvidence): string {
  return [
    `Baseline \`${mdText(d.baseline)}\`; drifted: ${d.drifted.length ? d.drifted.map(mdText).join(", ") : "none"}.`,
    "",
    mdTable(
      ["column", "test", "statistic", "p-value", "threshold", "verdict"],
      d.rows.map((r) => [mdText(r.column), r.test ? mdText(r.test) : "", num(r.statistic), num(r.pValue), num(r.threshold), r.verdict === "drift" ? "**drift**" : r.verdict === "skipped" ? `skipped: ${mdText(r.note ?? "")}` : "ok"]),
    ),
  ].join("\n");
}

import type { GateResult } from "../policy/evaluate-gates.js";
import { formatFinding, type Finding } from "../result.js";
import { mdCell, mdTable } from "./markdown.js";
import { code, mdText } from "../text/markdown.js";

/** What `steward validate` reports; the JSON form is this object with `schema: "steward.validate/v1"`. */
export interface ValidateSummary {
  fileCount: number;
  findings: Finding[];
  /** Problems of files the change does not touch (--changed-only); not counted. */
  notes?: Finding[];
  gates: GateResult[];
  remote?: { checked: number; found: { dvc3: number; dvc2: number }; missing: unknown[] };
  errorCount: number;
  warningCount: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Plain text for a terminal: findings grouped by file, then gates, then a one-line verdict. */
export function renderValidateText(r: ValidateSummary): string {
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of r.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, fs] of byFile) {
    lines.push(file);
    for (const f of fs) lines.push(`  ${`${f.line ?? "-"}:${f.column ?? "-"}`.padEnd(8)} ${f.severity.padEnd(7)} ${f.message}  [${f.code}]`);
    lines.push("");
  }
  if (r.gates.length) {
    lines.push("Promotion gates");
    for (const g of r.gates) {
      lines.push(`  ${g.ok ? "pass" : "FAIL"}  ${g.promotion.model} ${g.promotion.version} -> ${g.promotion.stage} (policy ${g.policy})`);
      for (const c of g.checks) lines.push(`        ${c.ok ? "ok  " : "fail"}  ${c.message}`);
    }
    lines.push("");
  }
  if (r.notes?.length) {
    lines.push(`Notes: ${plural(r.notes.length, "problem")} in files this change does not touch (there before it; not counted)`);
    for (const f of r.notes) lines.push(`  ${formatFinding(f)}  [${f.code}]`);
    lines.push("");
  }
  if (r.remote) lines.push(`DVC remote: ${r.remote.checked} objects checked, ${r.remote.found.dvc3} in DVC 3 layout, ${r.remote.found.dvc2} in DVC 2 layout, ${r.remote.missing.length} missing`, "");
  const verdict = r.errorCount === 0 ? "ok" : "invalid";
  lines.push(`${verdict}: ${plural(r.errorCount, "error")}, ${plural(r.warningCount, "warning")} in ${plural(r.fileCount, "file")}`);
  return lines.join("\n") + "\n";
}

/** The stable JSON document (documented in docs/validate.md). */
export function toValidateJson(r: ValidateSummary): object {
  return {
    schema: "steward.validate/v1",
    ok: r.errorCount === 0,
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    fileCount: r.fileCount,
    findings: r.findings.map((f) => ({ file: f.file, line: f.line ?? null, column: f.column ?? null, path: f.path, code: f.code, severity: f.severity, message: f.message })),
    notes: (r.notes ?? []).map((f) => ({ file: f.file, line: f.line ?? null, column: f.column ?? null, path: f.path, code: f.code, severity: f.severity, message: f.message })),
    gates: r.gates.map((g) => ({ model: g.promotion.model, version: g.promotion.version, stage: g.promotion.stage, policy: g.policy, ok: g.ok, checks: g.checks })),
    ...(r.remote ? { remote: r.remote } : {}),
  };
}

/** The job summary: a verdict, every problem in one table (annotations show only ten), and the gates. */
export function renderValidateSummary(r: ValidateSummary): string {
  const out = [`## steward validate: ${r.errorCount === 0 ? "✅ valid" : "❌ invalid"}`, "", `${plural(r.errorCount, "error")}, ${plural(r.warningCount, "warning")} in ${plural(r.fileCount, "file")}.`, ""];
  if (r.findings.length) {
    out.push(mdTable(["", "file", "line", "problem", "code"], r.findings.map((f) => [f.severity === "error" ? "❌" : "⚠️", f.file, String(f.line ?? ""), f.message, f.code])), "");
  }
  if (r.notes?.length) {
    out.push(`<details><summary>${plural(r.notes.length, "note")}: problems in files this change does not touch (there before it; not counted)</summary>`, "");
    out.push(mdTable(["file", "line", "problem", "code"], r.notes.map((f) => [f.file, String(f.line ?? ""), f.message, f.code])), "", "</details>", "");
  }
  if (r.gates.length) out.push(renderStageChanges(r.gates));
  return out.join("\n");
}

/**
 * Per model, each stage change (the versions it replaces -> the new one) with the gates' verdicts,
 * one row per gate. Names and messages are escaped (they come from the YAML).
 */
export function renderStageChanges(gates: GateResult[]): string {
  const out = ["### Stage changes and promotion gates", ""];
  const byModel = new Map<string, GateResult[]>();
  for (const g of gates) byModel.set(g.promotion.model, [...(byModel.get(g.promotion.model) ?? []), g]);
  for (const [model, results] of byModel) {
    out.push(`#### ${code(model)}`, "");
    for (const g of results) {
      const from = g.promotion.replacing.length ? g.promotion.replacing.map(code).join(", ") : "nothing";
      out.push(`${g.ok ? "✅" : "❌"} **${mdText(g.promotion.stage)}**: ${from} → ${code(g.promotion.version)} (policy ${code(g.policy)}): ${g.ok ? "the gates pass" : `${plural(g.checks.filter((c) => !c.ok).length, "gate")} failed`}`, "");
      if (g.checks.length) out.push(mdTable(["", "gate", "verdict"], g.checks.map((c) => [c.ok ? "✅ pass" : "❌ fail", c.gate, c.message])), "");
      else out.push("_The policy sets no gate for this stage._", "");
    }
  }
  return out.join("\n");
}

export { formatFinding, mdCell };

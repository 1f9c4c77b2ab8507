import { mdCell } from "../text/markdown.js";
/**
 * How plans read for people: a diff-like text for terminals and logs, markdown for the pull-request
 * comment and job summary, and one stable JSON shape (docs/mlflow.md#json). Shared by every target. Pure.
 */
import { realChanges, type PlanEnvironment, type PlanStep, type StepOutcome, type Target, type TargetPlan } from "./types.js";

/** A target's plan with what happened to it; a bare TargetPlan reads as "planned". */
export interface TargetReport extends TargetPlan {
  /** planned: steps computed; applied: steps run (see outcomes); failed: a step or the read failed; skipped: not configured. */
  status?: "planned" | "applied" | "failed" | "skipped";
  /** Why a target was skipped or failed. */
  reason?: string;
  /** Per step, in order, after apply. */
  outcomes?: StepOutcome[];
}

const TITLES: Record<Target, string> = { mlflow: "MLflow", sagemaker: "SageMaker", cloudwatch: "CloudWatch dashboards" };

/** "+" creates, "-" removes, "~" changes in place. */
export function stepSymbol(action: string): "+" | "-" | "~" {
  if (/^(create|register|add|put)-/.test(action)) return "+";
  if (/^(delete|remove|deregister)-/.test(action)) return "-";
  return "~";
}

/**
 * A target's steps by environment (deployment.environments), as indices into `steps`: the steps that
 * land where the credentials point first (one group without `env`), then every environment of the
 * plan in order, those without changes too. A plan without environments is one group.
 */
export function stepGroups(r: TargetPlan): { env?: PlanEnvironment; indices: number[] }[] {
  const all = r.steps.map((_, i) => i);
  if (!r.environments?.length) return [{ indices: all }];
  const plain = all.filter((i) => !r.steps[i]!.environment);
  return [...(plain.length ? [{ indices: plain }] : []), ...r.environments.map((env) => ({ env, indices: all.filter((i) => r.steps[i]!.environment === env.name) }))];
}

/**
 * What steps amount to for a reader: "no changes", "2 changes", or with bookkeeping steps (steward's
 * own tags only) counted apart, "no changes, 3 bookkeeping steps (steward.* tags)".
 */
export function countSteps(steps: readonly PlanStep[]): string {
  const n = realChanges(steps).length;
  const book = steps.length - n;
  return (n === 0 ? "no changes" : `${n} change${n === 1 ? "" : "s"}`) + (book ? `, ${book} bookkeeping step${book === 1 ? "" : "s"} (steward.* tags)` : "");
}
const envHead = (env: PlanEnvironment, steps: PlanStep[]) => `environment ${env.name}: ${countSteps(steps)} in ${env.where ?? `AWS account ${env.account}, region ${env.region}`}`;
const marked = (s: PlanStep) => (s.bookkeeping ? " [bookkeeping]" : "");
const markedMd = (s: PlanStep) => (s.bookkeeping ? " *(bookkeeping)*" : "");

const envCount = (r: TargetPlan) => (r.environments?.length ? ` (${r.environments.length} environment${r.environments.length === 1 ? "" : "s"}: ${r.environments.map((e) => e.name).join(", ")})` : "");

const show = (v: unknown) => (v === undefined ? "(none)" : typeof v === "string" ? JSON.stringify(v.length > 120 ? `${v.slice(0, 117)}...` : v) : JSON.stringify(v));

/** The plan as text: one block per target, one line per step with its field changes indented below. */
export function renderPlanText(reports: TargetReport[]): string {
  const out: string[] = [];
  for (const r of reports) {
    const status = r.status ?? "planned";
    if (status === "skipped") {
      out.push(`${r.target}: skipped (${r.reason ?? "not configured"})`);
      continue;
    }
    const head = countSteps(r.steps) + (r.where ? ` in ${r.where}` : "") + envCount(r);
    if (status === "failed" && r.steps.length === 0) out.push(`${r.target}: FAILED${r.reason ? `: ${r.reason}` : ""}`);
    else out.push(`${r.target}: ${head}${status === "failed" ? ` -- FAILED${r.reason ? `: ${r.reason}` : ""}` : ""}`);
    for (const g of stepGroups(r)) {
      const indent = g.env ? "    " : "  ";
      if (g.env) out.push(`  ${envHead(g.env, g.indices.map((i) => r.steps[i]!))}`);
      for (const i of g.indices) {
        const s = r.steps[i]!;
        const outcome = r.outcomes?.[i];
        const mark = outcome ? ` [${outcome.status}${outcome.error ? `: ${outcome.error}` : ""}]` : "";
        out.push(`${indent}${stepSymbol(s.action)} ${s.resource}  ${s.summary}${marked(s)}${mark}`);
        for (const c of s.changes ?? []) {
          out.push(c.from === undefined && c.to !== undefined ? `${indent}    ${c.field}: ${show(c.to)}` : `${indent}    ${c.field}: ${show(c.from)} -> ${show(c.to)}`);
        }
      }
    }
    for (const e of r.errors ?? []) out.push(`  error: ${e}`);
    for (const n of r.notes) out.push(`  note: ${n}`);
  }
  return `${out.join("\n")}\n`;
}

/** Markdown-safe text: no HTML, tables or @mentions can be injected from names, notes or descriptions. */
export function mdText(s: string): string {
  return s.trim() === "" ? "" : mdCell(s);
}

/** Inline code, safe inside a table cell. */
export function mdCode(s: string): string {
  const clean = s.replace(/`/g, "'").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  return `\`${clean.length > 120 ? `${clean.slice(0, 117)}...` : clean}\``;
}

function changeCell(s: PlanStep): string {
  const cells = (s.changes ?? []).map((c) => (c.from === undefined ? `${mdText(c.field)}: ${mdCode(fmt(c.to))}` : `${mdText(c.field)}: ${mdCode(fmt(c.from))} → ${mdCode(fmt(c.to))}`));
  return cells.length ? cells.join("<br>") : mdText(s.summary);
}

const fmt = (v: unknown) => (v === undefined ? "(none)" : typeof v === "string" ? v : JSON.stringify(v));

/** The plan as markdown: a heading and a table per target, notes folded away. */
export function renderPlanMarkdown(reports: TargetReport[], opts: { title?: string } = {}): string {
  // The first line says a target failed (a job summary or PR comment is read from the top), as the text's does.
  const failed = reports.filter((r) => r.status === "failed").map((r) => TITLES[r.target] ?? r.target);
  const out: string[] = [`## ${mdText(opts.title ?? "Plan")}${failed.length ? `: FAILED for ${mdText(failed.join(", "))}` : ""}`, ""];
  for (const r of reports) {
    const status = r.status ?? "planned";
    const title = TITLES[r.target] ?? r.target;
    if (status === "skipped") {
      out.push(`### ${title}: skipped`, "", mdText(r.reason ?? "not configured"), "");
      continue;
    }
    const count = mdText(countSteps(r.steps)) + (r.where ? ` in ${mdText(r.where)}` : "") + (envCount(r) ? ` ${mdText(envCount(r).trim())}` : "");
    out.push(status === "failed" && r.steps.length === 0 ? `### ${title}: failed` : `### ${title}: ${count}${status === "failed" ? " (failed)" : ""}`, "");
    if (status === "failed" && r.reason) out.push(`> ${mdText(r.reason)}`, "");
    for (const g of stepGroups(r)) {
      if (g.env) out.push(`#### ${mdText(envHead(g.env, g.indices.map((i) => r.steps[i]!)))}`, "");
      if (!g.indices.length) continue;
      const withOutcome = r.outcomes !== undefined;
      out.push(withOutcome ? "| | action | resource | change | result |" : "| | action | resource | change |", withOutcome ? "|---|---|---|---|---|" : "|---|---|---|---|");
      for (const i of g.indices) {
        const s = r.steps[i]!;
        const row = `| ${stepSymbol(s.action)} | ${mdCode(s.action)}${markedMd(s)} | ${mdCode(s.resource)} | ${changeCell(s)} |`;
        const o = r.outcomes?.[i];
        out.push(withOutcome ? `${row} ${o ? mdText(o.status + (o.error ? `: ${o.error}` : "")) : ""} |` : row);
      }
      out.push("");
    }
    if (r.errors?.length) out.push(...r.errors.map((e) => `- **error:** ${mdText(e)}`), "");
    if (r.notes.length) {
      out.push(`<details><summary>${r.notes.length} note${r.notes.length === 1 ? "" : "s"}</summary>`, "", ...r.notes.map((n) => `- ${mdText(n)}`), "", "</details>", "");
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** The JSON document of `steward plan --format json` and `steward apply --format json` (shape: docs/mlflow.md). */
export function planJson(reports: TargetReport[], mode: "plan" | "apply" | "dry-run" = "plan") {
  const targets = reports.map((r) => ({
    target: r.target,
    status: r.status ?? "planned",
    ...(r.where ? { where: r.where } : {}),
    ...(r.environments?.length ? { environments: r.environments } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    steps: r.steps.map((s, i) => {
      const o = r.outcomes?.[i];
      return {
        action: s.action,
        resource: s.resource,
        ...(s.environment ? { environment: s.environment } : {}),
        summary: s.summary,
        ...(s.bookkeeping ? { bookkeeping: true } : {}),
        changes: s.changes ?? [],
        params: s.params,
        ...(o ? { outcome: { status: o.status, ...(o.result ? { result: o.result } : {}), ...(o.error ? { error: o.error } : {}) } } : {}),
      };
    }),
    notes: r.notes,
    ...(r.errors?.length ? { errors: r.errors } : {}),
  }));
  const outcomes = reports.flatMap((r) => r.outcomes ?? []);
  return {
    version: 1 as const,
    mode,
    targets,
    totals: {
      steps: reports.reduce((n, r) => n + r.steps.length, 0),
      /** Steps that change something; the others are bookkeeping (steward's own tags). */
      changes: reports.reduce((n, r) => n + realChanges(r.steps).length, 0),
      bookkeeping: reports.reduce((n, r) => n + r.steps.length - realChanges(r.steps).length, 0),
      done: outcomes.filter((o) => o.status === "done").length,
      failed: outcomes.filter((o) => o.status === "failed").length,
      skipped: outcomes.filter((o) => o.status === "skipped").length,
    },
  };
}

/**
 * The plan for the pull-request comment, per model: a heading per model and one table of its steps
 * in MLflow, SageMaker and CloudWatch; steps that belong to no single model come last. Targets that
 * were skipped or failed, errors and notes are listed under their target first.
 */
export function renderPlanByModel(reports: TargetReport[], opts: { title?: string } = {}): string {
  // The first line says a target failed (a job summary or PR comment is read from the top), as the text's does.
  const failed = reports.filter((r) => r.status === "failed").map((r) => TITLES[r.target] ?? r.target);
  const out: string[] = [`## ${mdText(opts.title ?? "Plan")}${failed.length ? `: FAILED for ${mdText(failed.join(", "))}` : ""}`, ""];
  const byModel = new Map<string, { target: Target; step: PlanStep }[]>();
  for (const r of reports) {
    const status = r.status ?? "planned";
    const title = TITLES[r.target] ?? r.target;
    const count = mdText(countSteps(r.steps));
    if (status === "skipped") out.push(`- **${title}**: skipped: ${mdText(r.reason ?? "not configured")}`);
    else if (status === "failed") out.push(`- **${title}**: failed${r.reason ? `: ${mdText(r.reason)}` : ""}`);
    else out.push(`- **${title}**: ${count}${r.where ? ` in ${mdText(r.where)}` : ""}`);
    for (const e of r.errors ?? []) out.push(`  - **error:** ${mdText(e)}`);
    for (const s of r.steps) {
      const key = s.model ?? "";
      byModel.set(key, [...(byModel.get(key) ?? []), { target: r.target, step: s }]);
    }
  }
  out.push("");
  const models = [...byModel.keys()].filter((k) => k !== "").sort();
  for (const model of [...models, ...(byModel.has("") ? [""] : [])]) {
    const steps = byModel.get(model)!;
    out.push(model === "" ? "#### Not one model's" : `#### ${mdCode(model)}`, "", "| | where | action | resource | change |", "|---|---|---|---|---|");
    for (const { target, step } of steps) out.push(`| ${stepSymbol(step.action)} | ${TITLES[target] ?? target} | ${mdCode(step.action)}${markedMd(step)} | ${mdCode(step.resource)} | ${changeCell(step)} |`);
    out.push("");
  }
  const notes = reports.flatMap((r) => r.notes.map((n) => `- ${TITLES[r.target] ?? r.target}: ${mdText(n)}`));
  if (notes.length) out.push(`<details><summary>${notes.length} note${notes.length === 1 ? "" : "s"}</summary>`, "", ...notes, "", "</details>", "");
  return `${out.join("\n").trimEnd()}\n`;
}

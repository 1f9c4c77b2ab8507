import type { ModelVersionSpec } from "../types.js";
import { formatNumber } from "./format.js";
import { code, codeCell, mdCell, mdText } from "../text/markdown.js";
import type { MlflowFacts, RegistryLookup, RunLookup } from "./run-reader.js";

export interface MlflowRow {
  version: string;
  run: string;
  status: string;
  /** Escaped sentences, one per disagreement; empty when the run agrees with the YAML. */
  disagreements: string[];
}

export interface MlflowView {
  /** False when the card was built without MLflow (no tracking URI). */
  checked: boolean;
  rows: MlflowRow[];
  disagreementCount: number;
}

/** Relative tolerance under which a YAML metric and an MLflow metric count as equal. */
const TOLERANCE = 1e-6;

/**
 * Where each version's YAML disagrees with its MLflow run: every YAML metric against the run's latest
 * value; the version's git commit against the run's `mlflow.source.git.commit` tag (a prefix matches);
 * the version's tags against run params of the same name; the registry version (`mlflow.modelVersion`)
 * against the run it was made from. Versions without a run id are left out.
 */
export function compareWithMlflow(versions: ModelVersionSpec[], facts: MlflowFacts | undefined): MlflowView {
  if (!facts) return { checked: false, rows: [], disagreementCount: 0 };
  const rows: MlflowRow[] = [];
  for (const v of versions) {
    if (!v.mlflow) continue;
    const r = row(v, facts.runs.get(v.mlflow.runId) ?? { kind: "missing" });
    const registry = facts.registry.get(v.version);
    if (registry && v.mlflow.modelVersion !== undefined) r.disagreements.push(...registryDisagreement(v.mlflow.runId, v.mlflow.modelVersion, registry, facts.registeredModel ?? "", facts.legacyStages === true));
    rows.push(r);
  }
  return { checked: true, rows, disagreementCount: rows.reduce((n, r) => n + r.disagreements.length, 0) };
}

function row(v: ModelVersionSpec, lookup: RunLookup): MlflowRow {
  const version = codeCell(v.version);
  const runId = v.mlflow!.runId;
  if (lookup.kind === "missing") return { version, run: codeCell(runId), status: "not found", disagreements: [`run ${code(runId)} does not exist in MLflow`] };
  if (lookup.kind === "error") return { version, run: codeCell(runId), status: "unreadable", disagreements: [`could not read run ${code(runId)}: ${mdText(lookup.message)}`] };
  const run = lookup.run;
  const out: string[] = [];
  for (const name of Object.keys(v.metrics).sort()) {
    const yaml = v.metrics[name]!;
    const logged = run.metrics[name];
    if (logged === undefined) out.push(`${code(name)}: ${formatNumber(yaml)} in YAML, not logged in the run`);
    else if (!metricsAgree(yaml, logged)) {
      out.push(`${code(name)}: ${formatNumber(yaml)} in YAML, ${formatNumber(logged)} in MLflow`);
    }
  }
  const commit = run.tags["mlflow.source.git.commit"];
  if (v.lineage.commit && commit && !commit.startsWith(v.lineage.commit) && !v.lineage.commit.startsWith(commit)) {
    out.push(`git commit: ${code(v.lineage.commit)} in YAML, ${code(commit)} in MLflow`);
  }
  for (const key of Object.keys(v.tags).sort()) {
    const param = run.params[key];
    if (param !== undefined && param !== v.tags[key]) out.push(`${code(key)}: ${code(v.tags[key]!)} in YAML, ${code(param)} in MLflow`);
  }
  return { version, run: runLink(runId, run.url), status: mdCell(run.status ?? "unknown"), disagreements: out };
}

function registryDisagreement(runId: string, modelVersion: string, lookup: RegistryLookup, name: string, legacyStages: boolean): string[] {
  const which = `registry version ${code(modelVersion)} of ${code(name)}`;
  if (lookup.kind === "missing") return [`${which} does not exist in MLflow`];
  if (lookup.kind === "error") return [`could not read ${which}: ${mdText(lookup.message)}`];
  const out: string[] = [];
  if (lookup.runId !== runId) out.push(`${which} was made from run ${lookup.runId ? code(lookup.runId) : "none"}, not ${code(runId)}`);
  // A legacy stage another tool set: models:/<name>/<Stage> loads this version, whatever the aliases say.
  if (!legacyStages && (lookup.stage === "Production" || lookup.stage === "Staging")) out.push(`${which} is in legacy stage ${code(lookup.stage)}, set outside steward`);
  return out;
}

/** A Markdown link to the run when the URL is a plain http(s) URL, else the id as code. */
function runLink(runId: string, url: string): string {
  const safe = /^https?:\/\/[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+$/.test(url) && !/[()]/.test(url);
  return safe ? `[${code(runId)}](${url})` : codeCell(runId);
}

/** Equal within TOLERANCE; non-finite values agree only when identical infinities (NaN never agrees). */
export function metricsAgree(a: number, b: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

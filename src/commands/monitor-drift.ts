/**
 * The monitor's data-drift step: for each model whose policy names a drift baseline, read the
 * baseline (the DVC-tracked file in the working tree, verified against its pointer) and the model's
 * current sample (from the metric source), and compare them with the drift tests. Only I/O and
 * sequencing here; the decisions are in src/core/drift and src/core/monitor/drift-findings.ts.
 */
import { describeError } from "../core/errors.js";
import { compareSamples, notCompared, type DriftReport } from "../core/drift/compare-samples.js";
import { parseCsvColumns } from "../core/drift/parse-csv.js";
import type { CoverageKind, CoverageRow } from "../core/monitor/coverage.js";
import { DRIFT_CHECK, driftFinding, driftStatus } from "../core/monitor/drift-findings.js";
import type { CheckStatus, MonitorFinding } from "../core/monitor/types.js";
import { pointedDataPath, verifyBaseline } from "../core/monitor/verify-baseline.js";
import type { Columns } from "../core/drift/compare-samples.js";
import { findVersion, type DvcOut, type DvcPointer, type DvcRef, type ModelSpec, type PolicySpec, type RepoState, type Severity } from "../core/types.js";
import type { CaptureStore, MetricSource, RepoFiles } from "../ports.js";
import { readCaptureSample } from "./capture-sample.js";

export interface SampleDriftResult {
  findings: MonitorFinding[];
  statuses: CheckStatus[];
  /** Baselines or samples that could not be used: the run goes on without that model's drift check. */
  warnings: string[];
  /** Set when the metric source has no samples (CloudWatch): one line for the report. */
  note?: string;
  /** How each watched model's drift check ended: ok, finding, no-data (no current sample) or unreadable. */
  coverage: CoverageRow[];
}

/**
 * Runs the drift tests of every model in `models` whose policy has `monitoring.drift.baseline`.
 * Never throws for a missing or mismatched baseline or an unreadable sample: those are warnings.
 */
export async function checkSampleDrift(
  deps: { files: RepoFiles; metrics: MetricSource; capture?: CaptureStore },
  input: { models: ModelSpec[]; policies: Map<string, PolicySpec>; pointers: Map<string, DvcPointer>; state?: RepoState; now?: Date },
): Promise<SampleDriftResult> {
  const out: SampleDriftResult = { findings: [], statuses: [], warnings: [], coverage: [] };
  // A model whose endpoint captures its traffic is compared from the capture (when it can be read).
  const captured = (m: ModelSpec) => !!(deps.capture && input.state && input.now && m.deployment?.sagemaker?.dataCapture?.enabled);
  const watched = input.models.filter((m) => {
    const drift = input.policies.get(m.policy)?.monitoring.drift;
    return drift && (drift.baseline || captured(m));
  });
  if (watched.length === 0) return out;
  if (!deps.metrics.driftSample && !watched.some(captured)) {
    out.note = `drift tests skipped for ${watched.length} model(s): this metric source has no current data samples and no model's data capture can be read`;
    for (const model of watched) gap(out, model.name, input.policies.get(model.policy)!.monitoring.drift!.severity, "no-data", "no current data sample: this metric source has none and the model's data capture cannot be read");
    return out;
  }
  const baselines = new Map<string, Promise<Baseline>>();
  for (const model of watched) {
    const drift = input.policies.get(model.policy)!.monitoring.drift!;
    const fromCapture = captured(model);
    // The baseline follows the model: the served version's own training (else evaluation) data, unless the policy pins one.
    const ref = drift.baseline ?? (fromCapture ? versionBaseline(model, input.state!) : undefined);
    if (!ref) {
      out.warnings.push(`${model.name}: drift not checked: the policy pins no baseline and version ${servedVersion(model) ?? "?"} has no \`data.train\` or \`data.eval\``);
      out.statuses.push({ ...driftStatus(model.name, drift.severity, { error: "no baseline" }), outcome: "unreadable" });
      gap(out, model.name, drift.severity, "unreadable", `the policy pins no baseline and version ${servedVersion(model) ?? "?"} has no data.train or data.eval`);
      continue;
    }
    const key = ref.kind === "file" ? ref.dvc : ref.path;
    if (!baselines.has(key)) baselines.set(key, readBaseline(deps.files, ref, input.pointers));
    const baseline = await baselines.get(key)!;
    const fail = (error: string, kind: CoverageKind = "unreadable") => {
      out.warnings.push(`${model.name}: drift not checked: ${error}`);
      out.statuses.push({ ...driftStatus(model.name, drift.severity, { error }), outcome: kind });
      gap(out, model.name, drift.severity, kind, error);
    };
    if (baseline.error !== undefined) {
      fail(`baseline ${baseline.path}: ${baseline.error}`);
      continue;
    }
    let report: DriftReport;
    let current = `${model.name}/drift.csv`;
    if (fromCapture) {
      const window = model.monitoring?.window ?? 14 * 86400;
      const r = await readCaptureSample(deps.capture!, { model, state: input.state!, now: input.now!, windowSeconds: window });
      if (!r.ok) {
        fail(`data capture: ${r.error}`, /^no captured request/.test(r.error) ? "no-data" : "unreadable");
        continue;
      }
      current = `${r.sample.rows} captured request(s) from ${r.sample.source} `.trimEnd();
      if (r.sample.skipped) out.warnings.push(`${model.name}: ${r.sample.skipped} captured request(s) did not fit the input schema and were left out${r.sample.problems[0] ? ` (first: ${r.sample.problems[0]})` : ""}`);
      report = compareSamples(baseline.columns!, r.sample.columns, { tests: drift.tests, thresholds: drift.thresholds, histograms: true });
    } else {
      if (!deps.metrics.driftSample) {
        fail("this metric source has no current data samples", "no-data");
        continue;
      }
      try {
        const sample = await deps.metrics.driftSample(model.name);
        if (sample === undefined) {
          fail(`no current sample ${model.name}/drift.csv`, "no-data");
          continue;
        }
        report = compareSamples(baseline.columns!, parseCsvColumns(sample), { tests: drift.tests, thresholds: drift.thresholds, histograms: true });
      } catch (err) {
        fail(`current sample ${model.name}/drift.csv: ${describeError(err)}`);
        continue;
      }
    }
    // An empty current sample, or one with no column of the baseline, compares nothing: a gap, never "no drift".
    const skipped = notCompared(report);
    if (skipped.nothing) {
      fail(`current sample ${current}: nothing compared with the baseline ${baseline.path}${skipped.text ? `: ${skipped.text}` : ""}`, "no-data");
      continue;
    }
    // A baseline column the current sample lacks (a feature gone from production traffic) is said; extra
    // current columns (the captured prediction, say) are expected.
    const lost = skipped.columns.filter((c) => c.why !== "only in the current sample");
    if (lost.length) out.warnings.push(`${model.name}: drift: ${lost.length} column(s) not compared (${lost.map((c) => `${c.column}: ${c.why}`).join("; ")})`);
    const finding = driftFinding({ model: model.name, baseline: baseline.path, report, severity: drift.severity });
    // Where the current sample came from, in words (the URL followed by a space: renderers code-span it whole).
    if (finding && fromCapture) finding.summary = `${finding.summary}; current sample: ${current} (SageMaker data capture)`;
    if (finding) out.findings.push(finding);
    out.statuses.push({ ...driftStatus(model.name, drift.severity, { report, ...(finding ? { finding } : {}) }), outcome: finding ? "finding" : "ok" });
    out.coverage.push({ model: model.name, check: DRIFT_CHECK, outcome: finding ? "finding" : "ok", detail: finding?.summary ?? "no drift" });
  }
  return out;
}

/** The version the model's deployment serves (the first of a split). */
function servedVersion(model: ModelSpec): string | undefined {
  const stage = model.deployment?.sagemaker?.stage ?? "production";
  return model.stages[stage]?.variants[0]?.version;
}

/** The served version's training data, else its evaluation data, else its first data pointer. */
function versionBaseline(model: ModelSpec, state: RepoState): DvcRef | undefined {
  const v = servedVersion(model);
  const spec = v === undefined ? undefined : findVersion(state, model.name, v);
  if (!spec) return undefined;
  return spec.data.train ?? spec.data.eval ?? Object.values(spec.data)[0];
}

/** A drift check that could not run: its coverage row and its finding (no-data or unreadable). */
function gap(out: SampleDriftResult, model: string, severity: Severity, kind: CoverageKind, detail: string): void {
  out.coverage.push({ model, check: DRIFT_CHECK, outcome: kind, detail });
  out.findings.push({ model, checkId: DRIFT_CHECK, metric: DRIFT_CHECK, kind, severity, score: 0, fired: [], sustainedPoints: 0, lastedSeconds: 0, evidence: [], summary: `drift ${kind === "no-data" ? "not checked" : "could not be checked"}: ${detail}` });
}

interface Baseline {
  path: string;
  columns?: Columns;
  error?: string;
}

/** The baseline's columns, after checking it against its pointer; or why it cannot be used. */
async function readBaseline(files: RepoFiles, ref: DvcRef, pointers: Map<string, DvcPointer>): Promise<Baseline> {
  let out: Pick<DvcOut, "md5" | "size" | "isDir" | "path">;
  let path: string;
  if (ref.kind === "file") {
    const first = pointers.get(ref.dvc)?.outs[0];
    if (!first) return { path: ref.dvc, error: "the pointer is missing or invalid (see steward validate)" };
    out = first;
    path = pointedDataPath(ref.dvc, first);
  } else {
    out = { md5: ref.md5, ...(ref.size !== undefined ? { size: ref.size } : {}), isDir: ref.md5.endsWith(".dir"), path: ref.path };
    path = pointedDataPath("", ref);
  }
  const hint = ref.kind === "file" ? `run \`dvc pull ${ref.dvc}\`` : "fetch it from the DVC remote";
  try {
    const bytes = await files.read(path);
    const problem = verifyBaseline(out, bytes);
    if (problem) return { path, error: `${problem}; ${hint}` };
    return { path, columns: parseCsvColumns(new TextDecoder().decode(bytes)) };
  } catch (err) {
    return { path, error: describeError(err) };
  }
}

/**
 * The monitor's data-drift step: for each model whose policy names a drift baseline, read the
 * baseline (the DVC-tracked file in the working tree, verified against its pointer) and the model's
 * current sample (from the metric source), and compare them with the drift tests. Only I/O and
 * sequencing here; the decisions are in src/core/drift and src/core/monitor/drift-findings.ts.
 */
import { describeError } from "../core/errors.js";
import { compareSamples, type DriftReport } from "../core/drift/compare-samples.js";
import { parseCsvColumns } from "../core/drift/parse-csv.js";
import { driftFinding, driftStatus } from "../core/monitor/drift-findings.js";
import type { CheckStatus, MonitorFinding } from "../core/monitor/types.js";
import { pointedDataPath, verifyBaseline } from "../core/monitor/verify-baseline.js";
import type { Columns } from "../core/drift/compare-samples.js";
import type { DvcOut, DvcPointer, DvcRef, ModelSpec, PolicySpec } from "../core/types.js";
import type { MetricSource, RepoFiles } from "../ports.js";

export interface SampleDriftResult {
  findings: MonitorFinding[];
  statuses: CheckStatus[];
  /** Baselines or samples that could not be used: the run goes on without that model's drift check. */
  warnings: string[];
  /** Set when the metric source has no samples (CloudWatch): one line for the report. */
  note?: string;
}

/**
 * Runs the drift tests of every model in `models` whose policy has `monitoring.drift.baseline`.
 * Never throws for a missing or mismatched baseline or an unreadable sample: those are warnings.
 */
export async function checkSampleDrift(
  deps: { files: RepoFiles; metrics: MetricSource },
  input: { models: ModelSpec[]; policies: Map<string, PolicySpec>; pointers: Map<string, DvcPointer> },
): Promise<SampleDriftResult> {
  const out: SampleDriftResult = { findings: [], statuses: [], warnings: [] };
  const watched = input.models.filter((m) => input.policies.get(m.policy)?.monitoring.drift?.baseline);
  if (watched.length === 0) return out;
  if (!deps.metrics.driftSample) {
    out.note = `drift tests skipped for ${watched.length} model(s): this metric source has no current data samples (SageMaker data capture is not read yet)`;
    return out;
  }
  const baselines = new Map<string, Promise<Baseline>>();
  for (const model of watched) {
    const drift = input.policies.get(model.policy)!.monitoring.drift!;
    const ref = drift.baseline!;
    const key = ref.kind === "file" ? ref.dvc : ref.path;
    if (!baselines.has(key)) baselines.set(key, readBaseline(deps.files, ref, input.pointers));
    const baseline = await baselines.get(key)!;
    const fail = (error: string) => {
      out.warnings.push(`${model.name}: drift not checked: ${error}`);
      out.statuses.push(driftStatus(model.name, drift.severity, { error }));
    };
    if (baseline.error !== undefined) {
      fail(`baseline ${baseline.path}: ${baseline.error}`);
      continue;
    }
    let report: DriftReport;
    try {
      const sample = await deps.metrics.driftSample(model.name);
      if (sample === undefined) {
        fail(`no current sample ${model.name}/drift.csv`);
        continue;
      }
      report = compareSamples(baseline.columns!, parseCsvColumns(sample), { tests: drift.tests, thresholds: drift.thresholds });
    } catch (err) {
      fail(`current sample ${model.name}/drift.csv: ${describeError(err)}`);
      continue;
    }
    const finding = driftFinding({ model: model.name, baseline: baseline.path, report, severity: drift.severity });
    if (finding) out.findings.push(finding);
    out.statuses.push(driftStatus(model.name, drift.severity, { report, ...(finding ? { finding } : {}) }));
  }
  return out;
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

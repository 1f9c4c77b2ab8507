/**
 * The current drift sample of a model from SageMaker data capture: the JSON Lines under the
 * capture destination for the look-back window, newest first, until a bounded number of rows,
 * parsed into feature columns by each served version's declared input schema. I/O and sequencing
 * only; the parsing is in src/core/capture.
 */
import { describeError } from "../core/errors.js";
import { captureColumns, PREDICTION_COLUMN, type CaptureColumns } from "../core/capture/capture-columns.js";
import { captureHourPrefixes, parseS3Uri } from "../core/capture/capture-prefixes.js";
import { parseCaptureJsonLines, type CaptureRecord } from "../core/capture/capture-records.js";
import type { Columns } from "../core/drift/compare-samples.js";
import { variantName } from "../core/plan/sagemaker-names.js";
import { findVersion, type ModelSpec, type RepoState } from "../core/types.js";
import type { CaptureStore } from "../ports.js";

/** Rows compared per model by default: enough for the drift tests, bounded in memory and reads. */
export const DEFAULT_CAPTURE_ROWS = 5000;
/** Files read per variant at most, whatever their size. */
export const DEFAULT_CAPTURE_FILES = 500;

export interface CaptureSample {
  columns: Columns;
  rows: number;
  files: number;
  /** Requests that did not fit the version's input schema, and bad JSON lines. */
  skipped: number;
  /** e.g. "s3://acme-capture/fraud/fraud-detection-prod/AllTraffic/" */
  source: string;
  problems: string[];
}

export type CaptureSampleResult = { ok: true; sample: CaptureSample } | { ok: false; error: string };

/**
 * Reads the capture of the stage `model`'s endpoint serves, over `windowSeconds` before `now`.
 * Fails (as data) when capture is off, a served version declares no `input`, or nothing was captured.
 */
export async function readCaptureSample(
  store: CaptureStore,
  input: { model: ModelSpec; state: RepoState; now: Date; windowSeconds: number; maxRows?: number; maxFiles?: number },
): Promise<CaptureSampleResult> {
  const { model, state } = input;
  const sm = model.deployment?.sagemaker;
  if (!sm?.dataCapture?.enabled) return { ok: false, error: "data capture is off for this endpoint" };
  const dest = parseS3Uri(sm.dataCapture.destination);
  if (!dest) return { ok: false, error: `data capture destination ${sm.dataCapture.destination} is not an s3:// URI` };
  const variants = model.stages[sm.stage]?.variants ?? [];
  if (!variants.length) return { ok: false, error: `stage ${sm.stage} serves no version` };
  const maxRows = input.maxRows ?? DEFAULT_CAPTURE_ROWS;
  const perVariant = Math.max(1, Math.floor(maxRows / variants.length));
  const parts: CaptureColumns[] = [];
  const problems: string[] = [];
  let files = 0;
  let badLines = 0;
  for (const v of variants) {
    const version = findVersion(state, model.name, v.version);
    if (!version?.input) return { ok: false, error: `version ${v.version} declares no \`input\` (format and features) in its version file, so its captured requests cannot be read as features` };
    const variant = variantName(v.version, variants.length);
    const records: CaptureRecord[] = [];
    let rows = 0;
    let read = 0;
    try {
      for (const prefix of captureHourPrefixes(dest, sm.endpoint, variant, input.now, input.windowSeconds)) {
        if (rows >= perVariant || read >= (input.maxFiles ?? DEFAULT_CAPTURE_FILES)) break;
        // keys of one hour start with minute-second: descending key order is newest first
        const keys = (await store.list(dest.bucket, prefix)).map((o) => o.key).filter((k) => k.endsWith(".jsonl")).sort().reverse();
        for (const key of keys) {
          if (rows >= perVariant || read >= (input.maxFiles ?? DEFAULT_CAPTURE_FILES)) break;
          const parsed = parseCaptureJsonLines(await store.read(dest.bucket, key));
          read++;
          badLines += parsed.badLines;
          for (const p of parsed.problems) if (problems.length < 10) problems.push(`s3://${dest.bucket}/${key}: ${p}`);
          records.push(...parsed.records);
          rows += parsed.records.length;
        }
      }
    } catch (err) {
      return { ok: false, error: `reading s3://${dest.bucket}/${dest.prefix}${sm.endpoint}/${variant}/: ${describeError(err)}` };
    }
    files += read;
    parts.push(captureColumns(records, version.input, perVariant));
  }
  const rows = parts.reduce((n, p) => n + p.rows, 0);
  const source = `s3://${dest.bucket}/${dest.prefix}${sm.endpoint}/`;
  if (rows === 0) return { ok: false, error: `no captured request under ${source} in the last ${Math.round(input.windowSeconds / 3600)}h${files ? ` (${files} file(s) read, none fit the input schema)` : ""}` };
  // Variants of a split are pooled: the drift tests compare what the endpoint received with the baseline.
  const columns: Columns = new Map();
  const predictionNames = new Set(variants.map((v) => findVersion(state, model.name, v.version)?.input?.prediction ?? PREDICTION_COLUMN));
  const withPrediction = (name: string) => parts.every((p) => p.rows === 0 || p.columns.has(name));
  for (const p of parts) {
    for (const [name, values] of p.columns) {
      if (predictionNames.has(name) && !withPrediction(name)) continue;
      columns.set(name, [...(columns.get(name) ?? []), ...values]);
    }
  }
  return { ok: true, sample: { columns, rows, files, skipped: parts.reduce((n, p) => n + p.skipped, 0) + badLines, source, problems } };
}

/**
 * Captured requests and responses -> feature columns, by the version's declared input schema
 * (`input` in the version file): CSV payloads are rows of the features in order (no header, as
 * SageMaker's CSV serializers send them); JSON payloads are an object of features, a list of such
 * objects, `{"instances": [...]}` (rows as lists in feature order, or objects), or a list of rows.
 * The response's first value becomes the `prediction` column. Pure.
 */
import type { Columns } from "../drift/compare-samples.js";
import { parseCsvRows } from "../drift/parse-csv.js";
import type { CaptureRecord } from "./capture-records.js";

export interface InputSchema {
  format: "csv" | "json";
  features: string[];
  /** The column the response's value is compared as (the baseline's name for the model output); default "prediction". */
  prediction?: string;
}

export interface CaptureColumns {
  columns: Columns;
  rows: number;
  /** Payloads that did not fit the schema (wrong width, not JSON, ...), counted. */
  skipped: number;
}

export const PREDICTION_COLUMN = "prediction";

const cell = (v: unknown): string => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** The rows (cells in feature order) of one request payload; undefined when it does not fit the schema. */
export function payloadRows(data: string, schema: InputSchema): string[][] | undefined {
  const n = schema.features.length;
  if (schema.format === "csv") {
    let rows: string[][];
    try {
      rows = parseCsvRows(data).filter((r) => !(r.length === 1 && r[0]!.trim() === ""));
    } catch {
      return undefined;
    }
    return rows.length && rows.every((r) => r.length === n) ? rows.map((r) => r.map((c) => c.trim())) : undefined;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(data);
  } catch {
    return undefined;
  }
  const instances = doc && typeof doc === "object" && !Array.isArray(doc) && Array.isArray((doc as { instances?: unknown }).instances) ? (doc as { instances: unknown[] }).instances : undefined;
  const items = instances ?? (Array.isArray(doc) ? (doc.every((x) => Array.isArray(x) || (x && typeof x === "object")) ? doc : [doc]) : [doc]);
  const rows: string[][] = [];
  for (const it of items) {
    if (Array.isArray(it)) {
      if (it.length !== n) return undefined;
      rows.push(it.map(cell));
    } else if (it && typeof it === "object") {
      const o = it as Record<string, unknown>;
      const features = o.features && typeof o.features === "object" && !Array.isArray(o.features) ? (o.features as Record<string, unknown>) : o;
      if (!schema.features.some((f) => f in features)) return undefined;
      rows.push(schema.features.map((f) => cell(features[f])));
    } else return undefined;
  }
  return rows.length ? rows : undefined;
}

/** The first scalar of a response (CSV cell, JSON number, `predictions[0]`, `{score}`), as text. */
export function predictionValue(data: string): string | undefined {
  const t = data.trim();
  if (t === "") return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(t);
  } catch {
    return parseCsvRows(t)[0]?.[0]?.trim();
  }
  for (let i = 0; i < 4; i++) {
    if (typeof doc === "number" || typeof doc === "string" || typeof doc === "boolean") return String(doc);
    if (Array.isArray(doc)) doc = doc[0];
    else if (doc && typeof doc === "object") {
      const o = doc as Record<string, unknown>;
      doc = o.predictions ?? o.prediction ?? o.score ?? o.predicted_label ?? Object.values(o)[0];
    } else return undefined;
  }
  return undefined;
}

/**
 * Columns of the first `maxRows` request rows of `records` (in the order given: callers pass the
 * newest first), plus `prediction` when every kept row's response has one value per row.
 */
export function captureColumns(records: readonly CaptureRecord[], schema: InputSchema, maxRows: number): CaptureColumns {
  const cols: Columns = new Map(schema.features.map((f) => [f, [] as string[]]));
  const predictions: string[] = [];
  let rows = 0;
  let skipped = 0;
  let predictionsComplete = true;
  for (const r of records) {
    if (rows >= maxRows) break;
    const got = r.input ? payloadRows(r.input.data, schema) : undefined;
    if (!got) {
      skipped++;
      continue;
    }
    const take = got.slice(0, maxRows - rows);
    take.forEach((row) => schema.features.forEach((f, i) => cols.get(f)!.push(row[i]!)));
    rows += take.length;
    const p = take.length === 1 && r.output ? predictionValue(r.output.data) : undefined;
    if (p === undefined) predictionsComplete = false;
    else predictions.push(p);
  }
  const name = schema.prediction ?? PREDICTION_COLUMN;
  if (predictionsComplete && rows > 0 && !cols.has(name)) cols.set(name, predictions);
  return { columns: cols, rows, skipped };
}

/**
 * MLflow REST 2.0 wire shapes, as MLflow 2.12 sends them (test/fixtures/mlflow). Empty lists and
 * empty strings are often omitted, so every list and most strings are optional here.
 */

export interface WireTag {
  key: string;
  value: string;
}

export interface WireModelVersion {
  name: string;
  /** A decimal string, e.g. "3". */
  version: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  /** "None" | "Staging" | "Production" | "Archived". */
  current_stage?: string;
  description?: string;
  source?: string;
  run_id?: string;
  status?: string;
  run_link?: string;
  tags?: WireTag[];
  /** Alias names; present on get, absent from search results. */
  aliases?: string[];
}

export interface WireRegisteredModel {
  name: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  description?: string;
  latest_versions?: WireModelVersion[];
  tags?: WireTag[];
  aliases?: { alias: string; version: string }[];
}

export interface WireRun {
  info: {
    run_id: string;
    run_uuid?: string;
    experiment_id: string;
    run_name?: string;
    status?: string;
    start_time?: number;
    end_time?: number;
    artifact_uri?: string;
    lifecycle_stage?: string;
  };
  data: {
    /** `value` is a JSON number, or "NaN" / "Infinity" / "-Infinity" (proto3 JSON); read it with metricValue. */
    metrics?: { key: string; value: number | string; timestamp?: number; step?: number }[];
    params?: WireTag[];
    tags?: WireTag[];
  };
}

/** Turns MLflow's `[{key, value}]` (or nothing) into a plain record. */
export function tagsToRecord(tags: WireTag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) out[t.key] = t.value;
  return out;
}

/** A record as MLflow's tag list, in key order. */
export function recordToTags(tags: Record<string, string>): WireTag[] {
  return Object.keys(tags)
    .sort()
    .map((key) => ({ key, value: tags[key] ?? "" }));
}

/**
 * A metric value as MLflow sends it, as a number: proto3 JSON writes non-finite doubles as the strings
 * "NaN", "Infinity" and "-Infinity"; a SQL backend stores ±Infinity as ±1.7976931348623157e308 (the
 * largest double), which is read back as the infinity it was logged as.
 */
export function metricValue(v: number | string): number {
  if (typeof v === "string") return v === "NaN" ? Number.NaN : v === "Infinity" ? Infinity : v === "-Infinity" ? -Infinity : Number(v);
  if (v === Number.MAX_VALUE) return Infinity;
  if (v === -Number.MAX_VALUE) return -Infinity;
  return v;
}

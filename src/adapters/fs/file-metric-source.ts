import { join, resolve } from "node:path";
import { readInside, realFolder } from "./read-inside.js";
import type { Datapoint, MetricSource, SeriesQuery, SeriesResult } from "../../ports.js";

export interface FileMetricSourceOptions {
  /**
   * Replay: when a file ends before the requested range does, shift all its points forward by whole
   * periods so its last point falls in the range's last bucket. Used for the embedded sample files, so the
   * demo works on any day. Off by default: real exports are read as they are.
   */
  replay?: boolean;
}

/**
 * Metrics from a folder of files, one per model and metric: `<dir>/<model>/<name>.csv` (header
 * `timestamp,value`; timestamp ISO 8601 or epoch seconds/milliseconds) or `<dir>/<model>/<name>.json`
 * (an array of `{ "timestamp"|"t", "value" }`, or CloudWatch's `{ "Timestamps": [], "Values": [] }`).
 * `name` is the query's `name` (the metric name; `<metric>@<version>` for one variant of a split).
 * Points are returned oldest first, inside [start, end), each floored to the query's period (several
 * points in one bucket: the last wins). Empty values ("", NaN) are gaps and are left out, as
 * CloudWatch leaves out buckets without data. A missing file is a series error, not an exception.
 * The current drift sample of a model is `<dir>/<model>/drift.csv` (`driftSample`).
 */
export function fileMetricSource(dir: string, options: FileMetricSourceOptions = {}): MetricSource {
  let realRoot: string | undefined;
  // Every file goes through the one reader: a symlink out of `dir`, a FIFO or a huge file is an UnsafeFileError (exit 2).
  const read = async (model: string, file: string): Promise<string | undefined> => {
    const bytes = readInside((realRoot ??= realFolder(resolve(dir))), join(resolve(dir), model, file), `${dir}/${model}/${file}`);
    return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
  };
  return {
    async read(queries, range) {
      return Promise.all(queries.map((q) => readOne(dir, read, q, range, options)));
    },
    /** `<dir>/<model>/drift.csv`, undefined when it does not exist. */
    async driftSample(model) {
      return read(model, "drift.csv");
    },
  };
}

type ReadText = (model: string, file: string) => Promise<string | undefined>;

async function readOne(dir: string, read: ReadText, q: SeriesQuery, range: { start: Date; end: Date }, options: FileMetricSourceOptions): Promise<SeriesResult> {
  let text: string | undefined;
  let format: "csv" | "json" = "csv";
  for (const ext of ["csv", "json"] as const) {
    text = await read(q.model, `${q.name}.${ext}`);
    if (text !== undefined) {
      format = ext;
      break;
    }
  }
  if (text === undefined) return { id: q.id, points: [], error: `no file ${q.model}/${q.name}.csv or .json in ${dir}` };
  const where = `${dir}/${q.model}/${q.name}.${format}`;
  let points: Datapoint[];
  const bad: string[] = [];
  try {
    points = format === "csv" ? parseCsv(text, (line, why) => bad.push(`${where}:${line}: ${why}`)) : parseJson(text);
  } catch (err) {
    return { id: q.id, points: [], error: `${where}: ${(err as Error).message}` };
  }
  const series = window(points, q.period * 1000, +range.start, +range.end, options.replay ?? false);
  if (!bad.length) return { id: q.id, points: series };
  // The rest of the series is kept; the bad rows are named (the first three) so that a person can fix them.
  const more = bad.length > 3 ? `; and ${bad.length - 3} more bad row(s)` : "";
  return { id: q.id, points: series, error: `${bad.length} row(s) skipped: ${bad.slice(0, 3).join("; ")}${more}` };
}

function window(points: Datapoint[], periodMs: number, start: number, end: number, replay: boolean): Datapoint[] {
  const sorted = points.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.value)).sort((a, b) => a.t - b.t);
  let shift = 0;
  const last = sorted[sorted.length - 1];
  if (replay && last) {
    const lastBucket = Math.floor(last.t / periodMs) * periodMs;
    if (lastBucket < end - periodMs) shift = Math.floor((end - periodMs - lastBucket) / periodMs) * periodMs;
  }
  const buckets = new Map<number, number>();
  for (const p of sorted) {
    const t = Math.floor((p.t + shift) / periodMs) * periodMs;
    if (t >= start && t < end) buckets.set(t, p.value);
  }
  return [...buckets].map(([t, value]) => ({ t, value })).sort((a, b) => a.t - b.t);
}

/**
 * `timestamp,value` lines; a header line, blank lines and `#` comments are skipped; an empty value
 * is a gap. A row whose timestamp or value cannot be read is passed to `onBad` (1-based line) and
 * left out; without `onBad` it throws, naming the line.
 */
export function parseCsv(text: string, onBad?: (line: number, why: string) => void): Datapoint[] {
  const out: Datapoint[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith("#")) continue;
    const [ts, v] = line.split(",");
    if (i === 0 && !/^\d/.test(ts ?? "")) continue;
    const t = parseTime(ts ?? "");
    const value = v === undefined || v.trim() === "" ? NaN : Number(v);
    const why = t === undefined ? `bad timestamp ${JSON.stringify(ts)}` : v !== undefined && v.trim() !== "" && !Number.isFinite(value) ? `bad value ${JSON.stringify(v.trim())}` : undefined;
    if (why !== undefined) {
      if (!onBad) throw new Error(`line ${i + 1}: ${why}`);
      onBad(i + 1, why);
      continue;
    }
    out.push({ t: t!, value });
  }
  return out;
}

function parseJson(text: string): Datapoint[] {
  const data = JSON.parse(text) as unknown;
  if (Array.isArray(data)) {
    return data.map((p: { timestamp?: string | number; t?: string | number; value?: number | null }) => ({
      t: parseTime(String(p.timestamp ?? p.t ?? "")) ?? NaN,
      value: p.value ?? NaN,
    }));
  }
  const cw = data as { Timestamps?: (string | number)[]; Values?: number[] };
  if (Array.isArray(cw.Timestamps) && Array.isArray(cw.Values)) {
    return cw.Timestamps.map((t, i) => ({ t: parseTime(String(t)) ?? NaN, value: cw.Values![i] ?? NaN }));
  }
  throw new Error("expected an array of {timestamp, value} or {Timestamps, Values}");
}

/** ISO 8601, or epoch seconds (10 digits or fewer) or milliseconds. */
function parseTime(s: string): number | undefined {
  const x = s.trim();
  if (/^\d+(\.\d+)?$/.test(x)) {
    const n = Number(x);
    return n < 1e11 ? n * 1000 : n;
  }
  const t = Date.parse(x);
  return Number.isNaN(t) ? undefined : t;
}

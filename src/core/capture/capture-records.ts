/**
 * SageMaker data capture files, read as data: JSON Lines, one inference per line, as SageMaker
 * writes them under `<DestinationS3Uri>/<endpoint>/<variant>/<yyyy>/<mm>/<dd>/<hh>/<file>.jsonl`:
 *
 * `{"captureData":{"endpointInput":{"observedContentType":"text/csv","mode":"INPUT","data":"1,2","encoding":"CSV"},
 *   "endpointOutput":{...,"mode":"OUTPUT","data":"0.9","encoding":"CSV"}},"eventMetadata":{"eventId":"...","inferenceTime":"2026-11-30T10:00:00Z"},"eventVersion":"0"}`
 *
 * `encoding` is CSV, JSON or BASE64 (SageMaker base64-encodes content types it was not told are text).
 * Pure: the file's text in, records and per-line problems out; a bad line never stops the others.
 */

export interface CapturedPayload {
  /** The payload decoded to text. */
  data: string;
  contentType?: string;
}

export interface CaptureRecord {
  inferenceTime?: string;
  input?: CapturedPayload;
  output?: CapturedPayload;
}

export interface ParsedCapture {
  records: CaptureRecord[];
  /** "line N: why", at most a few per file (the count says how many in all). */
  problems: string[];
  badLines: number;
}

const MAX_PROBLEMS = 5;

/** Decodes one captured payload; undefined when it is missing or not decodable. */
export function decodePayload(p: unknown): CapturedPayload | undefined {
  if (!p || typeof p !== "object") return undefined;
  const { data, encoding, observedContentType } = p as Record<string, unknown>;
  if (typeof data !== "string") return undefined;
  const contentType = typeof observedContentType === "string" ? observedContentType : undefined;
  const enc = typeof encoding === "string" ? encoding.toUpperCase() : "CSV";
  let text = data;
  if (enc === "BASE64") {
    try {
      const bin = atob(data);
      text = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
    } catch {
      return undefined;
    }
  }
  return { data: text, ...(contentType ? { contentType } : {}) };
}

/** Parses a capture file (JSON Lines). Blank lines are skipped. */
export function parseCaptureJsonLines(text: string): ParsedCapture {
  const out: ParsedCapture = { records: [], problems: [], badLines: 0 };
  const lines = text.split(/\r?\n/);
  const bad = (n: number, why: string) => {
    out.badLines++;
    if (out.problems.length < MAX_PROBLEMS) out.problems.push(`line ${n}: ${why}`);
  };
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch {
      return bad(i + 1, "not JSON");
    }
    const cd = (doc as { captureData?: Record<string, unknown> } | null)?.captureData;
    if (!cd || typeof cd !== "object") return bad(i + 1, "no captureData");
    const input = decodePayload(cd.endpointInput);
    const output = decodePayload(cd.endpointOutput);
    if (!input && !output) return bad(i + 1, "neither endpointInput nor endpointOutput has decodable data");
    const time = (doc as { eventMetadata?: { inferenceTime?: unknown } }).eventMetadata?.inferenceTime;
    out.records.push({ ...(typeof time === "string" ? { inferenceTime: time } : {}), ...(input ? { input } : {}), ...(output ? { output } : {}) });
  });
  return out;
}

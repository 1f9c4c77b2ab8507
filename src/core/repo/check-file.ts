import { API_VERSION, type DvcPointer, type ModelSpec, type ModelVersionSpec, type PolicySpec } from "../types.js";
import type { Finding } from "../result.js";
import { validateDocument } from "../schema/validate-document.js";
import { classifyPath, schemaKindOf } from "./classify-path.js";
import { decodeText, DEFAULT_MAX_FILE_BYTES } from "./decode-text.js";
import { normalizeModel, normalizePolicy, normalizeVersion } from "./normalize.js";
import { parseYaml, rawValueAt } from "./parse-yaml.js";
import { valueAdvice } from "./yaml-advice.js";
import { describe, type SchemaProblem } from "../schema/validate-document.js";
import { prototypeKeys } from "./document-limits.js";
import { toDvcPointer } from "./dvc-pointer.js";

/** A finding that may still lack a position: `path` is a JSON pointer, `atKey` says to point at the key. */
export type PendingFinding = Finding & { atKey?: boolean };

export type FileSpec =
  | { kind: "Model"; spec: ModelSpec }
  | { kind: "ModelVersion"; spec: ModelVersionSpec }
  | { kind: "Policy"; spec: PolicySpec }
  | { kind: "DvcPointer"; spec: DvcPointer };

export interface FileCheck {
  file: string;
  /** Present when the file parsed and passed its schema. */
  parsed?: FileSpec;
  findings: PendingFinding[];
}

const err = (file: string, code: string, path: string, message: string, atKey = false): PendingFinding => ({ file, path, code, message, severity: "error", atKey });

/**
 * Everything that can be said about one file on its own: encoding, YAML, schema, kind and
 * apiVersion. Pure: bytes in, findings (positioned where the parser knows the line) out.
 */
export function checkFile(file: string, bytes: Uint8Array, opts: { maxBytes?: number } = {}): FileCheck {
  const role = file.endsWith(".dvc") ? ({ kind: "DvcPointer" } as const) : classifyPath(file);
  if (role.kind === "ignored") return { file, findings: [] };
  if (role.kind === "unexpected") return { file, findings: [{ ...err(file, "unexpected-file", "", role.reason), severity: "warning" }] };
  const decoded = decodeText(file, bytes, opts.maxBytes ?? DEFAULT_MAX_FILE_BYTES);
  if ("finding" in decoded) return { file, findings: [decoded.finding] };
  const parsed = parseYaml(file, decoded.text);
  if (!parsed.ok) return { file, findings: [parsed.finding] };
  const doc = parsed.value;
  if (doc === undefined || doc === null) return { file, findings: [{ ...err(file, "empty-file", "", "file is empty: expected a YAML mapping"), line: 1, column: 1 }] };
  if (typeof doc !== "object" || Array.isArray(doc)) {
    return { file, findings: [{ ...err(file, "not-a-mapping", "", `the document must be a YAML mapping, not ${Array.isArray(doc) ? "a list" : `a ${typeof doc}`}`), line: 1, column: 1 }] };
  }
  const proto = prototypeKeys(doc);
  if (proto.length) return { file, findings: proto.map((p) => err(file, "prototype-key", p, `the key "${p.split("/").pop()}" is not allowed anywhere in a governed file`, true)) };
  if (role.kind === "DvcPointer") return checkPointer(file, doc);

  const kind = schemaKindOf(role)!;
  const d = doc as Record<string, unknown>;
  // apiVersion and kind first: with the wrong kind, the schema's other messages would only confuse.
  if (d.apiVersion !== API_VERSION) {
    const found = d.apiVersion === undefined ? "it is missing" : `not ${JSON.stringify(d.apiVersion)}`;
    return { file, findings: [err(file, "api-version", d.apiVersion === undefined ? "" : "/apiVersion", `apiVersion must be "${API_VERSION}" (${found})`)] };
  }
  if (d.kind !== kind) {
    const found = d.kind === undefined ? "it is missing" : `not ${JSON.stringify(d.kind)}`;
    return { file, findings: [err(file, "wrong-kind", d.kind === undefined ? "" : "/kind", `a file at ${file} must have kind: ${kind} (${found})`)] };
  }
  const problems = validateDocument(kind, doc);
  if (problems.length) return { file, findings: problems.map((p) => err(file, "schema", p.pointer, adviseOn(decoded.text, p), p.atKey)) };
  switch (kind) {
    case "Model":
      return { file, parsed: { kind, spec: normalizeModel(file, doc) }, findings: [] };
    case "ModelVersion":
      return { file, parsed: { kind, spec: normalizeVersion(file, doc) }, findings: [] };
    case "Policy":
      return { file, parsed: { kind, spec: normalizePolicy(file, doc) }, findings: [] };
    default:
      return { file, findings: [] };
  }
}

function checkPointer(file: string, doc: object): FileCheck {
  const problems = validateDocument("DvcPointer", doc);
  if (problems.length) return { file, findings: problems.map((p) => err(file, "dvc-pointer", p.pointer, `invalid DVC pointer: ${p.message}`, p.atKey)) };
  return { file, parsed: { kind: "DvcPointer", spec: toDvcPointer(file, doc) }, findings: [] };
}

/** The schema's message, or, for a value written the usual wrong way, what to write instead (quoting the source). */
function adviseOn(text: string, p: SchemaProblem): string {
  if (!p.expects) return p.message;
  const source = rawValueAt(text, p.pointer);
  return valueAdvice(describe(p.pointer), p.expects, p.value, source?.raw, source?.key) ?? p.message;
}

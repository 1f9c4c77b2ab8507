import type { SchemaKind } from "../schema/ajv-instance.js";

/** Which kind of governed file a path is, by where it sits. */
export type FileRole =
  | { kind: "Model"; model: string }
  | { kind: "ModelVersion"; model: string; version: string }
  | { kind: "Policy"; policy: string }
  | { kind: "ignored" }
  | { kind: "unexpected"; reason: string };

const MODEL = /^models\/([^/]+)\/model\.yaml$/;
const VERSION = /^models\/([^/]+)\/versions\/([^/]+)\.yaml$/;
const POLICY = /^policies\/([^/]+)\.yaml$/;

export function classifyPath(path: string): FileRole {
  let m: RegExpExecArray | null;
  if ((m = MODEL.exec(path))) return { kind: "Model", model: m[1]! };
  if ((m = VERSION.exec(path))) return { kind: "ModelVersion", model: m[1]!, version: m[2]! };
  if ((m = POLICY.exec(path))) return { kind: "Policy", policy: m[1]! };
  if (/\.ya?ml$/.test(path) && (path.startsWith("models/") || path.startsWith("policies/"))) {
    if (path.endsWith(".yml")) return { kind: "unexpected", reason: "governed files end in .yaml, not .yml" };
    return { kind: "unexpected", reason: "not a governed file: expected models/<model>/model.yaml, models/<model>/versions/<version>.yaml or policies/<name>.yaml" };
  }
  return { kind: "ignored" };
}

export function schemaKindOf(role: FileRole): SchemaKind | undefined {
  return role.kind === "Model" || role.kind === "ModelVersion" || role.kind === "Policy" ? role.kind : undefined;
}

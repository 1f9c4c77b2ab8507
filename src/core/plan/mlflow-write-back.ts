/**
 * Records the MLflow version number apply assigned in a version file (`mlflow.modelVersion`),
 * changing that value's bytes only (src/core/text/yaml-edit.ts). Pure: text in, text out.
 */
import { isMap, parseDocument } from "yaml";
import { editYaml } from "../text/yaml-edit.js";

export type WriteBack = { ok: true; text: string; changed: boolean } | { ok: false; reason: string };

/**
 * The version file `text` with `mlflow.modelVersion` set to `modelVersion` (a decimal string, quoted).
 * Fails when the file does not parse or has no `mlflow` mapping (the schema needs `mlflow.runId` with it).
 */
export function recordModelVersion(text: string, modelVersion: string): WriteBack {
  if (!/^\d+$/.test(modelVersion)) return { ok: false, reason: `"${modelVersion}" is not an MLflow version number` };
  const doc = parseDocument(text);
  if (doc.errors.length) return { ok: false, reason: `the file does not parse: ${doc.errors[0]!.message.split("\n")[0]}` };
  const mlflow = doc.get("mlflow", true);
  if (!isMap(mlflow)) return { ok: false, reason: "the file has no mlflow mapping (mlflow.runId) to record the number in" };
  if (String(mlflow.get("modelVersion")) === modelVersion) return { ok: true, text, changed: false };
  try {
    return { ok: true, text: editYaml(text, [{ path: ["mlflow", "modelVersion"], value: modelVersion }], "the version file"), changed: true };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** The `mlflow.modelVersion` recorded in a version file's text, or undefined (none, or the file does not parse). */
export function recordedModelVersion(text: string): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length) return undefined;
  const v = doc.getIn(["mlflow", "modelVersion"]);
  return v === undefined || v === null ? undefined : String(v);
}

import { Ajv2020 } from "ajv/dist/2020.js";
import formatsPlugin from "ajv-formats";
import common from "../../../schemas/common.schema.json" with { type: "json" };
import detectors from "../../../schemas/detectors.schema.json" with { type: "json" };
import dvc from "../../../schemas/dvc.schema.json" with { type: "json" };
import model from "../../../schemas/model.schema.json" with { type: "json" };
import modelVersion from "../../../schemas/model-version.schema.json" with { type: "json" };
import policy from "../../../schemas/policy.schema.json" with { type: "json" };
import report from "../../../schemas/report.schema.json" with { type: "json" };

/** The YAML kinds and the schema each is validated against. */
export const SCHEMAS = { Model: model, ModelVersion: modelVersion, Policy: policy, DvcPointer: dvc } as const;
export type SchemaKind = keyof typeof SCHEMAS;

// ajv-formats is CommonJS; its default export is the plugin function either directly or under `.default`.
const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (ajv: Ajv2020) => Ajv2020;

/** The monitor report (JSON, not a YAML kind): what the dashboard reads back. */
export const REPORT_SCHEMA_ID: string = report.$id;

let shared: Ajv2020 | undefined;

/** One Ajv instance for the process, with every schema added once (compiling is the slow part). */
export function sharedAjv(): Ajv2020 {
  if (shared) return shared;
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictTuples: false, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  for (const s of [common, detectors, dvc, model, modelVersion, policy, report]) ajv.addSchema(s);
  shared = ajv;
  return ajv;
}

/**
 * schemas/report.schema.json as a test assertion: a monitor report is checked as JSON (what
 * `--format json` prints and `--out` writes), so an `undefined` in an array shows up as the `null`
 * a reader would get.
 */
import { readFileSync } from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import formatsPlugin from "ajv-formats";

const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (ajv: Ajv2020) => Ajv2020;
let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  compiled = ajv.compile(JSON.parse(readFileSync(new URL("../../schemas/report.schema.json", import.meta.url), "utf8")) as object);
  return compiled;
}

/** Where `report` (an object, or the JSON text of one) breaks the schema; [] when it is valid. */
export function reportSchemaErrors(report: unknown): string[] {
  const data: unknown = typeof report === "string" ? JSON.parse(report) : JSON.parse(JSON.stringify(report));
  const validate = validator();
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ""}`);
}

/** Throws, naming every violation, when `report` does not match schemas/report.schema.json. */
export function assertValidReport(report: unknown, where = "monitor report"): void {
  const errors = reportSchemaErrors(report);
  if (errors.length) throw new Error(`${where} does not match schemas/report.schema.json:\n- ${errors.slice(0, 20).join("\n- ")}`);
}

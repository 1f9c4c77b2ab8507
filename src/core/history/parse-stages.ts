import { parseYaml } from "../repo/parse-yaml.js";
import type { StageVariant } from "../types.js";

/** Stage name -> the variants it serves (empty when the stage is not set). */
export type StageMap = Record<string, StageVariant[]>;

/**
 * The `stages` of one historic model.yaml text, read tolerantly: a stage is either a version string
 * (or number) or `{ split: [{ version, weight }] }`; anything else in a stage is skipped. Returns
 * undefined when the text is not YAML or has no mapping at the top, so the caller can keep the last
 * good state; `{}` when the file has no stages.
 */
export function parseStages(text: string): StageMap | undefined {
  const parsed = parseYaml("model.yaml", text);
  if (!parsed.ok || !isRecord(parsed.value)) return undefined;
  const stages = parsed.value.stages;
  if (!isRecord(stages)) return {};
  const out: StageMap = {};
  for (const [stage, value] of Object.entries(stages)) {
    const variants = toVariants(value);
    if (variants) out[stage] = variants;
  }
  return out;
}

function toVariants(value: unknown): StageVariant[] | undefined {
  if (typeof value === "string" || typeof value === "number") return [{ version: String(value), weight: 100 }];
  if (!isRecord(value) || !Array.isArray(value.split)) return undefined;
  const variants: StageVariant[] = [];
  for (const s of value.split) {
    if (!isRecord(s) || (typeof s.version !== "string" && typeof s.version !== "number")) continue;
    variants.push({ version: String(s.version), weight: Number(s.weight ?? 0) });
  }
  return variants;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

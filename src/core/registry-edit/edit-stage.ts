import { isMap, isPair, isScalar, parseDocument, type Node, type Pair, type YAMLMap } from "yaml";
import { UserError } from "../errors.js";
import { column, editYaml, indentStep, parseForEdit, verifyEdit } from "../text/yaml-edit.js";
import type { StageVariant } from "../types.js";

/**
 * The text of a model.yaml with `stages.<stage>` set to `variants`, every other byte kept.
 * One variant is written as a version scalar by the one YAML editor (src/core/text/yaml-edit.ts,
 * which keeps the old quote style, or appends a stage the file does not have after the last one).
 * A split is spliced here: in block style (`split:` then one `- { version: "8", weight: 10 }` per
 * variant, as the sample files do), or in flow style inside a flow `stages` map, and checked the
 * same way (the document must differ by that stage only). Throws UserError when the text does not
 * parse, has no `stages` map, or cannot be edited in place (an unusual layout).
 */
export function editStage(text: string, stage: string, variants: readonly StageVariant[]): string {
  const doc = parseForEdit(text, "model file");
  const stages = doc.get("stages", true);
  if (!isMap(stages)) throw new UserError("cannot edit model file: it has no stages map");
  if (variants.length === 1) return editYaml(text, [{ path: ["stages", stage], value: variants[0]!.version }], "model file");
  const pair = stages.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === stage) as Pair<Node, Node> | undefined;
  const spliced = pair ? replaceValue(text, stages, pair, variants) : appendStage(text, stages, stage, variants);
  if (spliced === undefined || !holds(spliced, stage, variants)) throw new UserError(`cannot edit model file: stages.${stage} cannot be written as a split in place (an unusual layout); edit it by hand`);
  verifyEdit(text, spliced, [{ path: ["stages", stage], value: { split: variants.map((v) => ({ version: v.version, weight: v.weight })) } }], "model file");
  return spliced;
}

function replaceValue(text: string, stages: YAMLMap, pair: Pair<Node, Node>, variants: readonly StageVariant[]): string | undefined {
  const key = pair.key;
  const value = pair.value;
  if (!key?.range || !value?.range) return undefined;
  if (stages.flow) return text.slice(0, value.range[0]) + flowValue(variants) + text.slice(value.range[1]);
  let end = value.range[1];
  while (end > key.range[1] && /\s/.test(text[end - 1]!)) end--;
  const col = column(text, key.range[0]);
  // A comment after the old value stays on the stage's line rather than trailing the last variant.
  const comment = /^[ \t]+#[^\n]*/.exec(text.slice(end))?.[0] ?? "";
  const block = blockValue(variants, col, step(col, text));
  return text.slice(0, key.range[1]) + block.replace(":\n", `:${comment}\n`) + text.slice(end + comment.length);
}

function appendStage(text: string, stages: YAMLMap, stage: string, variants: readonly StageVariant[]): string | undefined {
  const last = stages.items.at(-1) as Pair<Node, Node> | undefined;
  if (stages.flow || !last?.key?.range) return undefined;
  let end = (last.value?.range ?? last.key.range)[1];
  while (end > last.key.range[1] && /\s/.test(text[end - 1]!)) end--;
  const nl = text.indexOf("\n", end);
  const col = column(text, last.key.range[0]);
  const line = `${" ".repeat(col)}${stage}${variants.length === 1 ? `: ${quote(variants[0]!.version)}` : blockValue(variants, col, step(col, text))}\n`;
  return nl < 0 ? `${text}\n${line}` : text.slice(0, nl + 1) + line + text.slice(nl + 1);
}

/** `: \n  split:\n    - { version: "7", weight: 90 }...` indented under a key at column `col`. */
function blockValue(variants: readonly StageVariant[], col: number, by: number): string {
  const items = variants.map((v) => `${" ".repeat(col + 2 * by)}- { version: ${quote(v.version)}, weight: ${v.weight} }`);
  return `:\n${" ".repeat(col + by)}split:\n${items.join("\n")}`;
}

function flowValue(variants: readonly StageVariant[]): string {
  return `{ split: [${variants.map((v) => `{ version: ${quote(v.version)}, weight: ${v.weight} }`).join(", ")}] }`;
}

/** The file's indentation step: `stages` is a top-level key, so the stage keys sit one step in (the file's step if flush). */
function step(col: number, text = ""): number {
  return col > 0 ? col : indentStep(text);
}

function quote(version: string): string {
  return JSON.stringify(version);
}

/** True when the text parses and its stage holds exactly `variants`. */
function holds(text: string, stage: string, variants: readonly StageVariant[]): boolean {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return false;
  const value = (doc.toJS() as { stages?: Record<string, unknown> }).stages?.[stage];
  if (variants.length === 1) return value === variants[0]!.version;
  const split = (value as { split?: { version?: unknown; weight?: unknown }[] } | undefined)?.split;
  return Array.isArray(split) && split.length === variants.length && split.every((s, i) => s.version === variants[i]!.version && s.weight === variants[i]!.weight);
}

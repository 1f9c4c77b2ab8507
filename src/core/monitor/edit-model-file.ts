import { isMap, isPair, isScalar, parseDocument, Scalar, type Document, type Node } from "yaml";
import { UserError } from "../errors.js";
import type { ModelEdit } from "./types.js";

interface Splice {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies `edit` to the text of a model.yaml and returns the new text, changing nothing else:
 * the document is parsed with the `yaml` Document API, the nodes to change are located by path
 * (getIn), and only their source ranges are rewritten, so comments, key order, flow/block style,
 * spacing and quoting elsewhere stay byte for byte; a replaced scalar keeps its quote style.
 * When a node cannot be located that way (the key is missing), the edit falls back to setIn +
 * toString. The result is re-parsed and checked. Throws UserError when the text does not parse.
 */
export function applyModelEdit(text: string, edit: ModelEdit): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new UserError(`cannot edit model file: ${doc.errors[0]!.message}`);
  const sets = editsOf(edit);
  const splices: Splice[] = [];
  for (const [path, value] of sets) {
    const s = spliceFor(doc, path, value, text);
    if (!s) return viaDocument(doc, sets);
    splices.push(s);
  }
  let out = text;
  for (const s of splices.sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  const check = parseDocument(out);
  const ok = check.errors.length === 0 && sets.every(([path, value]) => String(check.getIn(path)) === String(value));
  return ok ? out : viaDocument(doc, sets);
}

type Set = [path: string[], value: string | number];

function editsOf(edit: ModelEdit): Set[] {
  if (edit.kind === "set-stage") {
    if (edit.variants.length !== 1) return [[["stages", edit.stage], JSON.stringify({ split: edit.variants })]];
    return [[["stages", edit.stage], edit.variants[0]!.version]];
  }
  const sets: Set[] = [[["deployment", "sagemaker", "instanceCount"], edit.instanceCount]];
  if (edit.autoscaling) {
    sets.push([["deployment", "sagemaker", "autoscaling", "min"], edit.autoscaling.min]);
    sets.push([["deployment", "sagemaker", "autoscaling", "max"], edit.autoscaling.max]);
  }
  return sets;
}

function spliceFor(doc: Document, path: string[], value: string | number, text: string): Splice | undefined {
  if (typeof value === "string" && value.startsWith("{")) return undefined;
  const node = doc.getIn(path, true) as Node | undefined;
  if (!node?.range) return undefined;
  if (isScalar(node)) return { start: node.range[0], end: node.range[1], text: formatScalar(value, node.type) };
  // A collection (a split) becomes a scalar: rewrite from the end of its key to the end of the value.
  const parent = doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === path[path.length - 1]);
  const key = pair?.key as Scalar | undefined;
  if (!key?.range) return undefined;
  let end = node.range[1];
  while (end > key.range[1] && /\s/.test(text[end - 1]!)) end--;
  return { start: key.range[1], end, text: `: ${formatScalar(value, typeof value === "string" ? Scalar.QUOTE_DOUBLE : Scalar.PLAIN)}` };
}

function formatScalar(value: string | number, type: Scalar.Type | undefined): string {
  if (typeof value === "number") return String(value);
  if (type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  if (type === Scalar.PLAIN && /^[A-Za-z_][A-Za-z0-9._-]*$/.test(value)) return value;
  return JSON.stringify(value);
}

function viaDocument(doc: Document, sets: Set[]): string {
  for (const [path, value] of sets) {
    const v = typeof value === "string" && value.startsWith("{") ? doc.createNode(JSON.parse(value)) : value;
    doc.setIn(path, v);
  }
  return doc.toString({ lineWidth: 0 });
}

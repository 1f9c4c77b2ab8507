/**
 * The one YAML editor: every writer that edits a repository file (apply's write-back of MLflow
 * version numbers, the monitor's rollback and scale pull requests, promote) changes the bytes of
 * the values it sets and nothing else. Each value is located with the `yaml` Document API and its
 * source span is replaced (a replaced scalar keeps its quote style); a key the file does not have is
 * inserted as one entry of its map, in the map's own style (a line at the map's indentation, or
 * `, key: value` inside braces). Comments, quoting, key order, spacing and every other byte stay.
 * (A scalar that becomes a block collection, a promote to a canary split, is replaced from the end
 * of its key: the block starts on the next line, and a comment after the old value stays on the
 * key's line.)
 * The result is parsed again and must equal the old document with exactly those values set; when
 * it does not (an unusual layout), the edit is refused with a UserError, never done by rewriting
 * the whole file.
 */
import { isCollection, isMap, isPair, isScalar, parseDocument, Scalar, type Document, type Node, type Pair, type YAMLMap } from "yaml";
import { UserError } from "../errors.js";

/** One value to set, by its path of map keys. Strings are written quoted (unless an existing plain identifier stays plain). */
export interface YamlSet {
  path: readonly string[];
  value: string | number;
}

/** A replacement of text[start, end) by `text`. */
export interface YamlSplice {
  start: number;
  end: number;
  text: string;
}

/** Parses `text` for editing; throws UserError "cannot edit <what>: …" when it does not parse. */
export function parseForEdit(text: string, what: string): Document.Parsed {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new UserError(`cannot edit ${what}: ${doc.errors[0]!.message.split("\n")[0]}`);
  return doc;
}

/** `text` with every value of `sets` set, each as one splice; see the module comment. */
export function editYaml(text: string, sets: readonly YamlSet[], what = "the file"): string {
  const doc = parseForEdit(text, what);
  const out = applySplices(text, sets.map((s) => spliceFor(doc, text, s, what)));
  verifyEdit(text, out, sets.map((s) => ({ path: s.path, value: s.value })), what);
  return out;
}

/** Applies non-overlapping splices (in any order). */
export function applySplices(text: string, splices: readonly YamlSplice[]): string {
  let out = text;
  let limit = Infinity;
  for (const s of [...splices].sort((a, b) => b.start - a.start)) {
    if (s.end > limit) throw new UserError("cannot edit: two edits overlap");
    out = out.slice(0, s.start) + s.text + out.slice(s.end);
    limit = s.start;
  }
  return out;
}

/**
 * Throws UserError unless `after` parses to `before`'s document with exactly `changed` set (the new
 * keys last in their maps): proof that an edit changed those values and nothing else.
 */
export function verifyEdit(before: string, after: string, changed: readonly { path: readonly string[]; value: unknown }[], what: string): void {
  const next = parseDocument(after);
  const expected = parseDocument(before).toJS() as unknown;
  for (const c of changed) setIn(expected, c.path, c.value);
  if (next.errors.length > 0 || JSON.stringify(next.toJS()) !== JSON.stringify(expected)) {
    throw new UserError(`cannot edit ${what}: setting ${changed.map((c) => c.path.join(".")).join(", ")} in place would change more than ${changed.length === 1 ? "that value" : "those values"} (an unusual layout); edit it by hand`);
  }
}

function setIn(target: unknown, path: readonly string[], value: unknown): void {
  let at = target as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== "object" || at[key] === null) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[path[path.length - 1]!] = value;
}

/** The splice that sets one value: its span replaced, or a new entry in the deepest map that exists. */
export function spliceFor(doc: Document, text: string, set: YamlSet, what: string): YamlSplice {
  const node = doc.getIn(set.path, true) as Node | undefined;
  if (isScalar(node) && node.range) {
    const [start, end] = node.range;
    const rendered = formatScalar(set.value, node.type);
    // An empty value (`key:` alone) gets the space YAML needs after the colon.
    return { start, end, text: start === end && text[start - 1] === ":" ? ` ${rendered}` : rendered };
  }
  if (isCollection(node) && node.range) {
    // A collection (a split) becomes a scalar: from the end of its key to the end of the value.
    const pair = pairOf(doc, set.path);
    const key = pair?.key as Scalar | undefined;
    if (!key?.range) throw new UserError(`cannot edit ${what}: ${set.path.join(".")} has no key to write after`);
    let end = node.range[1];
    while (end > key.range[1] && /\s/.test(text[end - 1]!)) end--;
    return { start: key.range[1], end, text: `: ${formatScalar(set.value, typeof set.value === "string" ? Scalar.QUOTE_DOUBLE : Scalar.PLAIN)}` };
  }
  if (node !== undefined && node !== null) throw new UserError(`cannot edit ${what}: ${set.path.join(".")} is not a value that can be set`);
  for (let depth = set.path.length - 1; depth >= 0; depth--) {
    const parent = depth === 0 ? doc.contents : doc.getIn(set.path.slice(0, depth), true);
    if (parent === undefined || parent === null) continue;
    if (!isMap(parent)) throw new UserError(`cannot edit ${what}: ${set.path.slice(0, depth).join(".") || "the document"} is not a map`);
    return insertInto(parent, set.path.slice(depth), set.value, text, what);
  }
  throw new UserError(`cannot edit ${what}: it has no map to add ${set.path.join(".")} to`);
}

function pairOf(doc: Document, path: readonly string[]): Pair<Node, Node> | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  return parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === path[path.length - 1]) as Pair<Node, Node> | undefined;
}

/** A new entry `rest[0]: …` (nested maps for the rest of the path) in `map`, in the map's own style. */
function insertInto(map: YAMLMap, rest: readonly string[], value: string | number, text: string, what: string): YamlSplice {
  const scalar = formatScalar(value, typeof value === "string" ? Scalar.QUOTE_DOUBLE : Scalar.PLAIN);
  const last = map.items.at(-1) as Pair<Node, Node> | undefined;
  if (map.flow) {
    const entry = rest.reduceRight((inner, key, i) => (i === rest.length - 1 ? `${key}: ${inner}` : `${key}: { ${inner} }`), scalar);
    const lastEnd = (last?.value?.range ?? (last?.key as Node | undefined)?.range)?.[1];
    if (lastEnd !== undefined) return { start: lastEnd, end: lastEnd, text: `, ${entry}` };
    if (!map.range) throw new UserError(`cannot edit ${what}: an empty map without a position`);
    return { start: map.range[0], end: map.range[1], text: `{ ${entry} }` };
  }
  const firstKey = (map.items[0] as Pair<Node, Node> | undefined)?.key;
  if (!last || !firstKey?.range) throw new UserError(`cannot edit ${what}: an empty block map`);
  const col = column(text, firstKey.range[0]);
  const step = indentStep(text);
  const lines = rest.map((key, i) => `${" ".repeat(col + i * step)}${key}:${i === rest.length - 1 ? ` ${scalar}` : ""}`);
  const lastEnd = (last.value?.range ?? (last.key as Node).range!)[1];
  const nl = text.indexOf("\n", lastEnd);
  if (nl < 0) return { start: text.length, end: text.length, text: `\n${lines.join("\n")}` };
  return { start: nl + 1, end: nl + 1, text: `${lines.join("\n")}\n` };
}

/** A scalar in the style of the one it replaces: single or double quotes kept, plain kept for identifiers. */
export function formatScalar(value: string | number, type: Scalar.Type | undefined): string {
  if (typeof value === "number") return String(value);
  if (type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  if (type === Scalar.PLAIN && /^[A-Za-z_][A-Za-z0-9._-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value)) return value;
  return JSON.stringify(value);
}

/** The column of `offset` on its line. */
export function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf("\n", offset - 1) + 1);
}

/** The file's indentation step: the smallest indentation of a line that has one; 2 when none does. */
export function indentStep(text: string): number {
  let step = Infinity;
  for (const m of text.matchAll(/^( +)[^ #\n-]/gm)) step = Math.min(step, m[1]!.length);
  return Number.isFinite(step) ? step : 2;
}

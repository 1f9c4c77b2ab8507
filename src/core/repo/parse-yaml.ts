import { CORE_SCHEMA, load, YAMLException } from "js-yaml";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import type { Finding } from "../result.js";
import { duplicateKeyAdvice, yamlAdvice } from "./yaml-advice.js";
import { checkNesting } from "./document-limits.js";

/** Alias expansions allowed per document before it is rejected as an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

/** Anchors or aliases in the text: only then is the slower, bounded parser needed. */
const ANCHOR_OR_ALIAS = /(^|[\s[{,:-])[&*][^\s,[\]{}]/m;

export type Parsed = { ok: true; value: unknown } | { ok: false; finding: Finding };

/**
 * Parses one YAML document. The fast path (js-yaml) serves files without anchors; files with
 * anchors go through `yaml` with bounded alias expansion. Duplicate keys, syntax errors, several
 * documents, nesting deeper than MAX_NESTING_DEPTH and alias bombs are findings with line and column.
 */
export function parseYaml(file: string, text: string): Parsed {
  // Both parsers recurse per level: refuse a pathological depth before either sees it.
  const deep = checkNesting(file, text);
  if (deep) return { ok: false, finding: deep };
  if (ANCHOR_OR_ALIAS.test(text)) return parseBounded(file, text);
  try {
    // The YAML 1.2 core schema, as `yaml` uses: no timestamps turning into Dates, no merge keys.
    return { ok: true, value: load(text, { filename: file, schema: CORE_SCHEMA }) };
  } catch (err) {
    // Errors are rare: parse again with `yaml`, whose messages say more ("must end with a ]") and
    // which accepts an empty file as an empty document. Keep js-yaml's word only if `yaml` disagrees.
    const careful = parseBounded(file, text);
    if (!careful.ok || careful.value === null || careful.value === undefined) return careful;
    if (err instanceof YAMLException) {
      const mark = (err as YAMLException & { mark?: { line: number; column: number } }).mark;
      const reason = (err as YAMLException & { reason?: string }).reason ?? err.message;
      return { ok: false, finding: yamlFinding(file, describeReason(reason), mark ? mark.line + 1 : undefined, mark ? mark.column + 1 : undefined) };
    }
    return { ok: false, finding: yamlFinding(file, `cannot parse YAML: ${(err as Error).message}`) };
  }
}

function describeReason(reason: string): string {
  if (/duplicated mapping key/.test(reason)) return "duplicate key: the same key appears twice in one mapping";
  if (/multi|single document|expected a single/i.test(reason)) return "more than one YAML document in the file (remove the `---` separators)";
  return `YAML syntax error: ${reason}`;
}

function yamlFinding(file: string, message: string, line?: number, column?: number): Finding {
  return { file, path: "", code: "yaml-syntax", message, severity: "error", ...(line === undefined ? {} : { line, column }) };
}

/** The slow, careful parse: `yaml` with source positions, unique keys and a bounded alias count. */
export function parseBounded(file: string, text: string): Parsed {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const pos = first.pos ? lineCounter.linePos(first.pos[0]) : undefined;
    const raw = first.message.split("\n")[0]!;
    const message =
      first.code === "DUPLICATE_KEY"
        ? duplicateKeyAdvice(text, first.pos?.[0], keyAt(text, first.pos?.[0]))
        : first.code === "MULTIPLE_DOCS"
          ? "more than one YAML document in the file (remove the `---` separators)"
          : (yamlAdvice(first.code, raw, text, first.pos?.[0]) ?? `YAML syntax error: ${raw}`);
    return { ok: false, finding: yamlFinding(file, message, pos?.line, pos?.col) };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (err) {
    const msg = (err as Error).message;
    if (/alias/i.test(msg)) {
      const line = firstAliasLine(text);
      return { ok: false, finding: { ...yamlFinding(file, `too many alias expansions (over ${MAX_ALIAS_COUNT}): possible alias bomb`, line, line ? 1 : undefined), code: "yaml-alias-bomb" } };
    }
    return { ok: false, finding: yamlFinding(file, `cannot read YAML: ${msg}`) };
  }
}

/** The key that starts at `offset`, or undefined when it cannot be read. */
function keyAt(text: string, offset: number | undefined): string | undefined {
  if (offset === undefined) return undefined;
  const m = /^\s*["']?([^"':#\n{},[\]]+)["']?\s*:/.exec(text.slice(offset, offset + 200));
  return m ? m[1]!.trim() : undefined;
}

function firstAliasLine(text: string): number | undefined {
  const m = /(^|[\s[{,:-])\*[^\s,[\]{}]/m.exec(text);
  return m ? text.slice(0, m.index + m[1]!.length).split("\n").length : undefined;
}

/** Source positions of one document, for the files that have findings. */
export interface PositionIndex {
  /** 1-based line and column of the value at a JSON pointer (or of its key, with `key`), falling back to the nearest ancestor. */
  locate(pointer: string, opts?: { key?: boolean }): { line: number; column: number };
}

export function indexPositions(text: string): PositionIndex {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  return {
    locate(pointer, opts = {}) {
      const parts = pointer === "" ? [] : pointer.slice(1).split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
      let node: YamlNode | null | undefined = doc.contents as YamlNode | null;
      let keyNode: YamlNode | undefined;
      let best = node?.range ? at(node.range[0]) : { line: 1, column: 1 };
      for (const part of parts) {
        keyNode = undefined;
        if (isMap(node)) {
          const pair = node.items.find((it) => (isScalar(it.key) ? String(it.key.value) : String(it.key)) === part);
          if (!pair) break;
          keyNode = pair.key as YamlNode;
          node = pair.value as YamlNode | null;
          const k = keyNode?.range ? at(keyNode.range[0]) : best;
          best = node?.range ? at(node.range[0]) : k;
          if (opts.key) best = k;
        } else if (isSeq(node)) {
          const item = node.items[Number(part)] as YamlNode | undefined;
          if (!item) break;
          node = item;
          if (item.range) best = at(item.range[0]);
        } else break;
      }
      if (opts.key && keyNode?.range) return at(keyNode.range[0]);
      return best;
    },
  };
}

/**
 * The source text of the scalar at a JSON pointer and its key (for messages that quote what the
 * user wrote: `1.10`, which the parser turned into 1.1), or undefined where there is none.
 */
export function rawValueAt(text: string, pointer: string): { raw: string; key: string | undefined } | undefined {
  const doc = parseDocument(text, { uniqueKeys: false });
  const parts = pointer === "" ? [] : pointer.slice(1).split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  let node: YamlNode | null | undefined = doc.contents as YamlNode | null;
  let key: string | undefined;
  for (const part of parts) {
    if (isMap(node)) {
      const pair = node.items.find((it) => (isScalar(it.key) ? String(it.key.value) : String(it.key)) === part);
      if (!pair) return undefined;
      key = part;
      node = pair.value as YamlNode | null;
    } else if (isSeq(node)) {
      node = node.items[Number(part)] as YamlNode | undefined;
    } else return undefined;
  }
  if (!isScalar(node) || !node.range) return undefined;
  return { raw: text.slice(node.range[0], node.range[1]), key };
}

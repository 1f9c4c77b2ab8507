import { UserError } from "../errors.js";
import type { Finding } from "../result.js";

/** Deepest nesting of mappings, sequences and flow collections a governed file may have (a real one stays under 10). */
export const MAX_NESTING_DEPTH = 64;

/** Keys that would reach Object.prototype in code that copies a document into a plain object. */
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * A conservative estimate of the YAML text's nesting, before any parser sees it: block indentation
 * levels (a `- ` counts as one) plus open flow brackets outside quotes and comments. Linear in the text;
 * it never under-counts a real document's depth by more than its block scalars' extra indentation.
 * Returns a finding at the first line deeper than `max`, or undefined.
 */
export function checkNesting(file: string, text: string, max = MAX_NESTING_DEPTH): Finding | undefined {
  const indents: number[] = [];
  let flow = 0;
  let line = 0;
  for (const raw of text.split("\n")) {
    line++;
    let i = 0;
    while (raw[i] === " ") i++;
    if (i === raw.length || raw[i] === "#") continue;
    if (flow === 0) {
      while (indents.length && indents[indents.length - 1]! >= i) indents.pop();
      indents.push(i);
      // Each `- ` opens a sequence item one level deeper than its dash.
      let col = i;
      while (raw[col] === "-" && (raw[col + 1] === " " || raw[col + 1] === undefined)) {
        col += 2;
        while (raw[col] === " ") col++;
        indents.push(col);
      }
    }
    let quote: string | undefined;
    for (let k = i; k < raw.length; k++) {
      const c = raw[k]!;
      if (quote) {
        if (c === quote) quote = undefined;
        continue;
      }
      if (c === "#" && (k === 0 || raw[k - 1] === " ")) break;
      if ((c === '"' || c === "'") && (k === 0 || /[\s[{,:]/.test(raw[k - 1]!))) quote = c;
      else if (c === "[" || c === "{") {
        flow++;
        if (indents.length + flow > max) return finding(file, line, max);
      } else if ((c === "]" || c === "}") && flow > 0) flow--;
    }
    if (indents.length + flow > max) return finding(file, line, max);
  }
  return undefined;
}

function finding(file: string, line: number, max: number): Finding {
  return { file, path: "", code: "yaml-too-deep", message: `the document nests deeper than ${max} levels: refused before parsing`, severity: "error", line, column: 1 };
}

/**
 * JSON pointers of every `__proto__`, `constructor` or `prototype` key in a parsed document (at most
 * `limit`). Such keys are never meaningful in a governed file and are rejected wherever one is read.
 */
export function prototypeKeys(doc: unknown, limit = 10): string[] {
  const out: string[] = [];
  const walk = (node: unknown, pointer: string, depth: number): void => {
    if (out.length >= limit || depth > MAX_NESTING_DEPTH || node === null || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${pointer}/${i}`, depth + 1));
    for (const key of Object.getOwnPropertyNames(node)) {
      const p = `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      if (PROTOTYPE_KEYS.has(key)) out.push(p);
      walk((node as Record<string, unknown>)[key], p, depth + 1);
    }
  };
  walk(doc, "", 0);
  return out;
}

/**
 * Finding codes that refuse a whole input rather than describe a problem in it: a document too deep
 * to parse safely, an alias bomb. Every command that reads the repository turns them into an
 * InputLimitError (exit 2), consistently, instead of counting them among the findings (exit 1).
 */
export const INPUT_LIMIT_CODES: ReadonlySet<string> = new Set(["yaml-too-deep", "yaml-alias-bomb"]);

/** One or more files refused before they could be read (see INPUT_LIMIT_CODES): exit 2, each at file:line:column. */
export class InputLimitError extends UserError {
  override name = "InputLimitError";
  constructor(readonly findings: readonly Finding[]) {
    super(findings.map((f) => `${f.file}${f.line ? `:${f.line}${f.column ? `:${f.column}` : ""}` : ""}: ${f.message}`).join("\n"));
  }
}

/** Throws InputLimitError when any finding refuses its input; returns otherwise. */
export function refuseLimitFindings(findings: readonly Finding[]): void {
  const refused = findings.filter((f) => f.code !== undefined && INPUT_LIMIT_CODES.has(f.code));
  if (refused.length) throw new InputLimitError(refused);
}

import type { ErrorObject } from "ajv";
import type { Finding } from "../result.js";
import { sharedAjv, SCHEMAS, type SchemaKind } from "./ajv-instance.js";
import { closestName } from "./closest-name.js";

/** A schema problem before positions are known: the JSON pointer it is about, and whether to point at the key. */
export interface SchemaProblem {
  pointer: string;
  atKey: boolean;
  message: string;
  /** What the schema wanted where the value had the wrong type or form, so that advice can quote the source. */
  expects?: "string" | "duration" | "integer" | "number";
  /** The value the parser produced, for that advice. */
  value?: unknown;
}

const isDuration = (schema: unknown) => /^A duration/.test((schema as { description?: string } | undefined)?.description ?? "");

/** Validates a parsed document against the schema of its kind. Returns [] when valid. */
export function validateDocument(kind: SchemaKind, value: unknown): SchemaProblem[] {
  const validate = sharedAjv().getSchema(SCHEMAS[kind].$id);
  if (!validate) throw new Error(`schema for ${kind} is not registered`);
  if (validate(value)) return [];
  const problems = dropElseNoise(dropBranchNoise(collapseAlternatives(validate.errors ?? [])))
    // A bad key is reported once, at the key, by its propertyNames error (which carries the rule).
    .filter((e) => !(e.propertyName !== undefined && e.keyword !== "propertyNames"))
    .map(toProblem);
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.pointer}\u0000${p.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

/**
 * With allErrors, a failed oneOf/anyOf reports every branch's errors. Keep only the branch that
 * matched best (the one whose errors are not about the value's own type or discriminator), so
 * the user reads one relevant message instead of a list of alternatives.
 */
function collapseAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const alts = errors.filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf");
  if (alts.length === 0) return errors;
  let kept = errors;
  for (const alt of alts) {
    const prefix = `${alt.schemaPath}/`;
    const branches = new Map<number, ErrorObject[]>();
    for (const e of kept) {
      if (!e.schemaPath.startsWith(prefix)) continue;
      const i = Number(e.schemaPath.slice(prefix.length).split("/")[0]);
      branches.set(i, [...(branches.get(i) ?? []), e]);
    }
    if (branches.size === 0) continue;
    const cost = (errs: ErrorObject[]) =>
      errs.reduce((n, e) => n + (e.instancePath === alt.instancePath && (e.keyword === "type" || e.keyword === "const" || e.keyword === "enum") ? 100 : 1), 0);
    const ranked = [...branches.entries()].sort((a, b) => cost(a[1]) - cost(b[1]));
    const [bestIndex, bestErrors] = ranked[0]!;
    const allWrongType = ranked.every(([, errs]) => cost(errs) >= 100);
    kept = kept.filter((e) => {
      if (e === alt) return allWrongType;
      if (!e.schemaPath.startsWith(prefix)) return true;
      if (allWrongType) return false;
      return Number(e.schemaPath.slice(prefix.length).split("/")[0]) === bestIndex && bestErrors.includes(e);
    });
  }
  return kept;
}

/**
 * A failed `else` branch reports its own errors (a missing field says what to add) and, again, the
 * `if` itself ("does not meet a condition"): keep only the branch's own errors.
 */
function dropElseNoise(errors: ErrorObject[]): ErrorObject[] {
  return errors.filter((e) => {
    if (e.keyword !== "if" || (e.params as { failingKeyword?: string }).failingKeyword !== "else") return true;
    const branch = `${e.schemaPath.replace(/\/if$/, "")}/else/`;
    // A branch error inside a `$ref` carries the referenced schema's path: it is found by being deeper in the value.
    return !errors.some((o) => o !== e && (o.schemaPath.startsWith(branch) || o.instancePath.startsWith(`${e.instancePath}/`)));
  });
}

/**
 * When a oneOf's branches are `$ref`s, ajv's schema paths do not show which branch an error came
 * from. If every error left at the oneOf's own value is about its type or allowed values (no branch
 * matched its shape), the oneOf's one message, which carries the schema's description, says it best.
 */
function dropBranchNoise(errors: ErrorObject[]): ErrorObject[] {
  const alts = errors.filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf");
  let kept = errors;
  for (const alt of alts) {
    const here = kept.filter((e) => e !== alt && e.instancePath === alt.instancePath);
    const deeper = kept.some((e) => e.instancePath.startsWith(`${alt.instancePath}/`));
    if (!here.length || deeper || !here.every((e) => ["type", "enum", "const"].includes(e.keyword))) continue;
    // A name where the one branch that takes a string lists the names (a detector by name): that list, and the
    // nearest name, say more than the alternatives' description.
    const names = here.filter((e) => e.keyword === "enum");
    kept = typeof alt.data === "string" && names.length === 1 ? kept.filter((e) => e !== alt && (!here.includes(e) || e === names[0])) : kept.filter((e) => !here.includes(e));
  }
  return kept;
}

function toProblem(e: ErrorObject): SchemaProblem {
  const where = e.instancePath;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties": {
      const name = String(p.additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = closestName(name, known);
      const list = known.length ? ` (allowed: ${known.join(", ")})` : "";
      return { pointer: `${where}/${escape(name)}`, atKey: true, message: `unknown field "${name}"${hint ? `; did you mean "${hint}"?` : list}` };
    }
    case "required":
      return { pointer: where, atKey: where !== "", message: `missing required field "${String(p.missingProperty)}"${where ? ` in ${describe(where)}` : ""}` };
    case "type": {
      const hint =
        typeof e.data === "number" && p.type === "string"
          ? ` (write it in quotes: "${String(e.data)}")`
          : p.type === "object" && Array.isArray(e.data)
            ? ` (remove the "- " in front of its keys)`
            : p.type === "array" && typeof e.data === "string"
              ? ` (write a list: [item, item], or one "- item" per line)`
              : "";
      const expects = p.type === "string" ? (isDuration(e.parentSchema) ? "duration" : "string") : p.type === "integer" || p.type === "number" ? p.type : undefined;
      return { pointer: where, atKey: false, message: `${describe(where)} must be ${article(String(p.type))}, not ${typeName(e.data)}${hint}`, ...(expects ? { expects, value: e.data } : {}) };
    }
    case "const":
      return { pointer: where, atKey: false, message: `${describe(where)} must be ${JSON.stringify(p.allowedValue)}, not ${JSON.stringify(e.data)}` };
    case "enum": {
      const allowed = p.allowedValues as unknown[];
      const near = typeof e.data === "string" ? closestName(e.data, allowed.filter((v): v is string => typeof v === "string")) : undefined;
      return { pointer: where, atKey: false, message: `${describe(where)} must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}, not ${JSON.stringify(e.data)}${near ? `; did you mean ${JSON.stringify(near)}?` : ""}` };
    }
    case "pattern": {
      const desc = (e.parentSchema as { description?: string } | undefined)?.description;
      return { pointer: where, atKey: false, message: `${describe(where)} ${JSON.stringify(e.data)} is not valid${desc ? `: ${desc}` : ` (expected ${String(p.pattern)})`}`, ...(isDuration(e.parentSchema) ? { expects: "duration" as const, value: e.data } : {}) };
    }
    case "propertyNames": {
      const rule = (e.parentSchema as { propertyNames?: { description?: string } } | undefined)?.propertyNames?.description;
      return { pointer: `${where}/${escape(String(p.propertyName))}`, atKey: true, message: `"${String(p.propertyName)}" is not a valid name here${rule ? `: ${rule}` : ""}` };
    }
    case "if": {
      // "must match the then/else schema": the branch's description says what the rule is.
      const branch = (e.parentSchema as Record<string, { description?: string } | undefined> | undefined)?.[String(p.failingKeyword)];
      return { pointer: where, atKey: false, message: `${describe(where)}: ${branch?.description ?? "does not meet a condition of the schema"}` };
    }
    case "false schema": {
      const key = where.split("/").pop() ?? "";
      return { pointer: where, atKey: true, message: `field "${key.replace(/~1/g, "/").replace(/~0/g, "~")}" is not allowed here` };
    }
    case "not":
      return { pointer: where, atKey: false, message: `${describe(where)} holds something not allowed here` };
    case "oneOf":
    case "anyOf":
      return {
        pointer: where,
        atKey: false,
        message: `${describe(where)} has the wrong shape: ${(e.parentSchema as { description?: string } | undefined)?.description ?? "none of the allowed forms match"}`,
        // A number where a version label (or its split) belongs: the usual unquoted `production: 7`.
        ...(typeof e.data === "number" ? { expects: "string" as const, value: e.data } : {}),
      };
    default:
      return { pointer: where, atKey: false, message: `${describe(where)} ${e.message ?? "is invalid"}` };
  }
}

function escape(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** `/deployment/sagemaker/instanceCount` -> `deployment.sagemaker.instanceCount`. */
export function describe(pointer: string): string {
  if (pointer === "") return "the document";
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), "");
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "number") return `a number (${v})`;
  if (typeof v === "boolean") return `a boolean (${v})`;
  return `a ${typeof v}`;
}

function article(type: string): string {
  const t = type.replace("object", "mapping").replace("array", "list");
  return t.split(",").map((x) => (/^[aeiou]/.test(x) ? `an ${x}` : `a ${x}`)).join(" or ");
}

export type { Finding };

/**
 * Checks for the CloudFormation templates in docs/aws/, in the spirit of cfn-lint: properties against
 * the resource specification of their type (test/fixtures/cloudformation/resource-spec.json), and
 * references to conditional resources guarded by the same condition. Plus a small resolver of
 * parameters and conditions, to read a template as CloudFormation would for given parameter values.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";

export type Schema = { type?: string | string[]; enum?: unknown[]; properties?: Record<string, Schema>; required?: string[]; requiredOr?: string[]; oneOfRequired?: string[]; items?: Schema; additionalProperties?: Schema; minItems?: number; maxItems?: number; minimum?: number; maximum?: number; $ref?: string; definitions?: Record<string, Schema> };

export interface Template {
  Parameters: Record<string, { Type: string; Default?: string; AllowedPattern?: string }>;
  Conditions?: Record<string, unknown>;
  Rules?: Record<string, { RuleCondition?: unknown; Assertions: { Assert: unknown; AssertDescription?: string }[] }>;
  Resources: Record<string, { Type: string; Condition?: string; Properties: Record<string, unknown> }>;
  Outputs?: Record<string, { Value: unknown; Condition?: string }>;
}

export const resourceSpec = JSON.parse(readFileSync(new URL("../fixtures/cloudformation/resource-spec.json", import.meta.url), "utf8")) as Record<string, Schema>;

/** A template of docs/aws/ by file name, parsed as plain YAML (the templates use long-form intrinsics). */
export function readTemplate(name: string): Template {
  return parse(readFileSync(new URL(`../../docs/aws/${name}`, import.meta.url), "utf8")) as Template;
}

const isIntrinsic = (v: unknown) => !!v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && /^(Ref|Fn::\w+|Condition)$/.test(Object.keys(v)[0]!);
const typeOf = (v: unknown) => (Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v === "number" ? "number" : typeof v);

/** Problems of `value` against `schema` (resolved in `root`), at `at`. Intrinsics and Fn::If branches are checked as values. */
export function checkProperties(value: unknown, schema: Schema, root: Schema, at: string): string[] {
  if (schema.$ref) return checkProperties(value, root.definitions![schema.$ref.replace("#/definitions/", "")]!, root, at);
  if (value && typeof value === "object" && !Array.isArray(value) && "Fn::If" in value) {
    const [, yes, no] = (value as { "Fn::If": unknown[] })["Fn::If"];
    return [...checkProperties(yes, schema, root, `${at}(if)`), ...(isIntrinsic(no) && (no as { Ref?: string }).Ref === "AWS::NoValue" ? [] : checkProperties(no, schema, root, `${at}(else)`))];
  }
  if (isIntrinsic(value)) return [];
  const out: string[] = [];
  const types = schema.type === undefined ? (schema.properties ? ["object"] : []) : ([] as string[]).concat(schema.type);
  const t = typeOf(value);
  if (types.length && !types.includes(t) && !(t === "integer" && types.includes("number"))) return [`${at}: ${t}, the spec says ${types.join(" or ")}`];
  if (schema.enum && !schema.enum.includes(value)) out.push(`${at}: ${JSON.stringify(value)} is not one of ${schema.enum.join(", ")}`);
  if (typeof value === "number" && schema.minimum !== undefined && value < schema.minimum) out.push(`${at}: below ${schema.minimum}`);
  if (typeof value === "number" && schema.maximum !== undefined && value > schema.maximum) out.push(`${at}: above ${schema.maximum}`);
  if (Array.isArray(value)) {
    const present = value.filter((v) => !(isIntrinsic(v) && (v as { Ref?: string }).Ref === "AWS::NoValue"));
    if (schema.minItems !== undefined && present.length < schema.minItems) out.push(`${at}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) out.push(`${at}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((v, i) => out.push(...checkProperties(v, schema.items!, root, `${at}[${i}]`)));
  } else if (value && typeof value === "object" && (schema.properties || schema.additionalProperties)) {
    const obj = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(obj)) {
      const p = schema.properties?.[k] ?? schema.additionalProperties;
      if (!p) out.push(`${at}.${k}: not a property of this type`);
      else out.push(...checkProperties(v, p, root, `${at}.${k}`));
    }
    for (const r of schema.required ?? []) if (!(r in obj)) out.push(`${at}: required property ${r} missing`);
    if (schema.requiredOr && !schema.requiredOr.some((r) => r in obj)) out.push(`${at}: needs one of ${schema.requiredOr.join(", ")}`);
    if (schema.oneOfRequired && schema.oneOfRequired.filter((r) => r in obj).length !== 1) out.push(`${at}: needs exactly one of ${schema.oneOfRequired.join(", ")}`);
  }
  return out;
}

/** Every resource's properties against the spec of its type; a type missing from the fixture is a problem too. */
export function checkTemplateProperties(template: Template): string[] {
  return Object.entries(template.Resources).flatMap(([name, r]) => {
    const typeSpec = resourceSpec[r.Type];
    return typeSpec ? checkProperties(r.Properties, typeSpec, typeSpec, name) : [`${name}: no spec for ${r.Type} in the fixture`];
  });
}

/**
 * References (Ref, Fn::GetAtt, names in Fn::Sub) to a resource with a Condition from a place that
 * may exist without it: only the resource's own condition, or the true branch of an Fn::If on it,
 * guards such a reference (cfn-lint's "unguarded reference to a conditional resource"). Also
 * references to names that are neither a parameter, a resource nor a pseudo parameter, and
 * conditions that are not defined.
 */
export function checkReferences(template: Template): string[] {
  const out: string[] = [];
  const conditionOf = new Map(Object.entries(template.Resources).map(([n, r]) => [n, r.Condition]));
  const params = new Set(Object.keys(template.Parameters ?? {}));
  const conditions = new Set(Object.keys(template.Conditions ?? {}));
  const refTo = (name: string, guards: Set<string>, at: string) => {
    if (name.startsWith("AWS::") || params.has(name)) return;
    if (!conditionOf.has(name)) return void out.push(`${at}: ${name} is not a parameter or resource`);
    const c = conditionOf.get(name);
    if (c && !guards.has(c)) out.push(`${at}: ${name} exists only when ${c}, the reference is not guarded by it`);
  };
  const walk = (v: unknown, guards: Set<string>, at: string): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, guards, `${at}[${i}]`));
    if (!v || typeof v !== "object") return;
    const o = v as Record<string, unknown>;
    if (typeof o.Ref === "string") return refTo(o.Ref, guards, at);
    if (Array.isArray(o["Fn::GetAtt"])) return refTo(String(o["Fn::GetAtt"][0]), guards, at);
    if (o["Fn::Sub"] !== undefined) {
      const [text, vars] = Array.isArray(o["Fn::Sub"]) ? (o["Fn::Sub"] as [string, Record<string, unknown>]) : [o["Fn::Sub"] as string, {}];
      for (const m of text.matchAll(/\$\{([A-Za-z0-9:]+)(?:\.[A-Za-z]+)?\}/g)) if (!(m[1]! in vars)) refTo(m[1]!, guards, at);
      return walk(vars, guards, at);
    }
    if (Array.isArray(o["Fn::If"])) {
      const [c, yes, no] = o["Fn::If"] as [string, unknown, unknown];
      if (!conditions.has(c)) out.push(`${at}: condition ${c} is not defined`);
      walk(yes, new Set([...guards, c]), `${at}(if ${c})`);
      return walk(no, guards, `${at}(else ${c})`);
    }
    for (const [k, x] of Object.entries(o)) walk(x, guards, `${at}.${k}`);
  };
  for (const [name, r] of Object.entries(template.Resources)) {
    if (r.Condition && !conditions.has(r.Condition)) out.push(`${name}: condition ${r.Condition} is not defined`);
    walk(r.Properties, new Set(r.Condition ? [r.Condition] : []), name);
  }
  for (const [name, o] of Object.entries(template.Outputs ?? {})) walk(o.Value, new Set(o.Condition ? [o.Condition] : []), `Outputs.${name}`);
  return out;
}

/**
 * The template as CloudFormation reads it for `values` (defaults filled in): conditions evaluated,
 * Fn::If resolved, parameter Refs replaced by their value; resource Refs and other intrinsics kept.
 * Resources whose condition is false are left out.
 */
export function resolveTemplate(template: Template, values: Record<string, string>): { resources: Record<string, Record<string, unknown>>; outputs: Record<string, unknown>; conditions: Record<string, boolean> } {
  const param = (n: string) => values[n] ?? template.Parameters[n]?.Default;
  const conditions: Record<string, boolean> = {};
  const evalCond = (v: unknown): boolean => {
    const o = v as Record<string, unknown>;
    if (typeof o.Condition === "string") return condition(o.Condition);
    if (o["Fn::Equals"]) {
      const [a, b] = (o["Fn::Equals"] as unknown[]).map((x) => resolve(x));
      return JSON.stringify(a) === JSON.stringify(b);
    }
    if (o["Fn::Not"]) return !evalCond((o["Fn::Not"] as unknown[])[0]);
    if (o["Fn::And"]) return (o["Fn::And"] as unknown[]).every(evalCond);
    if (o["Fn::Or"]) return (o["Fn::Or"] as unknown[]).some(evalCond);
    throw new Error(`unsupported condition ${JSON.stringify(v)}`);
  };
  const condition = (name: string): boolean => (conditions[name] ??= evalCond(template.Conditions![name]));
  const resolve = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(resolve).filter((x) => !(x && typeof x === "object" && (x as { Ref?: string }).Ref === "AWS::NoValue"));
    if (!v || typeof v !== "object") return v;
    const o = v as Record<string, unknown>;
    if (typeof o.Ref === "string" && param(o.Ref) !== undefined && !o.Ref.startsWith("AWS::")) return param(o.Ref);
    if (Array.isArray(o["Fn::If"])) {
      const [c, yes, no] = o["Fn::If"] as [string, unknown, unknown];
      return resolve(condition(c) ? yes : no);
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, resolve(x)]));
  };
  for (const c of Object.keys(template.Conditions ?? {})) condition(c);
  const resources = Object.fromEntries(Object.entries(template.Resources).filter(([, r]) => !r.Condition || condition(r.Condition)).map(([n, r]) => [n, resolve(r.Properties) as Record<string, unknown>]));
  const outputs = Object.fromEntries(Object.entries(template.Outputs ?? {}).filter(([, o]) => !o.Condition || condition(o.Condition)).map(([n, o]) => [n, resolve(o.Value)]));
  return { resources, outputs, conditions };
}

/**
 * docs/aws/realtime.yaml against the CloudFormation resource specification of each type it uses
 * (test/fixtures/cloudformation/resource-spec.json, trimmed from the published provider schemas):
 * every property is one the type has, of the right type and allowed value, required ones present;
 * intrinsic functions stand for a value of any type. Plus what the real-time path needs to work.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

type Schema = { type?: string | string[]; enum?: unknown[]; properties?: Record<string, Schema>; required?: string[]; requiredOr?: string[]; oneOfRequired?: string[]; items?: Schema; additionalProperties?: Schema; minItems?: number; maxItems?: number; minimum?: number; maximum?: number; $ref?: string; definitions?: Record<string, Schema> };
const spec = JSON.parse(readFileSync(new URL("../fixtures/cloudformation/resource-spec.json", import.meta.url), "utf8")) as Record<string, Schema>;
const template = parse(readFileSync(new URL("../../docs/aws/realtime.yaml", import.meta.url), "utf8")) as {
  Parameters: Record<string, unknown>; Conditions: Record<string, unknown>; Resources: Record<string, { Type: string; Condition?: string; Properties: Record<string, unknown> }>;
};

const isIntrinsic = (v: unknown) => !!v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && /^(Ref|Fn::\w+|Condition)$/.test(Object.keys(v)[0]!);
const typeOf = (v: unknown) => (Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v === "number" ? "number" : typeof v);

/** Problems of `value` against `schema` (resolved in `root`), at `at`. Intrinsics and Fn::If branches are checked as values. */
function check(value: unknown, schema: Schema, root: Schema, at: string): string[] {
  if (schema.$ref) return check(value, root.definitions![schema.$ref.replace("#/definitions/", "")]!, root, at);
  if (value && typeof value === "object" && !Array.isArray(value) && "Fn::If" in value) {
    const [, yes, no] = (value as { "Fn::If": unknown[] })["Fn::If"];
    return [...check(yes, schema, root, `${at}(if)`), ...(isIntrinsic(no) && (no as { Ref?: string }).Ref === "AWS::NoValue" ? [] : check(no, schema, root, `${at}(else)`))];
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
    if (schema.items) value.forEach((v, i) => out.push(...check(v, schema.items!, root, `${at}[${i}]`)));
  } else if (value && typeof value === "object" && (schema.properties || schema.additionalProperties)) {
    const obj = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(obj)) {
      const p = schema.properties?.[k] ?? schema.additionalProperties;
      if (!p) out.push(`${at}.${k}: not a property of this type`);
      else out.push(...check(v, p, root, `${at}.${k}`));
    }
    for (const r of schema.required ?? []) if (!(r in obj)) out.push(`${at}: required property ${r} missing`);
    if (schema.requiredOr && !schema.requiredOr.some((r) => r in obj)) out.push(`${at}: needs one of ${schema.requiredOr.join(", ")}`);
    if (schema.oneOfRequired && schema.oneOfRequired.filter((r) => r in obj).length !== 1) out.push(`${at}: needs exactly one of ${schema.oneOfRequired.join(", ")}`);
  }
  return out;
}

describe("docs/aws/realtime.yaml", () => {
  it("every resource's properties match the CloudFormation resource specification of its type", () => {
    const resources = Object.entries(template.Resources);
    expect(resources.length).toBeGreaterThan(0);
    for (const [name, r] of resources) {
      const typeSpec = spec[r.Type];
      expect(typeSpec, `${name}: no spec for ${r.Type} in the fixture`).toBeDefined();
      expect(check(r.Properties, typeSpec!, typeSpec!, name)).toEqual([]);
    }
  });

  it("the checker is not a rubber stamp: a wrong property, type, enum or missing required one is reported", () => {
    const rule = spec["AWS::Events::Rule"]!;
    const bad = { Targets: [{ Id: "x", Arnn: "y", RetryPolicy: { MaximumRetryAttempts: 500 } }], State: "ON" };
    expect(check(bad, rule, rule, "R")).toEqual([
      "R.Targets[0].Arnn: not a property of this type",
      "R.Targets[0].RetryPolicy.MaximumRetryAttempts: above 185",
      "R.Targets[0]: required property Arn missing",
      'R.State: "ON" is not one of DISABLED, ENABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
      "R: needs one of EventPattern, ScheduleExpression",
    ]);
    const dest = spec["AWS::Events::ApiDestination"]!;
    expect(check({ ConnectionArn: "a", InvocationEndpoint: "b", HttpMethod: "POST", InvocationRateLimitPerSecond: "1" }, dest, dest, "D")).toEqual(["D.InvocationRateLimitPerSecond: string, the spec says integer"]);
  });

  it("routes the tool's alarms entering ALARM to POST /repos/{repo}/dispatches as steward-alarm with the alarm, with retries and a DLQ on every target", () => {
    const rule = template.Resources.AlarmRule!.Properties as { EventPattern: Record<string, unknown>; Targets: Record<string, unknown>[] };
    expect(rule.EventPattern).toEqual({ source: ["aws.cloudwatch"], "detail-type": ["CloudWatch Alarm State Change"], detail: { alarmName: [{ prefix: { Ref: "AlarmNamePrefix" } }], state: { value: ["ALARM"] } } });
    expect(template.Parameters.AlarmNamePrefix).toMatchObject({ Default: "steward-" });
    const github = rule.Targets[0] as { InputTransformer: { InputPathsMap: Record<string, string>; InputTemplate: string }; RetryPolicy: unknown; DeadLetterConfig: unknown };
    const body = JSON.parse(github.InputTransformer.InputTemplate.replace("<alarm>", "steward-fraud-detection-prod-accuracy-min").replace("<state>", "ALARM").replace("<time>", "2026-12-03T02:05:00Z")) as { event_type: string; client_payload: Record<string, string> };
    expect(body).toEqual({ event_type: "steward-alarm", client_payload: { alarm: "steward-fraud-detection-prod-accuracy-min", state: "ALARM", time: "2026-12-03T02:05:00Z" } });
    expect(github.InputTransformer.InputPathsMap).toEqual({ alarm: "$.detail.alarmName", state: "$.detail.state.value", time: "$.time" });
    for (const t of rule.Targets) {
      const target = "Fn::If" in t ? ((t as { "Fn::If": unknown[] })["Fn::If"][1] as Record<string, unknown>) : t;
      expect(target).toMatchObject({ RetryPolicy: { MaximumRetryAttempts: 24, MaximumEventAgeInSeconds: 3600 }, DeadLetterConfig: { Arn: { "Fn::GetAtt": ["DeadLetterQueue", "Arn"] } } });
    }
    expect(template.Resources.DispatchDestination!.Properties).toMatchObject({ HttpMethod: "POST", InvocationEndpoint: { "Fn::Sub": "${GitHubApiUrl}/repos/${GitHubRepository}/dispatches" } });
    const conn = template.Resources.GitHubConnection!.Properties as { AuthParameters: { ApiKeyAuthParameters: { ApiKeyValue: { "Fn::Sub": string } } } };
    expect(conn.AuthParameters.ApiKeyAuthParameters.ApiKeyValue["Fn::Sub"]).toBe("Bearer {{resolve:secretsmanager:${GitHubTokenSecretName}:SecretString}}");
  });

  it("the workflow takes the dispatch: repository_dispatch steward-alarm, client_payload.alarm to the action's alarm input", () => {
    const wf = parse(readFileSync(new URL("../../.github/workflows/monitor.yml", import.meta.url), "utf8")) as { on: Record<string, { types?: string[] }>; jobs: { monitor: { steps: { uses?: string; with?: Record<string, string> }[] } } };
    expect(wf.on.repository_dispatch).toEqual({ types: ["steward-alarm"] });
    const step = wf.jobs.monitor.steps.find((s) => s.uses === "./actions/monitor")!;
    expect(step.with!.alarm).toBe("${{ github.event_name == 'repository_dispatch' && github.event.client_payload.alarm || '' }}");
    const action = parse(readFileSync(new URL("../../actions/monitor/action.yml", import.meta.url), "utf8")) as { inputs: Record<string, unknown> };
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(["alarm", "model"]));
  });
});

/**
 * docs/aws/realtime.yaml against the CloudFormation resource specification of each type it uses
 * (test/fixtures/cloudformation/resource-spec.json, trimmed from the published provider schemas):
 * every property is one the type has, of the right type and allowed value, required ones present;
 * intrinsic functions stand for a value of any type. Plus what the real-time path needs to work.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkProperties as check, checkReferences, checkTemplateProperties, readTemplate, resourceSpec as spec } from "../support/cloudformation.js";

const template = readTemplate("realtime.yaml");

describe("docs/aws/realtime.yaml", () => {
  it("every resource's properties match the CloudFormation resource specification of its type", () => {
    expect(Object.keys(template.Resources).length).toBeGreaterThan(0);
    expect(checkTemplateProperties(template)).toEqual([]);
    expect(checkReferences(template)).toEqual([]);
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

import { readFileSync } from "node:fs";
import {
  ApplicationAutoScalingClient, ApplicationAutoScalingServiceException, DeregisterScalableTargetCommand, DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand, PutScalingPolicyCommand, RegisterScalableTargetCommand,
} from "@aws-sdk/client-application-auto-scaling";
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { autoscalingVariants } from "../../../src/adapters/aws/autoscaling-variants.js";
import { cloudWatchAlarms } from "../../../src/adapters/aws/cloudwatch-alarms.js";
import type { DesiredAlarm, DesiredScaling } from "../../../src/core/plan/sagemaker-types.js";

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/sagemaker/${name}`, import.meta.url), "utf8"), (key, value) =>
    /(Time|Timestamp)$/.test(key) && (typeof value === "number" || typeof value === "string") ? new Date(typeof value === "number" ? value * 1000 : value) : value,
  );

const cw = mockClient(CloudWatchClient);
const aas = mockClient(ApplicationAutoScalingClient);
afterEach(() => { cw.reset(); aas.reset(); });

const alarm: DesiredAlarm = {
  name: "steward-fraud-detection-prod-latency-max", description: "d", namespace: "AWS/SageMaker", metric: "ModelLatency",
  dimensions: { EndpointName: "fraud-detection-prod", VariantName: "AllTraffic" }, extendedStatistic: "p99", period: 600,
  evaluationPeriods: 2, datapointsToAlarm: 2, threshold: 250000, comparison: "GreaterThanThreshold", treatMissingData: "notBreaching",
  alarmActions: [], okActions: [], insufficientDataActions: [],
};
const scaling: DesiredScaling = { resourceId: "endpoint/fraud-detection-prod/variant/AllTraffic", variantName: "AllTraffic", min: 2, max: 8, policyName: "steward-invocations-per-instance", targetInvocationsPerInstance: 1000, scaleInCooldown: 300 };

describe("cloudWatchAlarms", () => {
  it("reads alarms into the shape the diff compares", async () => {
    cw.on(DescribeAlarmsCommand).resolves(fixture("describe-alarms.json"));
    const [a] = await cloudWatchAlarms(new CloudWatchClient({ region: "us-east-1" })).describeAlarms(["steward-fraud-detection-prod-accuracy-min"]);
    expect(a).toMatchObject({ name: "steward-fraud-detection-prod-accuracy-min", namespace: "Acme/ModelQuality", metric: "Accuracy", dimensions: { Model: "fraud-detection" }, statistic: "Average", period: 600, evaluationPeriods: 3, datapointsToAlarm: 3, threshold: 0.9, comparison: "LessThanThreshold", treatMissingData: "notBreaching" });
    expect(cw.commandCalls(DescribeAlarmsCommand)[0]!.args[0].input).toMatchObject({ AlarmNames: ["steward-fraud-detection-prod-accuracy-min"], AlarmTypes: ["MetricAlarm"] });
  });

  it("puts a percentile alarm with ExtendedStatistic, never both statistics", async () => {
    cw.on(PutMetricAlarmCommand).resolves({});
    await cloudWatchAlarms(new CloudWatchClient({ region: "us-east-1" })).putAlarm(alarm);
    const input = cw.commandCalls(PutMetricAlarmCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ AlarmName: alarm.name, ExtendedStatistic: "p99", Period: 600, EvaluationPeriods: 2, DatapointsToAlarm: 2, Threshold: 250000, ComparisonOperator: "GreaterThanThreshold", TreatMissingData: "notBreaching", Dimensions: [{ Name: "EndpointName", Value: "fraud-detection-prod" }, { Name: "VariantName", Value: "AllTraffic" }] });
    expect(input.Statistic).toBeUndefined();
  });

  it("sends the policy's SNS topics per state, and empty lists so a removed topic goes (PutMetricAlarm replaces)", async () => {
    cw.on(PutMetricAlarmCommand).resolves({});
    const topic = "arn:aws:sns:us-east-1:123456789012:ml-oncall";
    const c = cloudWatchAlarms(new CloudWatchClient({ region: "us-east-1" }));
    await c.putAlarm({ ...alarm, alarmActions: [topic], okActions: [topic] });
    await c.putAlarm(alarm);
    const [first, second] = cw.commandCalls(PutMetricAlarmCommand).map((x) => x.args[0].input);
    expect(first).toMatchObject({ ActionsEnabled: true, AlarmActions: [topic], OKActions: [topic], InsufficientDataActions: [] });
    expect(second).toMatchObject({ AlarmActions: [], OKActions: [], InsufficientDataActions: [] });
  });

  it("reads the actions of a live alarm", async () => {
    const topic = "arn:aws:sns:us-east-1:123456789012:ml-oncall";
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: "a", Namespace: "N", MetricName: "M", Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: "GreaterThanThreshold", AlarmActions: [topic], OKActions: [] }] });
    const [a] = await cloudWatchAlarms(new CloudWatchClient({ region: "us-east-1" })).describeAlarms(["a"]);
    expect(a).toMatchObject({ alarmActions: [topic], okActions: [], insufficientDataActions: [] });
  });
});

describe("autoscalingVariants", () => {
  const client = () => autoscalingVariants(new ApplicationAutoScalingClient({ region: "us-east-1" }));

  it("reads scalable targets and their target-tracking policies", async () => {
    aas.on(DescribeScalableTargetsCommand).resolves(fixture("describe-scalable-targets.json"));
    aas.on(DescribeScalingPoliciesCommand).resolves(fixture("describe-scaling-policies.json"));
    const live = await client().describe([scaling.resourceId]);
    expect(live).toEqual({
      targets: [{ resourceId: scaling.resourceId, min: 2, max: 8 }],
      policies: [{ resourceId: scaling.resourceId, policyName: "steward-invocations-per-instance", targetValue: 1000, predefinedMetricType: "SageMakerVariantInvocationsPerInstance", scaleInCooldown: undefined, scaleOutCooldown: undefined }],
    });
    expect(aas.commandCalls(DescribeScalableTargetsCommand)[0]!.args[0].input).toMatchObject({ ServiceNamespace: "sagemaker", ScalableDimension: "sagemaker:variant:DesiredInstanceCount", ResourceIds: [scaling.resourceId] });
  });

  it("registers the variant and puts a TargetTrackingScaling policy on invocations per instance", async () => {
    aas.on(RegisterScalableTargetCommand).resolves({});
    aas.on(PutScalingPolicyCommand).resolves({ PolicyARN: "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:x", Alarms: [] });
    await client().registerScalableTarget(scaling);
    await client().putScalingPolicy(scaling);
    expect(aas.commandCalls(RegisterScalableTargetCommand)[0]!.args[0].input).toEqual({ ServiceNamespace: "sagemaker", ScalableDimension: "sagemaker:variant:DesiredInstanceCount", ResourceId: scaling.resourceId, MinCapacity: 2, MaxCapacity: 8 });
    expect(aas.commandCalls(PutScalingPolicyCommand)[0]!.args[0].input).toEqual({
      PolicyName: "steward-invocations-per-instance", ServiceNamespace: "sagemaker", ScalableDimension: "sagemaker:variant:DesiredInstanceCount", ResourceId: scaling.resourceId,
      PolicyType: "TargetTrackingScaling",
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 1000, PredefinedMetricSpecification: { PredefinedMetricType: "SageMakerVariantInvocationsPerInstance" }, ScaleInCooldown: 300 },
    });
  });

  it("treats deregistering a target that is not registered as done", async () => {
    aas.on(DeregisterScalableTargetCommand).rejects(new ApplicationAutoScalingServiceException({ name: "ObjectNotFoundException", $fault: "client", $metadata: { httpStatusCode: 400 }, message: "No scalable target registered for service namespace: sagemaker, resource ID: endpoint/x/variant/AllTraffic, scalable dimension: sagemaker:variant:DesiredInstanceCount" }));
    await expect(client().deregisterScalableTarget("endpoint/x/variant/AllTraffic")).resolves.toBeUndefined();
  });
});

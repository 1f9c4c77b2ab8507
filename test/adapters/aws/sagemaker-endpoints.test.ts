import { readFileSync } from "node:fs";
import {
  CreateEndpointConfigCommand, CreateModelCommand, DescribeEndpointCommand, DescribeEndpointConfigCommand,
  ListEndpointConfigsCommand, SageMakerClient, SageMakerServiceException, UpdateEndpointCommand,
  AddTagsCommand, ListTagsCommand, UpdateEndpointWeightsAndCapacitiesCommand,
} from "@aws-sdk/client-sagemaker";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { sageMakerEndpoints } from "../../../src/adapters/aws/sagemaker-endpoints.js";
import { isAwsNotFound, toExternalError } from "../../../src/adapters/aws/to-external-error.js";
import { ExternalError } from "../../../src/core/errors.js";

const dir = new URL("../../fixtures/sagemaker/", import.meta.url);
/** A fixture with wire timestamps turned into Dates, as the SDK's deserializer does. */
function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, dir), "utf8"), (key, value) =>
    /(Time|Timestamp)$/.test(key) && (typeof value === "number" || typeof value === "string") ? new Date(typeof value === "number" ? value * 1000 : value) : value,
  ) as T;
}
const errors = fixture<Record<string, { __type: string; message?: string; Message?: string }>>("errors.json");
function awsError(kind: string, status = 400): SageMakerServiceException {
  const e = errors[kind]!;
  return new SageMakerServiceException({ name: e.__type, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status, requestId: "req-1", attempts: 1 }, message: e.message ?? e.Message ?? "" });
}

const sm = mockClient(SageMakerClient);
afterEach(() => sm.reset());
const client = () => sageMakerEndpoints(new SageMakerClient({ region: "us-east-1" }));

describe("sageMakerEndpoints", () => {
  it("reads a blue/green deployment in progress, with its pending config", async () => {
    sm.on(DescribeEndpointCommand).resolves(fixture("describe-endpoint-updating.json"));
    const ep = await client().describeEndpoint("fraud-detection-prod");
    expect(ep).toEqual({
      name: "fraud-detection-prod",
      arn: "arn:aws:sagemaker:us-east-1:123456789012:endpoint/fraud-detection-prod",
      status: "Updating",
      configName: "fraud-detection-prod-1a2b3c4d5e",
      pendingConfigName: "fraud-detection-prod-9f8e7d6c5b",
      variants: [{ name: "AllTraffic", currentWeight: 1, desiredWeight: 1, currentInstanceCount: 2, desiredInstanceCount: 2 }],
    });
  });

  it("keeps SageMaker's FailureReason", async () => {
    sm.on(DescribeEndpointCommand).resolves(fixture("describe-endpoint-failed.json"));
    expect(await client().describeEndpoint("fraud-detection-prod")).toMatchObject({ status: "Failed", failureReason: expect.stringContaining("ping health check"), variants: [] });
  });

  it("maps SageMaker's 'Could not find' ValidationException to undefined, other errors to ExternalError", async () => {
    sm.on(DescribeEndpointCommand).rejects(awsError("endpointNotFound"));
    sm.on(DescribeEndpointConfigCommand).rejects(awsError("limitExceeded"));
    expect(await client().describeEndpoint("fraud-detection-prod")).toBeUndefined();
    const err = await client().describeEndpointConfig("x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExternalError);
    expect(err).toMatchObject({ service: "aws", status: 400, code: "ResourceLimitExceeded", message: expect.stringMatching(/^describe endpoint config x: The account-level service limit/) });
  });

  it("reads an endpoint config's variants and data capture", async () => {
    sm.on(DescribeEndpointConfigCommand).resolves(fixture("describe-endpoint-config.json"));
    expect(await client().describeEndpointConfig("fraud-detection-prod-1a2b3c4d5e")).toEqual({
      name: "fraud-detection-prod-1a2b3c4d5e",
      variants: [{ name: "AllTraffic", modelName: "fraud-detection-v7-0a1b2c3d4e", instanceType: "ml.m5.xlarge", initialInstanceCount: 2, initialWeight: 100 }],
      dataCapture: { enabled: true, samplingPercent: 20, destination: "s3://acme-ml-capture/fraud-detection" },
    });
  });

  it("follows NextToken through every page", async () => {
    sm.on(ListEndpointConfigsCommand).resolvesOnce(fixture("list-endpoint-configs-page1.json")).resolvesOnce(fixture("list-endpoint-configs-page2.json"));
    const configs = await client().listEndpointConfigs("fraud-detection-prod");
    expect(configs.map((c) => c.name)).toEqual(["fraud-detection-prod-1a2b3c4d5e", "fraud-detection-prod-9f8e7d6c5b"]);
    expect(configs[1]!.createdAt).toEqual(new Date(1764115200000));
    expect(sm.commandCalls(ListEndpointConfigsCommand)[1]!.args[0].input).toMatchObject({ NameContains: "fraud-detection-prod", NextToken: "eyJuZXh0IjoiZnJhdWQtZGV0ZWN0aW9uLXByb2QtOWY4ZTdkNmM1YiJ9" });
  });

  it("creates models and configs with the API's shapes, and treats 'already existing' as done", async () => {
    sm.on(CreateModelCommand).rejects(awsError("modelExists"));
    sm.on(CreateEndpointConfigCommand).resolves({ EndpointConfigArn: "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/c-0123456789" });
    const c = client();
    await c.createModel({ name: "m-0123456789", model: "m", version: "7", image: "img:1", modelDataUrl: "s3://b/files/md5/aa/bb", executionRoleArn: "arn:aws:iam::123456789012:role/r", environment: { A: "1" } }, { "steward:model": "m" });
    expect(sm.commandCalls(CreateModelCommand)[0]!.args[0].input).toEqual({
      ModelName: "m-0123456789",
      PrimaryContainer: { Image: "img:1", ModelDataUrl: "s3://b/files/md5/aa/bb", Environment: { A: "1" } },
      ExecutionRoleArn: "arn:aws:iam::123456789012:role/r",
      Tags: [{ Key: "steward:model", Value: "m" }],
    });
    await c.createEndpointConfig({ name: "c-0123456789", variants: [{ variantName: "AllTraffic", modelName: "m-0123456789", version: "7", instanceType: "ml.m5.xlarge", instanceCount: 2, weight: 100 }], dataCapture: { samplingPercent: 20, destination: "s3://cap/x" } }, {});
    expect(sm.commandCalls(CreateEndpointConfigCommand)[0]!.args[0].input).toEqual({
      EndpointConfigName: "c-0123456789",
      ProductionVariants: [{ VariantName: "AllTraffic", ModelName: "m-0123456789", InstanceType: "ml.m5.xlarge", InitialInstanceCount: 2, InitialVariantWeight: 100 }],
      DataCaptureConfig: { EnableCapture: true, InitialSamplingPercentage: 20, DestinationS3Uri: "s3://cap/x", CaptureOptions: [{ CaptureMode: "Input" }, { CaptureMode: "Output" }] },
      Tags: [],
    });
  });

  it("sends UpdateEndpoint without DeploymentConfig when none is given", async () => {
    sm.on(UpdateEndpointCommand).resolves({ EndpointArn: "arn:aws:sagemaker:us-east-1:123456789012:endpoint/e" });
    await client().updateEndpoint("e", "e-0123456789");
    expect(sm.commandCalls(UpdateEndpointCommand)[0]!.args[0].input).toEqual({ EndpointName: "e", EndpointConfigName: "e-0123456789" });
    await client().updateEndpoint("e", "e-0123456789", undefined, { retainInstanceCounts: true });
    expect(sm.commandCalls(UpdateEndpointCommand)[1]!.args[0].input).toEqual({ EndpointName: "e", EndpointConfigName: "e-0123456789", RetainAllVariantProperties: true, ExcludeRetainedVariantProperties: [{ VariantPropertyType: "DesiredWeight" }] });
  });
});

describe("sageMakerEndpoints: the endpoint settings teams use", () => {
  const topicOk = "arn:aws:sns:us-east-1:123456789012:ml-async-ok";
  const topicErr = "arn:aws:sns:us-east-1:123456789012:ml-async-error";

  it("CreateModel carries VpcConfig", async () => {
    sm.on(CreateModelCommand).resolves({ ModelArn: "arn:aws:sagemaker:us-east-1:123456789012:model/m-0123456789" });
    await client().createModel({ name: "m-0123456789", model: "m", version: "7", image: "img:1", modelDataUrl: "s3://b/x", executionRoleArn: "arn:aws:iam::123456789012:role/r", environment: {}, vpc: { subnets: ["subnet-0a1b2c3d"], securityGroupIds: ["sg-0a1b2c3d"] } }, { team: "risk", "steward:model": "m" });
    expect(sm.commandCalls(CreateModelCommand)[0]!.args[0].input).toMatchObject({
      VpcConfig: { Subnets: ["subnet-0a1b2c3d"], SecurityGroupIds: ["sg-0a1b2c3d"] },
      Tags: [{ Key: "team", Value: "risk" }, { Key: "steward:model", Value: "m" }],
    });
  });

  it("CreateEndpointConfig carries volume, timeouts, KMS keys, async inference and capture encryption", async () => {
    sm.on(CreateEndpointConfigCommand).resolves({ EndpointConfigArn: "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/c-0123456789" });
    await client().createEndpointConfig({
      name: "c-0123456789",
      variants: [{ variantName: "AllTraffic", modelName: "m-0123456789", version: "7", instanceType: "ml.m5.xlarge", instanceCount: 2, weight: 100, volumeSizeGB: 30, modelDataDownloadTimeoutSeconds: 900, containerStartupHealthCheckTimeoutSeconds: 600 }],
      dataCapture: { samplingPercent: 20, destination: "s3://cap/x", kmsKeyId: "alias/ml-output" },
      kmsKeyId: "alias/ml-volume",
      asyncInference: { outputPath: "s3://acme-async/out", failurePath: "s3://acme-async/failed", successTopic: topicOk, errorTopic: topicErr, kmsKeyId: "alias/ml-output", maxConcurrentInvocationsPerInstance: 4 },
    }, { team: "risk" });
    expect(sm.commandCalls(CreateEndpointConfigCommand)[0]!.args[0].input).toEqual({
      EndpointConfigName: "c-0123456789",
      ProductionVariants: [{ VariantName: "AllTraffic", ModelName: "m-0123456789", InstanceType: "ml.m5.xlarge", InitialInstanceCount: 2, InitialVariantWeight: 100, VolumeSizeInGB: 30, ModelDataDownloadTimeoutInSeconds: 900, ContainerStartupHealthCheckTimeoutInSeconds: 600 }],
      DataCaptureConfig: { EnableCapture: true, InitialSamplingPercentage: 20, DestinationS3Uri: "s3://cap/x", KmsKeyId: "alias/ml-output", CaptureOptions: [{ CaptureMode: "Input" }, { CaptureMode: "Output" }] },
      KmsKeyId: "alias/ml-volume",
      AsyncInferenceConfig: {
        OutputConfig: { S3OutputPath: "s3://acme-async/out", S3FailurePath: "s3://acme-async/failed", KmsKeyId: "alias/ml-output", NotificationConfig: { SuccessTopic: topicOk, ErrorTopic: topicErr } },
        ClientConfig: { MaxConcurrentInvocationsPerInstance: 4 },
      },
      Tags: [{ Key: "team", Value: "risk" }],
    });
  });

  it("a serverless variant sends ServerlessConfig and no instance type or count", async () => {
    sm.on(CreateEndpointConfigCommand).resolves({});
    await client().createEndpointConfig({ name: "c-1", variants: [{ variantName: "AllTraffic", modelName: "m-1", version: "1", weight: 100, serverless: { memoryMB: 2048, maxConcurrency: 20, provisionedConcurrency: 5 } }] }, {});
    expect(sm.commandCalls(CreateEndpointConfigCommand)[0]!.args[0].input.ProductionVariants).toEqual([
      { VariantName: "AllTraffic", ModelName: "m-1", InitialVariantWeight: 100, ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 20, ProvisionedConcurrency: 5 } },
    ]);
  });

  it("reads every setting back from DescribeEndpointConfig; EnableCapture false is capture off", async () => {
    sm.on(DescribeEndpointConfigCommand).resolves(fixture("describe-endpoint-config-settings.json"));
    expect(await client().describeEndpointConfig("fraud-detection-prod-5e4d3c2b1a")).toEqual({
      name: "fraud-detection-prod-5e4d3c2b1a",
      variants: [{ name: "AllTraffic", modelName: "fraud-detection-v7-0a1b2c3d4e", instanceType: "ml.m5.xlarge", initialInstanceCount: 2, initialWeight: 100, volumeSizeGB: 30, modelDataDownloadTimeoutSeconds: 900, containerStartupHealthCheckTimeoutSeconds: 600 }],
      dataCapture: { enabled: false, samplingPercent: 20, destination: "s3://acme-ml-capture/fraud-detection", kmsKeyId: "alias/ml-output" },
      kmsKeyId: "alias/ml-volume",
      asyncInference: { outputPath: "s3://acme-async/out", failurePath: "s3://acme-async/failed", successTopic: topicOk, errorTopic: topicErr, kmsKeyId: "alias/ml-output", maxConcurrentInvocationsPerInstance: 4 },
    });
  });

  it("an empty DataCaptureConfig (what emulators answer for a config without capture), or one without EnableCapture, is capture off", async () => {
    const base = fixture("describe-endpoint-config.json");
    sm.on(DescribeEndpointConfigCommand).resolvesOnce({ ...base, DataCaptureConfig: {} as never }).resolvesOnce({ ...base, DataCaptureConfig: { InitialSamplingPercentage: 20, DestinationS3Uri: "s3://x/y", CaptureOptions: [{ CaptureMode: "Input" }] } });
    expect((await client().describeEndpointConfig("a"))!.dataCapture).toMatchObject({ enabled: false });
    expect((await client().describeEndpointConfig("b"))!.dataCapture).toMatchObject({ enabled: false });
  });

  it("reads serverless concurrency from DescribeEndpoint and changes it in place", async () => {
    sm.on(DescribeEndpointCommand).resolves(fixture("describe-endpoint-serverless.json"));
    sm.on(UpdateEndpointWeightsAndCapacitiesCommand).resolves({});
    const ep = await client().describeEndpoint("churn-prod");
    expect(ep).toMatchObject({ arn: "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-prod", variants: [{ name: "AllTraffic", currentServerless: { maxConcurrency: 20, provisionedConcurrency: 5 }, desiredServerless: { maxConcurrency: 40, provisionedConcurrency: 5 } }] });
    await client().updateWeightsAndCapacities("churn-prod", [{ VariantName: "AllTraffic", ServerlessUpdateConfig: { MaxConcurrency: 40, ProvisionedConcurrency: 5 } }]);
    expect(sm.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand)[0]!.args[0].input).toEqual({ EndpointName: "churn-prod", DesiredWeightsAndCapacities: [{ VariantName: "AllTraffic", ServerlessUpdateConfig: { MaxConcurrency: 40, ProvisionedConcurrency: 5 } }] });
  });

  it("lists tags across pages and adds tags in place", async () => {
    const arn = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-prod";
    sm.on(ListTagsCommand).resolvesOnce({ Tags: [{ Key: "team", Value: "risk" }], NextToken: "t2" }).resolvesOnce({ Tags: [{ Key: "steward:model", Value: "churn" }] });
    sm.on(AddTagsCommand).resolves({});
    expect(await client().listTags(arn)).toEqual({ team: "risk", "steward:model": "churn" });
    expect(sm.commandCalls(ListTagsCommand)[1]!.args[0].input).toEqual({ ResourceArn: arn, MaxResults: 100, NextToken: "t2" });
    await client().addTags(arn, { team: "fraud" });
    expect(sm.commandCalls(AddTagsCommand)[0]!.args[0].input).toEqual({ ResourceArn: arn, Tags: [{ Key: "team", Value: "fraud" }] });
  });
});

describe("toExternalError", () => {
  it("maps any AWS error shape once, and network errors without status", () => {
    const e = toExternalError(awsError("throttling"), "describe endpoint e");
    expect(e).toMatchObject({ service: "aws", status: 400, code: "ThrottlingException", message: "describe endpoint e: Rate exceeded" });
    expect(toExternalError(e, "again")).toBe(e);
    const net = toExternalError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4566"), { name: "TimeoutError" }), "describe endpoint e");
    expect(net).toMatchObject({ status: undefined, code: "TimeoutError" });
    expect(isAwsNotFound(toExternalError(awsError("modelNotFound"), "x"))).toBe(true);
  });
});

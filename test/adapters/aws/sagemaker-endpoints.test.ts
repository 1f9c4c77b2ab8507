import { readFileSync } from "node:fs";
import {
  CreateEndpointConfigCommand, CreateModelCommand, DescribeEndpointCommand, DescribeEndpointConfigCommand,
  ListEndpointConfigsCommand, SageMakerClient, SageMakerServiceException, UpdateEndpointCommand,
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

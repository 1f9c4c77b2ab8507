/** The AWS settings of model.yaml and policies pass the schemas and survive normalization intact. */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { normalizeModel, normalizePolicy } from "../../../src/core/repo/normalize.js";
import { validateDocument } from "../../../src/core/schema/validate-document.js";

const model = `
apiVersion: steward/v1
kind: Model
name: scorer
description: Scores things.
owners: ["@acme/ml"]
task: binary-classification
policy: base
stages: { production: "1" }
deployment:
  account: "123456789012"
  region: us-east-1
  sagemaker:
    endpoint: scorer-prod
    executionRoleArn: arn:aws:iam::123456789012:role/sagemaker-exec
    instanceType: ml.m5.large
    instanceCount: 2
    vpc: { subnets: [subnet-0a1b2c3d, subnet-1a1b2c3d], securityGroupIds: [sg-0a1b2c3d] }
    kms: { volumeKeyId: alias/ml-volume, outputKeyId: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" }
    volumeSizeGB: 30
    modelDataDownloadTimeoutSeconds: 900
    containerStartupHealthCheckTimeoutSeconds: 600
    asyncInference:
      outputPath: s3://acme-async/out
      failurePath: s3://acme-async/failed
      successTopic: arn:aws:sns:us-east-1:123456789012:ok
      errorTopic: arn:aws:sns:us-east-1:123456789012:err
      maxConcurrentInvocationsPerInstance: 4
tags: { team: risk }
`;

const policy = `
apiVersion: steward/v1
kind: Policy
name: base
promotion: { order: [staging, production] }
alarms:
  actions:
    alarm: [arn:aws:sns:us-east-1:123456789012:ml-oncall]
    ok: [arn:aws:sns:us-east-1:123456789012:ml-oncall]
`;

describe("AWS settings in the schemas", () => {
  it("a model with VPC, KMS, volume, timeouts, async inference, account and region is valid and normalizes field by field", () => {
    const doc = parse(model);
    expect(validateDocument("Model", doc)).toEqual([]);
    const m = normalizeModel("models/scorer/model.yaml", doc);
    expect(m.deployment).toMatchObject({
      account: "123456789012",
      region: "us-east-1",
      sagemaker: {
        vpc: { subnets: ["subnet-0a1b2c3d", "subnet-1a1b2c3d"], securityGroupIds: ["sg-0a1b2c3d"] },
        kms: { volumeKeyId: "alias/ml-volume" },
        volumeSizeGB: 30,
        modelDataDownloadTimeoutSeconds: 900,
        containerStartupHealthCheckTimeoutSeconds: 600,
        asyncInference: { outputPath: "s3://acme-async/out", maxConcurrentInvocationsPerInstance: 4 },
      },
    });
  });

  it("a serverless model needs no instance type; out-of-range values are refused", () => {
    const doc = parse(model);
    const sm = doc.deployment.sagemaker;
    for (const k of ["instanceType", "instanceCount", "volumeSizeGB", "asyncInference", "kms"]) delete sm[k];
    sm.serverless = { memoryMB: 2048, maxConcurrency: 20, provisionedConcurrency: 5 };
    expect(validateDocument("Model", doc)).toEqual([]);
    expect(normalizeModel("models/scorer/model.yaml", doc).deployment?.sagemaker).not.toHaveProperty("instanceType");
    sm.serverless.memoryMB = 1500;
    sm.modelDataDownloadTimeoutSeconds = 10;
    expect(validateDocument("Model", doc).map((p) => p.pointer).sort()).toEqual(["/deployment/sagemaker/modelDataDownloadTimeoutSeconds", "/deployment/sagemaker/serverless/memoryMB"]);
  });

  it("an instance-backed model without instanceType is told what is missing", () => {
    const doc = parse(model);
    delete doc.deployment.sagemaker.instanceType;
    expect(validateDocument("Model", doc)).toEqual([{ pointer: "/deployment/sagemaker", atKey: true, message: 'missing required field "instanceType" in deployment.sagemaker' }]);
  });

  it("policy alarms.actions takes SNS topic ARNs per state", () => {
    const doc = parse(policy);
    expect(validateDocument("Policy", doc)).toEqual([]);
    expect(normalizePolicy("policies/base.yaml", doc).alarms).toEqual({ actions: { alarm: ["arn:aws:sns:us-east-1:123456789012:ml-oncall"], ok: ["arn:aws:sns:us-east-1:123456789012:ml-oncall"], insufficientData: [] } });
    doc.alarms.actions.alarm = ["https://hooks.example.com/x"];
    expect(validateDocument("Policy", doc)[0]!.pointer).toBe("/alarms/actions/alarm/0");
  });
});

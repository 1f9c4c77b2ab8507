/**
 * SageMakerEndpoints over the AWS SDK v3 SageMaker client: models, endpoint configs, endpoints.
 * I/O only: it translates between SDK shapes and src/core/plan/sagemaker-types.ts.
 */
import {
  AddTagsCommand, CreateEndpointCommand, CreateEndpointConfigCommand, CreateModelCommand, DeleteEndpointCommand,
  DescribeEndpointCommand, DescribeEndpointConfigCommand, DescribeModelCommand, ListEndpointConfigsCommand,
  ListModelsCommand, ListTagsCommand, UpdateEndpointCommand, UpdateEndpointWeightsAndCapacitiesCommand, type SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import type { SageMakerEndpoints } from "../../ports.js";
import type { AsyncInference, EndpointStatus, LiveEndpoint, LiveEndpointConfig, OwnedResource } from "../../core/plan/sagemaker-types.js";
import { isAwsAlreadyExists, mapAwsErrors, toExternalError, unlessNotFound } from "./to-external-error.js";

const toTags = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

const serverlessConcurrency = (c: { MaxConcurrency?: number; ProvisionedConcurrency?: number }) => ({
  ...(c.MaxConcurrency !== undefined ? { maxConcurrency: c.MaxConcurrency } : {}),
  ...(c.ProvisionedConcurrency !== undefined ? { provisionedConcurrency: c.ProvisionedConcurrency } : {}),
});

/** AsyncInferenceConfig of CreateEndpointConfig. */
function asyncInferenceConfig(a: AsyncInference) {
  const notify = { ...(a.successTopic ? { SuccessTopic: a.successTopic } : {}), ...(a.errorTopic ? { ErrorTopic: a.errorTopic } : {}) };
  return {
    OutputConfig: {
      S3OutputPath: a.outputPath,
      ...(a.failurePath ? { S3FailurePath: a.failurePath } : {}),
      ...(a.kmsKeyId ? { KmsKeyId: a.kmsKeyId } : {}),
      ...(Object.keys(notify).length ? { NotificationConfig: notify } : {}),
    },
    ...(a.maxConcurrentInvocationsPerInstance !== undefined ? { ClientConfig: { MaxConcurrentInvocationsPerInstance: a.maxConcurrentInvocationsPerInstance } } : {}),
  };
}

/** SageMakerEndpoints backed by `client` (built with awsClientOptions for retries). */
export function sageMakerEndpoints(client: SageMakerClient): SageMakerEndpoints {
  async function createIfAbsent(action: string, fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      if (isAwsAlreadyExists(err)) return; // names are content hashes: same name, same content
      throw toExternalError(err, action);
    }
  }

  async function listAll(action: string, page: (token?: string) => Promise<{ items: OwnedResource[]; next?: string }>): Promise<OwnedResource[]> {
    const all: OwnedResource[] = [];
    let token: string | undefined;
    do {
      const res = await mapAwsErrors(action, () => page(token));
      all.push(...res.items);
      token = res.next;
    } while (token);
    return all;
  }

  return {
    async describeEndpoint(name) {
      const out = await unlessNotFound(`describe endpoint ${name}`, () => client.send(new DescribeEndpointCommand({ EndpointName: name })));
      if (!out) return undefined;
      const live: LiveEndpoint = {
        name: out.EndpointName ?? name,
        ...(out.EndpointArn ? { arn: out.EndpointArn } : {}),
        status: (out.EndpointStatus ?? "OutOfService") as EndpointStatus,
        variants: (out.ProductionVariants ?? []).map((v) => ({
          name: v.VariantName ?? "",
          currentWeight: v.CurrentWeight,
          desiredWeight: v.DesiredWeight,
          currentInstanceCount: v.CurrentInstanceCount,
          desiredInstanceCount: v.DesiredInstanceCount,
          ...(v.CurrentServerlessConfig ? { currentServerless: serverlessConcurrency(v.CurrentServerlessConfig) } : {}),
          ...(v.DesiredServerlessConfig ? { desiredServerless: serverlessConcurrency(v.DesiredServerlessConfig) } : {}),
        })),
      };
      if (out.EndpointConfigName) live.configName = out.EndpointConfigName;
      if (out.FailureReason) live.failureReason = out.FailureReason;
      if (out.PendingDeploymentSummary?.EndpointConfigName) live.pendingConfigName = out.PendingDeploymentSummary.EndpointConfigName;
      return live;
    },

    async describeEndpointConfig(name) {
      const out = await unlessNotFound(`describe endpoint config ${name}`, () => client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name })));
      if (!out) return undefined;
      const cfg: LiveEndpointConfig = {
        name: out.EndpointConfigName ?? name,
        variants: (out.ProductionVariants ?? []).map((v) => ({
          name: v.VariantName ?? "",
          modelName: v.ModelName ?? "",
          instanceType: v.InstanceType,
          initialInstanceCount: v.InitialInstanceCount,
          initialWeight: v.InitialVariantWeight,
          ...(v.VolumeSizeInGB !== undefined ? { volumeSizeGB: v.VolumeSizeInGB } : {}),
          ...(v.ModelDataDownloadTimeoutInSeconds !== undefined ? { modelDataDownloadTimeoutSeconds: v.ModelDataDownloadTimeoutInSeconds } : {}),
          ...(v.ContainerStartupHealthCheckTimeoutInSeconds !== undefined ? { containerStartupHealthCheckTimeoutSeconds: v.ContainerStartupHealthCheckTimeoutInSeconds } : {}),
          ...(v.ServerlessConfig
            ? { serverless: { memoryMB: v.ServerlessConfig.MemorySizeInMB ?? 0, maxConcurrency: v.ServerlessConfig.MaxConcurrency ?? 0, ...(v.ServerlessConfig.ProvisionedConcurrency !== undefined ? { provisionedConcurrency: v.ServerlessConfig.ProvisionedConcurrency } : {}) } }
            : {}),
        })),
      };
      const dc = out.DataCaptureConfig;
      // Capture is on only when EnableCapture is true: `{}` or EnableCapture false/absent is capture off.
      if (dc) {
        cfg.dataCapture = { enabled: dc.EnableCapture === true, samplingPercent: dc.InitialSamplingPercentage ?? 0, destination: dc.DestinationS3Uri ?? "" };
        if (dc.KmsKeyId) cfg.dataCapture.kmsKeyId = dc.KmsKeyId;
      }
      if (out.KmsKeyId) cfg.kmsKeyId = out.KmsKeyId;
      const ai = out.AsyncInferenceConfig;
      if (ai?.OutputConfig) {
        const o = ai.OutputConfig;
        cfg.asyncInference = {
          outputPath: o.S3OutputPath ?? "",
          ...(o.S3FailurePath ? { failurePath: o.S3FailurePath } : {}),
          ...(o.NotificationConfig?.SuccessTopic ? { successTopic: o.NotificationConfig.SuccessTopic } : {}),
          ...(o.NotificationConfig?.ErrorTopic ? { errorTopic: o.NotificationConfig.ErrorTopic } : {}),
          ...(o.KmsKeyId ? { kmsKeyId: o.KmsKeyId } : {}),
          ...(ai.ClientConfig?.MaxConcurrentInvocationsPerInstance !== undefined ? { maxConcurrentInvocationsPerInstance: ai.ClientConfig.MaxConcurrentInvocationsPerInstance } : {}),
        };
      }
      return cfg;
    },

    async modelExists(name) {
      return (await unlessNotFound(`describe model ${name}`, () => client.send(new DescribeModelCommand({ ModelName: name })))) !== undefined;
    },

    listEndpointConfigs(text) {
      return listAll(`list endpoint configs containing ${text}`, async (NextToken) => {
        const out = await client.send(new ListEndpointConfigsCommand({ NameContains: text, MaxResults: 100, NextToken }));
        return { items: (out.EndpointConfigs ?? []).map((c) => ({ name: c.EndpointConfigName ?? "", createdAt: c.CreationTime })), next: out.NextToken };
      });
    },

    listModels(text) {
      return listAll(`list models containing ${text}`, async (NextToken) => {
        const out = await client.send(new ListModelsCommand({ NameContains: text, MaxResults: 100, NextToken }));
        return { items: (out.Models ?? []).map((m) => ({ name: m.ModelName ?? "", createdAt: m.CreationTime })), next: out.NextToken };
      });
    },

    createModel(model, tags) {
      return createIfAbsent(`create model ${model.name}`, () =>
        client.send(new CreateModelCommand({
          ModelName: model.name,
          PrimaryContainer: { Image: model.image, ModelDataUrl: model.modelDataUrl, Environment: model.environment },
          ExecutionRoleArn: model.executionRoleArn,
          ...(model.vpc ? { VpcConfig: { Subnets: model.vpc.subnets, SecurityGroupIds: model.vpc.securityGroupIds } } : {}),
          Tags: toTags(tags),
        })),
      );
    },

    createEndpointConfig(config, tags) {
      return createIfAbsent(`create endpoint config ${config.name}`, () =>
        client.send(new CreateEndpointConfigCommand({
          EndpointConfigName: config.name,
          ProductionVariants: config.variants.map((v) => ({
            VariantName: v.variantName,
            ModelName: v.modelName,
            ...(v.instanceType !== undefined ? { InstanceType: v.instanceType as never } : {}),
            ...(v.instanceCount !== undefined ? { InitialInstanceCount: v.instanceCount } : {}),
            InitialVariantWeight: v.weight,
            ...(v.volumeSizeGB !== undefined ? { VolumeSizeInGB: v.volumeSizeGB } : {}),
            ...(v.modelDataDownloadTimeoutSeconds !== undefined ? { ModelDataDownloadTimeoutInSeconds: v.modelDataDownloadTimeoutSeconds } : {}),
            ...(v.containerStartupHealthCheckTimeoutSeconds !== undefined ? { ContainerStartupHealthCheckTimeoutInSeconds: v.containerStartupHealthCheckTimeoutSeconds } : {}),
            ...(v.serverless
              ? { ServerlessConfig: { MemorySizeInMB: v.serverless.memoryMB, MaxConcurrency: v.serverless.maxConcurrency, ...(v.serverless.provisionedConcurrency !== undefined ? { ProvisionedConcurrency: v.serverless.provisionedConcurrency } : {}) } }
              : {}),
          })),
          ...(config.dataCapture
            ? {
                DataCaptureConfig: {
                  EnableCapture: true,
                  InitialSamplingPercentage: config.dataCapture.samplingPercent,
                  DestinationS3Uri: config.dataCapture.destination,
                  ...(config.dataCapture.kmsKeyId ? { KmsKeyId: config.dataCapture.kmsKeyId } : {}),
                  CaptureOptions: [{ CaptureMode: "Input" }, { CaptureMode: "Output" }],
                },
              }
            : {}),
          ...(config.kmsKeyId ? { KmsKeyId: config.kmsKeyId } : {}),
          ...(config.asyncInference ? { AsyncInferenceConfig: asyncInferenceConfig(config.asyncInference) } : {}),
          Tags: toTags(tags),
        })),
      );
    },

    async createEndpoint(name, configName, tags) {
      await mapAwsErrors(`create endpoint ${name}`, () => client.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: configName, Tags: toTags(tags) })));
    },

    async updateEndpoint(name, configName, deployment, options = {}) {
      await mapAwsErrors(`update endpoint ${name} to ${configName}`, () =>
        client.send(new UpdateEndpointCommand({
          EndpointName: name,
          EndpointConfigName: configName,
          ...(deployment ? { DeploymentConfig: deployment } : {}),
          ...(options.retainInstanceCounts ? { RetainAllVariantProperties: true, ExcludeRetainedVariantProperties: [{ VariantPropertyType: "DesiredWeight" }] } : {}),
        })),
      );
    },

    async updateWeightsAndCapacities(name, variants) {
      await mapAwsErrors(`update weights and capacities of ${name}`, () =>
        client.send(new UpdateEndpointWeightsAndCapacitiesCommand({ EndpointName: name, DesiredWeightsAndCapacities: variants })),
      );
    },

    async deleteEndpoint(name) {
      await unlessNotFound(`delete endpoint ${name}`, () => client.send(new DeleteEndpointCommand({ EndpointName: name })));
    },

    async listTags(arn) {
      const tags: Record<string, string> = {};
      let token: string | undefined;
      do {
        const out = await mapAwsErrors(`list tags of ${arn}`, () => client.send(new ListTagsCommand({ ResourceArn: arn, MaxResults: 100, NextToken: token })));
        for (const t of out.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? "";
        token = out.NextToken;
      } while (token);
      return tags;
    },

    async addTags(arn, tags) {
      await mapAwsErrors(`tag ${arn}`, () => client.send(new AddTagsCommand({ ResourceArn: arn, Tags: toTags(tags) })));
    },
  };
}

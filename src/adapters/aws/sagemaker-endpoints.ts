/**
 * SageMakerEndpoints over the AWS SDK v3 SageMaker client: models, endpoint configs, endpoints.
 * I/O only: it translates between SDK shapes and src/core/plan/sagemaker-types.ts.
 */
import {
  CreateEndpointCommand, CreateEndpointConfigCommand, CreateModelCommand, DeleteEndpointCommand,
  DescribeEndpointCommand, DescribeEndpointConfigCommand, DescribeModelCommand, ListEndpointConfigsCommand,
  ListModelsCommand, UpdateEndpointCommand, UpdateEndpointWeightsAndCapacitiesCommand, type SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import type { SageMakerEndpoints } from "../../ports.js";
import type { EndpointStatus, LiveEndpoint, LiveEndpointConfig, OwnedResource } from "../../core/plan/sagemaker-types.js";
import { isAwsAlreadyExists, mapAwsErrors, toExternalError, unlessNotFound } from "./to-external-error.js";

const toTags = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

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
        status: (out.EndpointStatus ?? "OutOfService") as EndpointStatus,
        variants: (out.ProductionVariants ?? []).map((v) => ({
          name: v.VariantName ?? "",
          currentWeight: v.CurrentWeight,
          desiredWeight: v.DesiredWeight,
          currentInstanceCount: v.CurrentInstanceCount,
          desiredInstanceCount: v.DesiredInstanceCount,
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
        })),
      };
      const dc = out.DataCaptureConfig;
      if (dc) cfg.dataCapture = { enabled: dc.EnableCapture ?? true, samplingPercent: dc.InitialSamplingPercentage ?? 0, destination: dc.DestinationS3Uri ?? "" };
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
            InstanceType: v.instanceType as never,
            InitialInstanceCount: v.instanceCount,
            InitialVariantWeight: v.weight,
          })),
          ...(config.dataCapture
            ? {
                DataCaptureConfig: {
                  EnableCapture: true,
                  InitialSamplingPercentage: config.dataCapture.samplingPercent,
                  DestinationS3Uri: config.dataCapture.destination,
                  CaptureOptions: [{ CaptureMode: "Input" }, { CaptureMode: "Output" }],
                },
              }
            : {}),
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
  };
}

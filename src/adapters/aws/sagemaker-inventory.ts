/**
 * SageMakerInventory over the AWS SDK v3 SageMaker client: ListEndpoints (every page), and
 * DescribeModel with ListTags of the model, for `steward import`. I/O only.
 */
import { DescribeEndpointCommand, DescribeModelCommand, ListEndpointsCommand, ListTagsCommand, type SageMakerClient } from "@aws-sdk/client-sagemaker";
import type { LiveSageMakerModel } from "../../core/import/map-sagemaker.js";
import type { SageMakerInventory } from "../../ports.js";
import { mapAwsErrors, unlessNotFound } from "./to-external-error.js";

/** SageMakerInventory backed by `client` (built with awsClientOptions for retries). */
export function sageMakerInventory(client: SageMakerClient): SageMakerInventory {
  return {
    async endpoints() {
      const names: string[] = [];
      let token: string | undefined;
      do {
        const out = await mapAwsErrors("list endpoints", () => client.send(new ListEndpointsCommand({ MaxResults: 100, NextToken: token })));
        for (const e of out.Endpoints ?? []) if (e.EndpointName) names.push(e.EndpointName);
        token = out.NextToken;
      } while (token);
      return names;
    },

    async lastDeployment(endpoint) {
      const out = await unlessNotFound(`describe endpoint ${endpoint}`, () => client.send(new DescribeEndpointCommand({ EndpointName: endpoint })));
      const c = out?.LastDeploymentConfig;
      if (!c || (!c.BlueGreenUpdatePolicy && !c.RollingUpdatePolicy)) return undefined;
      const routing = c.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration;
      const size = routing?.CanarySize ?? routing?.LinearStepSize;
      return {
        ...(routing?.Type ? { type: routing.Type } : {}),
        ...(routing?.WaitIntervalInSeconds !== undefined ? { waitSeconds: routing.WaitIntervalInSeconds } : {}),
        ...(size?.Type && size.Value !== undefined ? { size: { type: size.Type, value: size.Value } } : {}),
        ...(c.BlueGreenUpdatePolicy?.TerminationWaitInSeconds !== undefined ? { terminationWaitSeconds: c.BlueGreenUpdatePolicy.TerminationWaitInSeconds } : {}),
        alarms: (c.AutoRollbackConfiguration?.Alarms ?? []).flatMap((a) => (a.AlarmName ? [a.AlarmName] : [])),
      };
    },

    async describeModel(name) {
      const out = await unlessNotFound(`describe model ${name}`, () => client.send(new DescribeModelCommand({ ModelName: name })));
      if (!out) return undefined;
      const containers = out.PrimaryContainer ? [out.PrimaryContainer] : (out.Containers ?? []);
      const tags: Record<string, string> = {};
      if (out.ModelArn) {
        let token: string | undefined;
        do {
          const page = await mapAwsErrors(`list tags of ${out.ModelArn}`, () => client.send(new ListTagsCommand({ ResourceArn: out.ModelArn, MaxResults: 100, NextToken: token })));
          for (const t of page.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? "";
          token = page.NextToken;
        } while (token);
      }
      const model: LiveSageMakerModel = {
        name: out.ModelName ?? name,
        containers: containers.map((c) => ({
          ...(c.Image ? { image: c.Image } : {}),
          ...(c.ModelDataUrl ? { modelDataUrl: c.ModelDataUrl } : {}),
          environment: { ...(c.Environment ?? {}) },
        })),
        ...(out.ExecutionRoleArn ? { executionRoleArn: out.ExecutionRoleArn } : {}),
        ...(out.VpcConfig ? { vpc: { subnets: [...(out.VpcConfig.Subnets ?? [])], securityGroupIds: [...(out.VpcConfig.SecurityGroupIds ?? [])] } } : {}),
        tags,
      };
      return model;
    },
  };
}

/**
 * VariantScaling over the AWS SDK v3 Application Auto Scaling client: SageMaker variants as
 * scalable targets (sagemaker:variant:DesiredInstanceCount) with a target-tracking policy on
 * SageMakerVariantInvocationsPerInstance.
 */
import {
  DeregisterScalableTargetCommand, DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand,
  PutScalingPolicyCommand, RegisterScalableTargetCommand, type ApplicationAutoScalingClient,
} from "@aws-sdk/client-application-auto-scaling";
import type { VariantScaling } from "../../ports.js";
import type { LiveScalableTarget, LiveScalingPolicy } from "../../core/plan/sagemaker-types.js";
import { mapAwsErrors, unlessNotFound } from "./to-external-error.js";

const ServiceNamespace = "sagemaker";
const ScalableDimension = "sagemaker:variant:DesiredInstanceCount";
/** DescribeScalableTargets takes at most 50 resource ids a call. */
const IDS_PER_CALL = 50;

/** VariantScaling backed by `client`. */
export function autoscalingVariants(client: ApplicationAutoScalingClient): VariantScaling {
  return {
    async describe(resourceIds) {
      const targets: LiveScalableTarget[] = [];
      const policies: LiveScalingPolicy[] = [];
      for (let i = 0; i < resourceIds.length; i += IDS_PER_CALL) {
        const ResourceIds = resourceIds.slice(i, i + IDS_PER_CALL);
        let token: string | undefined;
        do {
          const out = await mapAwsErrors("describe scalable targets", () => client.send(new DescribeScalableTargetsCommand({ ServiceNamespace, ScalableDimension, ResourceIds, NextToken: token })));
          for (const t of out.ScalableTargets ?? []) targets.push({ resourceId: t.ResourceId ?? "", min: t.MinCapacity ?? 0, max: t.MaxCapacity ?? 0 });
          token = out.NextToken;
        } while (token);
      }
      for (const t of targets) {
        let token: string | undefined;
        do {
          const out = await mapAwsErrors(`describe scaling policies of ${t.resourceId}`, () => client.send(new DescribeScalingPoliciesCommand({ ServiceNamespace, ScalableDimension, ResourceId: t.resourceId, NextToken: token })));
          for (const p of out.ScalingPolicies ?? []) {
            const tt = p.TargetTrackingScalingPolicyConfiguration;
            policies.push({
              resourceId: p.ResourceId ?? t.resourceId,
              policyName: p.PolicyName ?? "",
              targetValue: tt?.TargetValue,
              predefinedMetricType: tt?.PredefinedMetricSpecification?.PredefinedMetricType,
              scaleInCooldown: tt?.ScaleInCooldown,
              scaleOutCooldown: tt?.ScaleOutCooldown,
            });
          }
          token = out.NextToken;
        } while (token);
      }
      return { targets, policies };
    },

    async registerScalableTarget(s) {
      await mapAwsErrors(`register scalable target ${s.resourceId}`, () =>
        client.send(new RegisterScalableTargetCommand({ ServiceNamespace, ScalableDimension, ResourceId: s.resourceId, MinCapacity: s.min, MaxCapacity: s.max })),
      );
    },

    async putScalingPolicy(s) {
      await mapAwsErrors(`put scaling policy on ${s.resourceId}`, () =>
        client.send(new PutScalingPolicyCommand({
          PolicyName: s.policyName,
          ServiceNamespace,
          ScalableDimension,
          ResourceId: s.resourceId,
          PolicyType: "TargetTrackingScaling",
          TargetTrackingScalingPolicyConfiguration: {
            TargetValue: s.targetInvocationsPerInstance,
            PredefinedMetricSpecification: { PredefinedMetricType: "SageMakerVariantInvocationsPerInstance" },
            ...(s.scaleInCooldown !== undefined ? { ScaleInCooldown: s.scaleInCooldown } : {}),
            ...(s.scaleOutCooldown !== undefined ? { ScaleOutCooldown: s.scaleOutCooldown } : {}),
          },
        })),
      );
    },

    async deregisterScalableTarget(resourceId) {
      await unlessNotFound(`deregister scalable target ${resourceId}`, () => client.send(new DeregisterScalableTargetCommand({ ServiceNamespace, ScalableDimension, ResourceId: resourceId })));
    },
  };
}

/**
 * The AWS side of the SageMaker target, built from the SDK's default chain (credentials, region,
 * AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>) with adaptive retries for throttling.
 */
import { ApplicationAutoScalingClient } from "@aws-sdk/client-application-auto-scaling";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import type { SageMakerAws } from "../../ports.js";
import { autoscalingVariants } from "./autoscaling-variants.js";
import { cloudWatchAlarms } from "./cloudwatch-alarms.js";
import { awsClientOptions, type AwsRetryOptions } from "./sagemaker-client-options.js";
import { sageMakerEndpoints } from "./sagemaker-endpoints.js";

/**
 * SageMaker, CloudWatch alarms and Application Auto Scaling, each on its own client. `where` sets
 * the region and credentials of one environment (aws-environment.ts); by default the chain's.
 */
export function sageMakerAws(retry: AwsRetryOptions = {}, where: { region?: string; credentials?: () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }> } = {}): SageMakerAws {
  const options = { ...awsClientOptions(retry), ...(where.region ? { region: where.region } : {}), ...(where.credentials ? { credentials: where.credentials } : {}) };
  return {
    sagemaker: sageMakerEndpoints(new SageMakerClient(options)),
    alarms: cloudWatchAlarms(new CloudWatchClient(options)),
    scaling: autoscalingVariants(new ApplicationAutoScalingClient(options)),
  };
}

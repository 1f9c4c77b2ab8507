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

/** SageMaker, CloudWatch alarms and Application Auto Scaling, each on its own client. */
export function sageMakerAws(retry: AwsRetryOptions = {}): SageMakerAws {
  const options = awsClientOptions(retry);
  return {
    sagemaker: sageMakerEndpoints(new SageMakerClient(options)),
    alarms: cloudWatchAlarms(new CloudWatchClient(options)),
    scaling: autoscalingVariants(new ApplicationAutoScalingClient(options)),
  };
}

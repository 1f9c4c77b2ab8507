/**
 * Options shared by the AWS clients apply uses (SageMaker, CloudWatch, Application Auto Scaling).
 * Region, credentials and endpoint are deliberately not set: the SDK's default chain reads them,
 * including AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> (e.g. AWS_ENDPOINT_URL_SAGEMAKER).
 */

export interface AwsRetryOptions {
  /** Total attempts per call, first try included. */
  maxAttempts?: number;
  /** "adaptive" adds client-side rate limiting on throttling; "standard" only backs off. */
  retryMode?: "standard" | "adaptive";
}

/** Defaults for control-plane calls, which SageMaker throttles at a few per second per account. */
export const DEFAULT_RETRY: Required<AwsRetryOptions> = { maxAttempts: 8, retryMode: "adaptive" };

/** `{ maxAttempts, retryMode }` for a client constructor; nothing else, so the default chain stays in charge. */
export function awsClientOptions(over: AwsRetryOptions = {}): Required<AwsRetryOptions> {
  return { ...DEFAULT_RETRY, ...over };
}

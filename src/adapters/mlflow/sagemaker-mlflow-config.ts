import { UserError } from "../../core/errors.js";
import type { MlflowConfig } from "./mlflow-config.js";

const ARN = /^arn:(aws[a-z-]*):sagemaker:([a-z0-9-]+):(\d{12}):mlflow-tracking-server\/([A-Za-z0-9-]+)$/;

/** True for a SageMaker managed MLflow tracking-server ARN used as MLFLOW_TRACKING_URI. */
export function isSageMakerArn(uri: string): boolean {
  return uri.startsWith("arn:");
}

/**
 * SageMaker managed MLflow, as the sagemaker-mlflow plugin reaches it: the ARN's region gives the
 * endpoint `https://<region>.experiments.sagemaker.aws` (SAGEMAKER_MLFLOW_CUSTOM_ENDPOINT overrides
 * it), every request carries `x-mlflow-sm-tracking-server-arn: <arn>` and is signed with SigV4 for
 * service `sagemaker-mlflow`, with credentials from the AWS SDK's default chain.
 */
export function sageMakerConfig(arn: string, get: (k: string) => string | undefined): MlflowConfig {
  const m = ARN.exec(arn);
  if (!m) throw new UserError(`MLFLOW_TRACKING_URI "${arn}" is not a SageMaker MLflow tracking-server ARN (arn:aws:sagemaker:<region>:<account>:mlflow-tracking-server/<name>)`);
  const [, partition, region] = m as unknown as [string, string, string];
  const custom = get("SAGEMAKER_MLFLOW_CUSTOM_ENDPOINT");
  if (partition !== "aws" && !custom) throw new UserError(`SageMaker managed MLflow in partition ${partition} needs SAGEMAKER_MLFLOW_CUSTOM_ENDPOINT`);
  const endpoint = custom ?? `https://${region}.experiments.sagemaker.aws`;
  return { trackingUri: endpoint.replace(/\/+$/, ""), headers: { "x-mlflow-sm-tracking-server-arn": arn }, sigv4: { region, service: "sagemaker-mlflow" } };
}

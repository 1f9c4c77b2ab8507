/**
 * Which AWS account and region a plan is about to change, and whether the repository allows it:
 * a model's `deployment.account` / `deployment.region` must match where the credentials point. Pure.
 */
import type { ModelSpec } from "../types.js";

export interface Location {
  account: string;
  region: string;
  arn: string;
}

/** "AWS account 123456789012, region us-east-1 (as arn:...)", the line plan and apply print first. */
export function describeLocation(where: Location): string {
  return `AWS account ${where.account}, region ${where.region} (as ${where.arn})`;
}

/**
 * One problem per model whose deployment names another account or region than `where`. Models
 * without a SageMaker deployment, or without `account`/`region`, accept any.
 */
export function locationMismatches(models: readonly ModelSpec[], where: Location): string[] {
  const problems: string[] = [];
  for (const m of models) {
    const d = m.deployment;
    if (!d?.sagemaker) continue;
    if (d.account && d.account !== where.account) {
      problems.push(`${m.name}: deployment.account is ${d.account} (${m.file}), but the AWS credentials are for account ${where.account}; nothing was read or changed`);
    }
    if (d.region && d.region !== where.region) {
      problems.push(`${m.name}: deployment.region is ${d.region} (${m.file}), but the AWS region is ${where.region}; nothing was read or changed`);
    }
  }
  return problems;
}

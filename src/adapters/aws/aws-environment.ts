/**
 * The clients of one deployment environment (deployment.environments): SageMaker, CloudWatch (alarms
 * and dashboards), Application Auto Scaling and STS in the environment's region, with the credentials of its role
 * (STS AssumeRole from the default chain's credentials, session `<prefix>-<name>`), or the default
 * chain's own when it names no role. Endpoints still come from the default chain, so
 * AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> (STS, SAGEMAKER, ...) reach an emulator.
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { STSClient } from "@aws-sdk/client-sts";
import type { AwsEnvironmentClients, AwsEnvironmentRef, ConnectAwsEnvironment } from "../../ports.js";
import { cloudWatchDashboards } from "./cloudwatch-dashboards.js";
import { assumeRoleCredentials, roleSessionName, type AwsCredentialIdentityProvider } from "./assume-role.js";
import { sageMakerAws } from "./sagemaker-aws.js";
import { awsClientOptions, type AwsRetryOptions } from "./sagemaker-client-options.js";
import { stsIdentity } from "./sts-identity.js";

/** Client options for an environment: its region and credentials; retries as for every control-plane client. */
export interface EnvironmentClientConfig extends Required<AwsRetryOptions> {
  region: string;
  credentials?: AwsCredentialIdentityProvider;
}

/** `region` and the role's credentials (one AssumeRole, cached) for clients of `env`. */
export function environmentClientConfig(env: AwsEnvironmentRef, opts: { sessionPrefix?: string; retry?: AwsRetryOptions } = {}): EnvironmentClientConfig {
  const base = { ...awsClientOptions(opts.retry), region: env.region };
  if (!env.roleArn) return base;
  const source = new STSClient(base);
  return { ...base, credentials: assumeRoleCredentials(source, { roleArn: env.roleArn, sessionName: roleSessionName(opts.sessionPrefix ?? "steward", env.name) }) };
}

/** ConnectAwsEnvironment over the SDK; one set of clients per environment name. */
export function awsEnvironments(opts: { sessionPrefix?: string; retry?: AwsRetryOptions } = {}): ConnectAwsEnvironment {
  const made = new Map<string, AwsEnvironmentClients>();
  return (env) => {
    const key = `${env.name}|${env.account}|${env.region}|${env.roleArn ?? ""}`;
    let clients = made.get(key);
    if (!clients) {
      const config = environmentClientConfig(env, opts);
      clients = { aws: sageMakerAws(opts.retry, config), identity: stsIdentity(new STSClient(config)), dashboards: cloudWatchDashboards(new CloudWatchClient(config)) };
      made.set(key, clients);
    }
    return clients;
  };
}

/** AwsIdentity over STS GetCallerIdentity: the account and ARN of the credentials, and the region. */
import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import { ExternalError } from "../../core/errors.js";
import type { AwsIdentity } from "../../ports.js";
import { mapAwsErrors } from "./to-external-error.js";

/** AwsIdentity backed by `client`; the region is the client's own (the SDK's default chain). */
export function stsIdentity(client: STSClient): AwsIdentity {
  return {
    async whoAmI() {
      const out = await mapAwsErrors("resolve the AWS account (sts:GetCallerIdentity)", () => client.send(new GetCallerIdentityCommand({})));
      const region = await client.config.region();
      if (!out.Account) throw new ExternalError("aws", undefined, "sts:GetCallerIdentity returned no account");
      return { account: out.Account, arn: out.Arn ?? "", region };
    },
  };
}

import { GetCallerIdentityCommand, STSClient, STSServiceException } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { stsIdentity } from "../../../src/adapters/aws/sts-identity.js";
import { ExternalError } from "../../../src/core/errors.js";

const sts = mockClient(STSClient);
afterEach(() => sts.reset());

describe("stsIdentity", () => {
  it("resolves the account and caller ARN with GetCallerIdentity, and the client's region", async () => {
    sts.on(GetCallerIdentityCommand).resolves({ UserId: "AROAEXAMPLEID:gha", Account: "123456789012", Arn: "arn:aws:sts::123456789012:assumed-role/steward-apply/gha" });
    const where = await stsIdentity(new STSClient({ region: "eu-west-1" })).whoAmI();
    expect(where).toEqual({ account: "123456789012", region: "eu-west-1", arn: "arn:aws:sts::123456789012:assumed-role/steward-apply/gha" });
    expect(sts.commandCalls(GetCallerIdentityCommand)[0]!.args[0].input).toEqual({});
  });

  it("an expired or missing credential is an ExternalError that says what it was doing", async () => {
    sts.on(GetCallerIdentityCommand).rejects(new STSServiceException({ name: "ExpiredToken", $fault: "client", $metadata: { httpStatusCode: 403 }, message: "The security token included in the request is expired" }));
    const err = await stsIdentity(new STSClient({ region: "eu-west-1" })).whoAmI().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExternalError);
    expect(err).toMatchObject({ service: "aws", status: 403, code: "ExpiredToken", message: expect.stringContaining("resolve the AWS account (sts:GetCallerIdentity)") });
  });
});

/**
 * The clients of a deployment environment: the role assumed through STS (AssumeRole with the
 * environment's role ARN and session steward-<name>), cached until shortly before it expires, and
 * every client in the environment's region with those credentials. Once with aws-sdk-client-mock on
 * the request shapes, once over the wire against a local STS (AWS_ENDPOINT_URL_STS honoured, the
 * second call signed with the assumed key in the environment's region).
 */
import { CloudWatchClient, ListDashboardsCommand } from "@aws-sdk/client-cloudwatch";
import { CreateModelCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, STSServiceException } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { assumeRoleCredentials, roleSessionName } from "../../../src/adapters/aws/assume-role.js";
import { awsEnvironments } from "../../../src/adapters/aws/aws-environment.js";
import { ExternalError } from "../../../src/core/errors.js";
import { fakeHttpServer } from "../../support/fake-http-server.js";

const PROD = { name: "production", account: "222222222222", region: "eu-central-1", roleArn: "arn:aws:iam::222222222222:role/steward-deploy" };
const assumed = (key: string, expiration = new Date("2099-01-01T00:00:00Z")) => ({
  Credentials: { AccessKeyId: key, SecretAccessKey: "secret", SessionToken: "token", Expiration: expiration },
  AssumedRoleUser: { Arn: "arn:aws:sts::222222222222:assumed-role/steward-deploy/steward-production", AssumedRoleId: "AROAEXAMPLE:steward-production" },
});

describe("environment clients (aws-sdk-client-mock)", () => {
  const sts = mockClient(STSClient);
  const sm = mockClient(SageMakerClient);
  afterEach(() => {
    sts.reset();
    sm.reset();
  });
  afterAll(() => {
    sts.restore();
    sm.restore();
  });

  it("assumes the environment's role with session steward-<name>, and SageMaker calls go to its region with the role's credentials", async () => {
    sts.on(AssumeRoleCommand).resolves(assumed("ASIAPRODEXAMPLE"));
    sm.on(CreateModelCommand).resolves({ ModelArn: "arn:aws:sagemaker:eu-central-1:222222222222:model/m" });
    const clients = awsEnvironments({ sessionPrefix: "steward" })(PROD);
    await clients.aws.sagemaker.createModel({ name: "m", image: "i", executionRoleArn: "arn:aws:iam::222222222222:role/x", environment: {} } as never, {}).catch(() => undefined);
    const call = sm.commandCalls(CreateModelCommand)[0]!;
    const client = call.thisValue as SageMakerClient;
    expect(await client.config.region()).toBe("eu-central-1");
    const creds = await client.config.credentials();
    expect(creds).toMatchObject({ accessKeyId: "ASIAPRODEXAMPLE", secretAccessKey: "secret", sessionToken: "token" });
    expect(sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input)).toEqual([{ RoleArn: PROD.roleArn, RoleSessionName: "steward-production", DurationSeconds: 3600 }]);
    // the source STS client is in the environment's region too (regional STS endpoint)
    expect(await (sts.commandCalls(AssumeRoleCommand)[0]!.thisValue as STSClient).config.region()).toBe("eu-central-1");
  });

  it("one set of clients per environment; without a role, the default credentials in the environment's region and no AssumeRole", async () => {
    const connect = awsEnvironments();
    expect(connect(PROD)).toBe(connect({ ...PROD }));
    sm.on(CreateModelCommand).resolves({});
    const plain = connect({ name: "us", account: "111111111111", region: "us-west-2" });
    await plain.aws.sagemaker.createModel({ name: "m", image: "i", executionRoleArn: "arn:aws:iam::111111111111:role/x", environment: {} } as never, {}).catch(() => undefined);
    expect(await (sm.commandCalls(CreateModelCommand)[0]!.thisValue as SageMakerClient).config.region()).toBe("us-west-2");
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(0);
  });

  it("the environment's dashboards (the cloudwatch target) are read in its region with the same assumed role: one AssumeRole for both targets", async () => {
    const cw = mockClient(CloudWatchClient);
    try {
      sts.on(AssumeRoleCommand).resolves(assumed("ASIAPRODEXAMPLE"));
      sm.on(CreateModelCommand).resolves({});
      cw.on(ListDashboardsCommand).resolves({ DashboardEntries: [{ DashboardName: "steward-m-production" }] });
      const clients = awsEnvironments({ sessionPrefix: "steward" })(PROD);
      expect(await clients.dashboards.list("steward-")).toEqual(["steward-m-production"]);
      expect(await clients.dashboards.region()).toBe("eu-central-1");
      await clients.aws.sagemaker.createModel({ name: "m", image: "i", executionRoleArn: "arn:aws:iam::222222222222:role/x", environment: {} } as never, {}).catch(() => undefined);
      const client = cw.commandCalls(ListDashboardsCommand)[0]!.thisValue as CloudWatchClient;
      expect(await client.config.region()).toBe("eu-central-1");
      expect(await client.config.credentials()).toMatchObject({ accessKeyId: "ASIAPRODEXAMPLE" });
      expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    } finally {
      cw.restore();
    }
  });

  it("credentials are cached until five minutes before they expire, concurrent callers share one AssumeRole", async () => {
    let now = Date.parse("2026-12-03T11:00:00Z");
    sts.on(AssumeRoleCommand).resolvesOnce(assumed("ASIAONE", new Date("2026-12-03T12:00:00Z"))).resolves(assumed("ASIATWO", new Date("2026-12-03T13:00:00Z")));
    const provider = assumeRoleCredentials(new STSClient({ region: "eu-central-1" }), { roleArn: PROD.roleArn, sessionName: "steward-production", now: () => now });
    const [a, b] = await Promise.all([provider(), provider()]);
    expect([a.accessKeyId, b.accessKeyId]).toEqual(["ASIAONE", "ASIAONE"]);
    now = Date.parse("2026-12-03T11:54:00Z");
    expect((await provider()).accessKeyId).toBe("ASIAONE");
    now = Date.parse("2026-12-03T11:56:00Z");
    expect((await provider()).accessKeyId).toBe("ASIATWO");
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
  });

  it("a refused AssumeRole is an ExternalError naming the role, and the next call tries again", async () => {
    sts.on(AssumeRoleCommand).rejectsOnce(new STSServiceException({ name: "AccessDenied", $fault: "client", $metadata: { httpStatusCode: 403 }, message: "User is not authorized to perform: sts:AssumeRole" })).resolves(assumed("ASIAOK"));
    const provider = assumeRoleCredentials(new STSClient({ region: "eu-central-1" }), { roleArn: PROD.roleArn, sessionName: "steward-production" });
    const err = await provider().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExternalError);
    expect(err).toMatchObject({ status: 403, message: expect.stringContaining(`assume role ${PROD.roleArn} (sts:AssumeRole)`) });
    expect((await provider()).accessKeyId).toBe("ASIAOK");
  });

  it("session names keep to STS's alphabet and 64 characters", () => {
    expect(roleSessionName("steward", "prod-eu")).toBe("steward-prod-eu");
    expect(roleSessionName("steward", "x".repeat(80))).toHaveLength(64);
    expect(roleSessionName("steward apply", "a/b")).toBe("steward-apply-a-b");
  });
});

describe("environment clients over the wire (AWS_ENDPOINT_URL_STS)", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of ["AWS_ENDPOINT_URL_STS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"]) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it("AssumeRole and then GetCallerIdentity reach the STS endpoint the variable names, the second signed with the assumed key in the environment's region", async () => {
    await using server = await fakeHttpServer((req) => {
      const action = new URLSearchParams(req.body).get("Action");
      const xml = action === "AssumeRole"
        ? `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><AssumedRoleUser><Arn>arn:aws:sts::222222222222:assumed-role/steward-deploy/steward-production</Arn><AssumedRoleId>AROAEXAMPLE:steward-production</AssumedRoleId></AssumedRoleUser><Credentials><AccessKeyId>ASIAWIREEXAMPLE</AccessKeyId><SecretAccessKey>wire-secret</SecretAccessKey><SessionToken>wire-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult><ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata></AssumeRoleResponse>`
        : `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:sts::222222222222:assumed-role/steward-deploy/steward-production</Arn><UserId>AROAEXAMPLE:steward-production</UserId><Account>222222222222</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
      return { status: 200, body: xml, contentType: "text/xml" };
    });
    process.env.AWS_ENDPOINT_URL_STS = server.url;
    process.env.AWS_ACCESS_KEY_ID = "AKIASOURCEEXAMPLE";
    process.env.AWS_SECRET_ACCESS_KEY = "source-secret";
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    const where = await awsEnvironments({ sessionPrefix: "steward" })(PROD).identity.whoAmI();
    expect(where).toEqual({ account: "222222222222", region: "eu-central-1", arn: "arn:aws:sts::222222222222:assumed-role/steward-deploy/steward-production" });
    const [assume, who] = server.requests.map((r) => ({ params: new URLSearchParams(r.body), auth: String(r.headers.authorization) }));
    expect(Object.fromEntries(assume!.params)).toMatchObject({ Action: "AssumeRole", RoleArn: PROD.roleArn, RoleSessionName: "steward-production", DurationSeconds: "3600" });
    expect(assume!.auth).toContain("Credential=AKIASOURCEEXAMPLE/");
    expect(who!.params.get("Action")).toBe("GetCallerIdentity");
    expect(who!.auth).toMatch(/Credential=ASIAWIREEXAMPLE\/\d{8}\/eu-central-1\/sts\/aws4_request/);
    expect(server.requests[1]!.headers["x-amz-security-token"]).toBe("wire-token");
  });
});

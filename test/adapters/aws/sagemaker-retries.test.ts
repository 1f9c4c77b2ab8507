import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { describe, expect, it } from "vitest";
import { awsClientOptions } from "../../../src/adapters/aws/sagemaker-client-options.js";
import { sageMakerEndpoints } from "../../../src/adapters/aws/sagemaker-endpoints.js";

// No aws-sdk-client-mock here: it replaces `send`, and these tests need the SDK's own middleware
// (retry strategy, endpoint resolution) to run against a request handler that answers like SageMaker.
const errors = JSON.parse(readFileSync(new URL("../../fixtures/sagemaker/errors.json", import.meta.url), "utf8")) as Record<string, unknown>;

/** A request handler that answers like SageMaker's JSON 1.1 endpoint, so the SDK's real retry middleware runs. */
function wire(responses: { status: number; body: unknown }[]) {
  const requests: { hostname: string; target: string }[] = [];
  return {
    requests,
    handler: {
      async handle(req: { hostname: string; headers: Record<string, string> }) {
        requests.push({ hostname: req.hostname, target: req.headers["x-amz-target"] ?? "" });
        const r = responses.shift() ?? { status: 500, body: { __type: "InternalFailure", message: "no more responses" } };
        const body = Buffer.from(JSON.stringify(r.body));
        const type = (r.body as { __type?: string }).__type;
        return { response: { statusCode: r.status, reason: "", headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": `req-${requests.length}`, ...(type ? { "x-amzn-errortype": type } : {}) }, body: Readable.from([body]) } };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
    },
  };
}
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

describe("retries and endpoints (the real SDK middleware)", () => {
  it("retries throttling and succeeds", async () => {
    const w = wire([
      { status: 400, body: errors.throttling },
      { status: 400, body: errors.throttling },
      { status: 200, body: { EndpointName: "e", EndpointArn: "arn:aws:sagemaker:us-east-1:123456789012:endpoint/e", EndpointStatus: "InService", CreationTime: 1763510400, LastModifiedTime: 1763510400 } },
    ]);
    const sdk = new SageMakerClient({ region: "us-east-1", credentials, requestHandler: w.handler as never, ...awsClientOptions({ maxAttempts: 4, retryMode: "standard" }) });
    const ep = await sageMakerEndpoints(sdk).describeEndpoint("e");
    expect(ep?.status).toBe("InService");
    expect(w.requests.map((r) => r.target)).toEqual(Array(3).fill("SageMaker.DescribeEndpoint"));
  });

  it("gives up after maxAttempts with an ExternalError carrying the code", async () => {
    const w = wire(Array.from({ length: 3 }, () => ({ status: 400, body: errors.throttling })));
    const sdk = new SageMakerClient({ region: "us-east-1", credentials, requestHandler: w.handler as never, ...awsClientOptions({ maxAttempts: 2, retryMode: "standard" }) });
    const err = await sageMakerEndpoints(sdk).describeEndpoint("e").catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "ExternalError", service: "aws", status: 400, code: "ThrottlingException", message: expect.stringContaining("Rate exceeded") });
    expect(w.requests).toHaveLength(2);
  });

  it("uses adaptive retries by default and leaves endpoint and region to the SDK's default chain", async () => {
    expect(awsClientOptions()).toEqual({ maxAttempts: 8, retryMode: "adaptive" });
    const before = process.env.AWS_ENDPOINT_URL_SAGEMAKER;
    process.env.AWS_ENDPOINT_URL_SAGEMAKER = "http://sagemaker.localhost.test:4566";
    try {
      const w = wire([{ status: 200, body: { EndpointName: "e", EndpointArn: "arn:aws:sagemaker:us-east-1:123456789012:endpoint/e", EndpointStatus: "Creating", CreationTime: 1, LastModifiedTime: 1 } }]);
      const sdk = new SageMakerClient({ region: "us-east-1", credentials, requestHandler: w.handler as never, ...awsClientOptions() });
      await sageMakerEndpoints(sdk).describeEndpoint("e");
      expect(w.requests[0]!.hostname).toBe("sagemaker.localhost.test");
    } finally {
      if (before === undefined) delete process.env.AWS_ENDPOINT_URL_SAGEMAKER;
      else process.env.AWS_ENDPOINT_URL_SAGEMAKER = before;
    }
  });
});


import { describe, expect, it } from "vitest";
import { mlflowClient } from "../../../src/adapters/mlflow/mlflow-client.js";
import { mlflowConfigFromEnv } from "../../../src/adapters/mlflow/mlflow-config.js";
import { mlflowTransport } from "../../../src/adapters/mlflow/mlflow-transport.js";
import { runCli } from "../../../src/entrypoints/cli.js";
import { captureIO } from "../../support/cli-io.js";
import { fakeHttpServer } from "../../support/fake-http-server.js";
import { fakeMlflowServer } from "../../support/fake-mlflow-server.js";
import { scratchRepo } from "../../support/scratch-repo.js";

const noWait = { sleep: async () => {}, random: () => 0.5, maxRetries: 0 };
const withUserinfo = (url: string, user: string, password: string) => url.replace("://", `://${encodeURIComponent(user)}:${encodeURIComponent(password)}@`);

describe("mlflow: credentials in MLFLOW_TRACKING_URI (defect 11)", () => {
  it("turns URL userinfo into basic auth (percent-decoded) and strips it from the URI", async () => {
    await using server = await fakeMlflowServer({ basic: { username: "ana", password: "p@ss:w0rd" } });
    const config = mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: withUserinfo(server.url, "ana", "p@ss:w0rd") })!;
    expect(config.trackingUri).toBe(server.url);
    expect(config).toMatchObject({ username: "ana", password: "p@ss:w0rd" });
    const client = mlflowClient(mlflowTransport(config, noWait));
    expect(await client.getRegisteredModel("nope")).toBeUndefined();
    expect(server.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from("ana:p@ss:w0rd").toString("base64")}`);
  });

  it("MLFLOW_TRACKING_USERNAME/_PASSWORD win over the userinfo", () => {
    const config = mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: "http://url-user:url-pw@h:5000", MLFLOW_TRACKING_USERNAME: "env-user", MLFLOW_TRACKING_PASSWORD: "env-pw" })!;
    expect(config).toMatchObject({ trackingUri: "http://h:5000", username: "env-user", password: "env-pw" });
  });

  it("a network error names its cause and the server, never the password", async () => {
    const server = await fakeHttpServer({});
    await server.close();
    const config = mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: withUserinfo(server.url, "ana", "hunter2hunter2") })!;
    const err = (await mlflowClient(mlflowTransport(config, noWait)).getRegisteredModel("m").catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/ECONNREFUSED/);
    expect(err.message).toContain(server.url.replace(/^http:\/\//, ""));
    expect(err.message).not.toContain("hunter2hunter2");
  });

  it("an MLflow error message that echoes a secret is masked", async () => {
    await using server = await fakeHttpServer({
      "GET /api/2.0/mlflow/registered-models/get": [403, { error_code: "PERMISSION_DENIED", message: "token tok-abcdef123 may not read m" }],
    });
    const config = mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: server.url, MLFLOW_TRACKING_TOKEN: "tok-abcdef123" })!;
    const err = (await mlflowClient(mlflowTransport(config, noWait)).getRegisteredModel("m").catch((e: unknown) => e)) as Error;
    expect(err.message).toBe("registered-models/get: token *** may not read m");
  });
});

describe("steward register against a failing MLflow (defect 9)", () => {
  const RUN = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
  async function register(env: Record<string, string>) {
    using repo = scratchRepo();
    const io = captureIO({ cwd: repo.root, env: { MLFLOW_HTTP_REQUEST_MAX_RETRIES: "0", ...env } });
    const code = await runCli(["register", "--model", "scorer", "--run-id", RUN], io);
    return { code, err: io.err() };
  }

  it.each([
    [500, "INTERNAL_ERROR", "database is locked"],
    [403, "PERMISSION_DENIED", "Permission denied for run"],
  ])("MLflow answering %i exits 2 with MLflow's message", async (status, code, message) => {
    await using server = await fakeHttpServer({ "GET /api/2.0/mlflow/runs/get": [status, { error_code: code, message }] });
    const r = await register({ MLFLOW_TRACKING_URI: server.url });
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).toContain(code);
  });

  it("an unreachable MLflow exits 2 with the cause, and the password never shows", async () => {
    const server = await fakeHttpServer({});
    await server.close();
    const r = await register({ MLFLOW_TRACKING_URI: withUserinfo(server.url, "ana", "hunter2hunter2") });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ECONNREFUSED/);
    expect(r.err).not.toContain("hunter2hunter2");
  });
});

/** The servers people run: each way of reaching MLflow, checked on the request it sends. */
import { readFileSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { mlflowClient } from "../../../src/adapters/mlflow/mlflow-client.js";
import { mlflowConfigFromEnv } from "../../../src/adapters/mlflow/mlflow-config.js";
import { mlflowModelRegistry } from "../../../src/adapters/mlflow/mlflow-model-registry.js";
import { backoffMs, MLFLOW_HTTP_DEFAULTS, mlflowTransport } from "../../../src/adapters/mlflow/mlflow-transport.js";
import { silentLogger } from "../../../src/adapters/log/console-logger.js";
import { planTarget } from "../../../src/commands/plan.js";
import { mlflowReconciler } from "../../../src/commands/reconcile-mlflow.js";
import { UserError } from "../../../src/core/errors.js";
import { aModelSpec, aRepoState } from "../../support/builders.js";
import { fakeHttpServer } from "../../support/fake-http-server.js";

const TLS_DIR = new URL("../../fixtures/mlflow-tls/", import.meta.url).pathname;
const noWait = { sleep: async () => {}, random: () => 0 };
const model = { registered_model: { name: "m" } };

describe("Databricks", () => {
  it("DATABRICKS_HOST and DATABRICKS_TOKEN: bearer token to <host>/api/2.0/mlflow/…", async () => {
    await using server = await fakeHttpServer({ "GET /api/2.0/mlflow/registered-models/get": [200, model] });
    const config = mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: "databricks", DATABRICKS_HOST: server.url, DATABRICKS_TOKEN: "dapi0123456789abcdef0123456789abcdef" }, {})!;
    expect(config).toMatchObject({ trackingUri: server.url, token: "dapi0123456789abcdef0123456789abcdef", databricks: { unityCatalog: false } });
    await mlflowClient(mlflowTransport(config, noWait)).getRegisteredModel("m");
    expect(server.requests[0]).toMatchObject({ path: "/api/2.0/mlflow/registered-models/get" });
    expect(server.requests[0]!.headers.authorization).toBe("Bearer dapi0123456789abcdef0123456789abcdef");
  });

  it("databricks://<profile> reads host and token from that profile of ~/.databrickscfg (DATABRICKS_CONFIG_FILE overrides the path)", () => {
    const files: Record<string, string> = {
      "/home/ana/.databrickscfg": "[DEFAULT]\nhost = https://default.cloud.databricks.com\ntoken = dapi-default\n\n[prod]\nhost = adb-123.azuredatabricks.net/\ntoken = dapi-prod\n",
      "/etc/dbcfg": "[DEFAULT]\nhost=https://other\ntoken=t2\n",
    };
    const sources = { readFile: (p: string) => files[p], home: "/home/ana" };
    expect(mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: "databricks://prod" }, sources)).toMatchObject({ trackingUri: "https://adb-123.azuredatabricks.net", token: "dapi-prod" });
    expect(mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: "databricks" }, sources)).toMatchObject({ trackingUri: "https://default.cloud.databricks.com", token: "dapi-default" });
    expect(mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: "databricks", DATABRICKS_CONFIG_FILE: "/etc/dbcfg" }, sources)).toMatchObject({ trackingUri: "https://other", token: "t2" });
    expect(() => mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: "databricks://nope" }, sources)).toThrow(/profile "nope" is not in/);
  });

  it("Unity Catalog (MLFLOW_REGISTRY_URI=databricks-uc): registry calls go to /unity-catalog/, names must be catalog.schema.model", async () => {
    await using server = await fakeHttpServer({
      "GET /api/2.0/mlflow/unity-catalog/registered-models/get": [200, { registered_model: { name: "main.risk.fraud", aliases: [{ alias: "champion", version: "3" }] } }],
      "GET /api/2.0/mlflow/unity-catalog/model-versions/search": [200, { model_versions: [{ name: "main.risk.fraud", version: "3", run_id: "r", source: "dbfs:/x" }] }],
      "GET /api/2.0/mlflow/runs/get": [200, { run: { info: { run_id: "r", experiment_id: "1", status: "FINISHED", lifecycle_stage: "active" }, data: {} } }],
    });
    const config = mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: "databricks", MLFLOW_REGISTRY_URI: "databricks-uc", DATABRICKS_HOST: server.url, DATABRICKS_TOKEN: "t0ken-value" }, {})!;
    const registry = mlflowModelRegistry(mlflowClient(mlflowTransport(config, noWait)), { location: config.trackingUri, unityCatalog: true });
    const live = await registry.snapshot(["main.risk.fraud"]);
    expect(live.models["main.risk.fraud"]?.aliases).toEqual({ champion: "3" });
    expect(server.requests.map((r) => r.path)).toEqual(["/api/2.0/mlflow/unity-catalog/registered-models/get", "/api/2.0/mlflow/unity-catalog/model-versions/search"]);
    expect(server.requests[1]!.query.get("filter")).toBe("name='main.risk.fraud'");
    await registry.readRuns([{ runId: "r", artifactPaths: [] }]);
    expect(server.requests[2]!.path).toBe("/api/2.0/mlflow/runs/get"); // tracking stays where it is
    await expect(registry.snapshot(["fraud"])).rejects.toThrow(/catalog\.schema\.model/);
    await expect(registry.createModelVersion({ name: "main.risk.fraud", source: "runs:/r/model", runId: "r", tags: {} })).rejects.toBeInstanceOf(UserError);
  });
});

describe("Unity Catalog plans", () => {
  it("a version Unity Catalog would need registered is a plan error naming the file; nothing is applied", async () => {
    const run = { run: { info: { run_id: "r", experiment_id: "1", status: "FINISHED", lifecycle_stage: "active", artifact_uri: "dbfs:/x" }, data: {} } };
    await using server = await fakeHttpServer({
      "GET /api/2.0/mlflow/unity-catalog/registered-models/get": [404, { error_code: "RESOURCE_DOES_NOT_EXIST", message: "not found" }],
      "GET /api/2.0/mlflow/runs/get": [200, run],
      "GET /api/2.0/mlflow/artifacts/list": [200, { root_uri: "dbfs:/x", files: [{ path: "model", is_dir: true }] }],
    });
    const config = mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: "databricks", MLFLOW_REGISTRY_URI: "databricks-uc", DATABRICKS_HOST: server.url, DATABRICKS_TOKEN: "t0ken-value" }, {})!;
    const registry = mlflowModelRegistry(mlflowClient(mlflowTransport(config, noWait)), { location: config.trackingUri, unityCatalog: true });
    const model = aModelSpec();
    model.registry!.mlflow!.name = "main.risk.fraud";
    const report = await planTarget({ target: "mlflow", reconciler: mlflowReconciler({ registry }) }, aRepoState({ models: [model] }), { logger: silentLogger, now: new Date() });
    expect(report.status).toBe("failed");
    expect(report.errors).toHaveLength(2);
    expect(report.errors![0]).toMatch(/^models\/fraud-detection\/versions\/7\.yaml: cannot register main\.risk\.fraud 7 from runs:\/.+\/model: Unity Catalog stores a version's files itself/);
    expect(server.requests.every((r) => r.method === "GET")).toBe(true);
  });
});

describe("SageMaker managed MLflow", () => {
  const ARN = "arn:aws:sagemaker:eu-west-1:123456789012:mlflow-tracking-server/team";

  it("a tracking-server ARN: the regional endpoint, the ARN header, SigV4 for sagemaker-mlflow", async () => {
    expect(mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: ARN }, {})).toMatchObject({
      trackingUri: "https://eu-west-1.experiments.sagemaker.aws",
      headers: { "x-mlflow-sm-tracking-server-arn": ARN },
      sigv4: { region: "eu-west-1", service: "sagemaker-mlflow" },
    });
    await using server = await fakeHttpServer({ "POST /api/2.0/mlflow/registered-models/create": [200, model] });
    const config = mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: ARN, SAGEMAKER_MLFLOW_CUSTOM_ENDPOINT: server.url }, {})!;
    const credentials = async () => ({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "session-token" });
    await mlflowClient(mlflowTransport(config, { ...noWait, awsCredentials: credentials })).createRegisteredModel({ name: "m" });
    const h = server.requests[0]!.headers;
    expect(h["x-mlflow-sm-tracking-server-arn"]).toBe(ARN);
    expect(h.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/sagemaker-mlflow\/aws4_request, SignedHeaders=[^,]*host[^,]*x-mlflow-sm-tracking-server-arn[^,]*, Signature=[0-9a-f]{64}$/);
    expect(h["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    expect(h["x-amz-security-token"]).toBe("session-token");
    expect(h["x-amz-content-sha256"]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("rejects an ARN that is not a tracking server's", () => {
    expect(() => mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: "arn:aws:sagemaker:eu-west-1:123456789012:endpoint/x" }, {})).toThrow(/not a SageMaker MLflow tracking-server ARN/);
  });
});

describe("MLflow's HTTP and TLS variables", () => {
  it("MLFLOW_HTTP_REQUEST_MAX_RETRIES, _BACKOFF_FACTOR, _BACKOFF_JITTER and _TIMEOUT are read; MLflow's defaults otherwise", async () => {
    expect(mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: "http://h", MLFLOW_HTTP_REQUEST_MAX_RETRIES: "1", MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR: "0.5", MLFLOW_HTTP_REQUEST_BACKOFF_JITTER: "0", MLFLOW_HTTP_REQUEST_TIMEOUT: "3" })!.http).toEqual({
      maxRetries: 1,
      backoffFactor: 0.5,
      backoffJitter: 0,
      timeoutSeconds: 3,
    });
    expect(() => mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: "http://h", MLFLOW_HTTP_REQUEST_MAX_RETRIES: "many" })).toThrow(/non-negative integer/);
    expect(MLFLOW_HTTP_DEFAULTS).toEqual({ maxRetries: 7, backoffFactor: 2, backoffJitter: 1, timeoutSeconds: 120, respectRetryAfter: true });
    // The default budget outlasts a tracking server's restart: 0 + 4 + 8 + 16 + 32 + 64 + 120 s (+ jitter).
    const waits = Array.from({ length: 7 }, (_, i) => backoffMs(i + 1, 2, 0, () => 0));
    expect(waits).toEqual([0, 4000, 8000, 16000, 32000, 64000, 120000]);

    await using server = await fakeHttpServer({ "GET /api/2.0/mlflow/registered-models/get": [503, { error_code: "TEMPORARILY_UNAVAILABLE", message: "restarting" }] });
    const config = mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: server.url, MLFLOW_HTTP_REQUEST_MAX_RETRIES: "2" })!;
    await expect(mlflowClient(mlflowTransport(config, noWait)).getRegisteredModel("m")).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(3);
  });

  async function httpsServer() {
    const server = createServer({ key: readFileSync(`${TLS_DIR}server.key`), cert: readFileSync(`${TLS_DIR}server.crt`) }, (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(model));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, [Symbol.asyncDispose]: () => new Promise<void>((r) => server.close(() => r())) };
  }

  it("a self-signed server fails by default, with the TLS cause in the message", async () => {
    await using server = await httpsServer();
    const config = mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: server.url, MLFLOW_HTTP_REQUEST_MAX_RETRIES: "0" })!;
    await expect(mlflowClient(mlflowTransport(config, noWait)).getRegisteredModel("m")).rejects.toThrow(/self[- ]signed|certificate/i);
  });

  it("MLFLOW_TRACKING_SERVER_CERT_PATH trusts the given CA; MLFLOW_TRACKING_INSECURE_TLS skips verification; not both", async () => {
    await using server = await httpsServer();
    const withCa = mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: server.url, MLFLOW_TRACKING_SERVER_CERT_PATH: `${TLS_DIR}server.crt` })!;
    expect((await mlflowClient(mlflowTransport(withCa, noWait)).getRegisteredModel("m"))?.name).toBe("m");
    const insecure = mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: server.url, MLFLOW_TRACKING_INSECURE_TLS: "true" })!;
    expect((await mlflowClient(mlflowTransport(insecure, noWait)).getRegisteredModel("m"))?.name).toBe("m");
    expect(() => mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: server.url, MLFLOW_TRACKING_INSECURE_TLS: "true", MLFLOW_TRACKING_SERVER_CERT_PATH: "x" })).toThrow(/cannot both be set/);
    expect(() => mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: server.url, MLFLOW_TRACKING_INSECURE_TLS: "yes" })).toThrow(/one of true, false, 1, 0/);
  });
});

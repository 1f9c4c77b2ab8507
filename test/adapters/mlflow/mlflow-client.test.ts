import { describe, expect, it } from "vitest";
import { mlflowClient, filterLiteral } from "../../../src/adapters/mlflow/mlflow-client.js";
import { mlflowConfigFromEnv } from "../../../src/adapters/mlflow/mlflow-config.js";
import { isAlreadyExists, MlflowError } from "../../../src/adapters/mlflow/mlflow-error.js";
import { mlflowTransport, type TransportOptions } from "../../../src/adapters/mlflow/mlflow-transport.js";
import { ExternalError } from "../../../src/core/errors.js";
import { fakeHttpServer } from "../../support/fake-http-server.js";
import { fakeMlflowServer } from "../../support/fake-mlflow-server.js";

const noWait = { sleep: async () => {}, random: () => 0.5 } satisfies TransportOptions;
const clientFor = (url: string, extra: TransportOptions & { token?: string; username?: string; password?: string } = {}) => {
  const { token, username, password, ...opts } = extra;
  return mlflowClient(mlflowTransport({ trackingUri: url, token, username, password }, { ...noWait, ...opts }));
};

describe("mlflow client: auth", () => {
  it("sends a bearer token when MLFLOW_TRACKING_TOKEN is set", async () => {
    await using server = await fakeMlflowServer({ token: "s3cret" });
    const config = mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: `${server.url}/`, MLFLOW_TRACKING_TOKEN: "s3cret", MLFLOW_TRACKING_USERNAME: "ignored" })!;
    const client = mlflowClient(mlflowTransport(config, noWait));
    expect(await client.getRegisteredModel("nope")).toBeUndefined();
    expect(server.requests[0]!.headers.authorization).toBe("Bearer s3cret");
  });

  it("sends basic auth from MLFLOW_TRACKING_USERNAME/_PASSWORD", async () => {
    await using server = await fakeMlflowServer({ basic: { username: "ana", password: "p:w" } });
    const config = mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: server.url, MLFLOW_TRACKING_USERNAME: "ana", MLFLOW_TRACKING_PASSWORD: "p:w" })!;
    await mlflowClient(mlflowTransport(config, noWait)).createRegisteredModel({ name: "m" });
    expect(server.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from("ana:p:w").toString("base64")}`);
  });

  it("maps a 401 to a typed, non-retried error", async () => {
    await using server = await fakeMlflowServer({ token: "right" });
    const err = await clientFor(server.url, { token: "wrong" }).getRegisteredModel("m").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MlflowError);
    expect(err).toBeInstanceOf(ExternalError);
    expect(err).toMatchObject({ status: 401, code: "UNAUTHENTICATED", service: "mlflow" });
    expect(server.requests).toHaveLength(1);
  });

  it("keeps a path prefix of the tracking URI and sends no Authorization header without credentials", async () => {
    await using server = await fakeHttpServer({ "GET /mlflow/api/2.0/mlflow/registered-models/get": [200, { registered_model: { name: "m" } }] });
    expect((await clientFor(`${server.url}/mlflow/`).getRegisteredModel("m"))?.name).toBe("m");
    expect(server.requests[0]!.query.get("name")).toBe("m");
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it("reads no config without a tracking URI and rejects a non-http one", () => {
    expect(mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: "" })).toBeUndefined();
    expect(() => mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: "file:///tmp/mlruns" })).toThrow(/http/);
    expect(() => mlflowConfigFromEnv({ MLFLOW_TRACKING_URI: "databricks" })).toThrow(/needs DATABRICKS_HOST/);
  });
});

describe("mlflow client: retries and timeouts", () => {
  it("retries 429 and 5xx with exponential backoff and jitter, then succeeds", async () => {
    await using server = await fakeMlflowServer();
    server.seed("m");
    server.inject({ status: 429, times: 1 });
    server.inject({ status: 503, times: 2 });
    const waits: number[] = [];
    const client = clientFor(server.url, { sleep: async (ms) => void waits.push(ms), random: () => 0.5, backoffFactor: 0.1, backoffJitter: 0.2 });
    expect((await client.getRegisteredModel("m"))?.name).toBe("m");
    expect(server.requests).toHaveLength(4);
    // urllib3's schedule as MLflow uses it: 0 before the first retry, then factor * 2^(n-1) s, plus jitter.
    expect(waits).toEqual([100, 300, 500]);
  });

  it("honours Retry-After", async () => {
    await using server = await fakeMlflowServer();
    server.inject({ status: 429, headers: { "retry-after": "2" } });
    const waits: number[] = [];
    await clientFor(server.url, { sleep: async (ms) => void waits.push(ms) }).getRegisteredModel("m");
    expect(waits).toEqual([2000]);
  });

  it("gives up after maxRetries with the last error", async () => {
    await using server = await fakeMlflowServer();
    server.inject({ status: 500, times: 10 });
    const err = await clientFor(server.url, { maxRetries: 2 }).getRegisteredModel("m").catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 500, code: "INTERNAL_ERROR" });
    expect(server.requests).toHaveLength(3);
  });

  it("does not retry 4xx answers", async () => {
    await using server = await fakeMlflowServer();
    const err = await clientFor(server.url).createModelVersion({ name: "missing", source: "s3://b/k" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 404, code: "RESOURCE_DOES_NOT_EXIST" });
    expect(server.requests).toHaveLength(1);
  });

  it("never retries a model-version create (it could register twice)", async () => {
    await using server = await fakeMlflowServer();
    server.seed("m");
    server.inject({ status: 503 });
    await expect(clientFor(server.url).createModelVersion({ name: "m", source: "s3://b/k" })).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(1);
  });

  it("times out a slow answer and retries it", async () => {
    await using server = await fakeMlflowServer();
    server.inject({ delayMs: 300 });
    const client = clientFor(server.url, { timeoutMs: 50 });
    expect(await client.getRegisteredModel("m")).toBeUndefined();
    expect(server.requests).toHaveLength(2);
  });

  it("reports an unreachable server as NETWORK_ERROR", async () => {
    const server = await fakeHttpServer({});
    await server.close();
    await expect(clientFor(server.url, { maxRetries: 1 }).getRegisteredModel("m")).rejects.toMatchObject({ code: "NETWORK_ERROR", status: undefined });
  });
});

describe("mlflow client: the quirks of the recordings", () => {
  it("RESOURCE_ALREADY_EXISTS comes as HTTP 400 and is recognised by its code", async () => {
    await using server = await fakeMlflowServer();
    const client = clientFor(server.url);
    await client.createRegisteredModel({ name: "m", description: "d", tags: { b: "2", a: "1" } });
    const err = await client.createRegisteredModel({ name: "m" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400, code: "RESOURCE_ALREADY_EXISTS" });
    expect(isAlreadyExists(err)).toBe(true);
    expect((err as Error).message).not.toMatch(/SQL/);
  });

  it("a missing alias (400, even on a missing model) reads as undefined", async () => {
    await using server = await fakeMlflowServer();
    const client = clientFor(server.url);
    expect(await client.getVersionByAlias("no-such-model", "production")).toBeUndefined();
    server.seed("m", [{}], { aliases: { production: 1 } });
    expect(await client.getVersionByAlias("m", "staging")).toBeUndefined();
    expect((await client.getVersionByAlias("m", "production"))?.version).toBe("1");
  });

  it("alias DELETE sends a JSON body and succeeds for an alias never set; version goes as a string", async () => {
    await using server = await fakeMlflowServer();
    server.seed("m", [{}]);
    const client = clientFor(server.url);
    await client.setAlias({ name: "m", alias: "production", version: "1" });
    await client.deleteAlias({ name: "m", alias: "production" });
    await client.deleteAlias({ name: "m", alias: "never-set" });
    const del = server.requests.find((r) => r.method === "DELETE")!;
    expect(del.query.size).toBe(0);
    expect(JSON.parse(del.body)).toEqual({ name: "m", alias: "production" });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ name: "m", alias: "production", version: "1" });
  });

  it("reserved alias names are an INVALID_PARAMETER_VALUE error", async () => {
    await using server = await fakeMlflowServer();
    server.seed("m", [{}]);
    await expect(clientFor(server.url).setAlias({ name: "m", alias: "latest", version: "1" })).rejects.toMatchObject({ status: 400, code: "INVALID_PARAMETER_VALUE" });
  });

  it("empty search results ({}) are empty lists", async () => {
    await using server = await fakeMlflowServer();
    const client = clientFor(server.url);
    expect(await client.searchModelVersions({ filter: `name=${filterLiteral("zzz")}` })).toEqual([]);
    expect(await client.searchRegisteredModels()).toEqual([]);
  });

  it("follows page_token through every page of a search", async () => {
    await using server = await fakeMlflowServer();
    server.seed("m", Array.from({ length: 7 }, (_, i) => ({ tags: { i: String(i) } })));
    for (const n of ["a", "b", "c"]) server.seed(`other-${n}`);
    const client = clientFor(server.url);
    const versions = await client.searchModelVersions({ filter: `name=${filterLiteral("m")}`, maxResults: 3, orderBy: ["version_number ASC"] });
    expect(versions.map((v) => v.version)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(versions[2]!.tags).toEqual([{ key: "i", value: "2" }]);
    const pages = server.requests.filter((r) => r.path.endsWith("model-versions/search"));
    expect(pages.map((r) => r.query.get("page_token") === null)).toEqual([true, false, false]);
    const models = await client.searchRegisteredModels({ maxResults: 2 });
    expect(models.map((m) => m.name)).toEqual(["m", "other-a", "other-b", "other-c"]);
  });

  it("an HTML 404 from a wrong path becomes a typed error, not a JSON parse crash", async () => {
    await using server = await fakeHttpServer({ "GET /api/2.0/mlflow/registered-models/get": { status: 404, body: "<!doctype html><title>404 Not Found</title>", contentType: "text/html" } });
    const err = await clientFor(server.url).getRegisteredModel("m").catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 404, code: "NOT_JSON" });
  });

  it("reads a run with its params, metrics and artifact URI; a missing run is undefined", async () => {
    await using server = await fakeMlflowServer({ newRunId: () => "r1" });
    await fetch(`${server.url}/api/2.0/mlflow/runs/create`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ experiment_id: "0" }) });
    await fetch(`${server.url}/api/2.0/mlflow/runs/log-batch`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ run_id: "r1", metrics: [{ key: "auc", value: 0.9, timestamp: 1, step: 0 }], params: [{ key: "lr", value: "0.1" }] }),
    });
    const client = clientFor(server.url);
    const run = await client.getRun("r1");
    expect(run?.info.artifact_uri).toMatch(/r1\/artifacts$/);
    expect(run?.data.params).toEqual([{ key: "lr", value: "0.1" }]);
    expect(run?.data.metrics?.[0]).toMatchObject({ key: "auc", value: 0.9 });
    expect(await client.getRun("nope")).toBeUndefined();
  });

  it("transitions legacy stages case-insensitively and updates descriptions and tags", async () => {
    await using server = await fakeMlflowServer();
    server.seed("m", [{}, {}]);
    const client = clientFor(server.url);
    await client.transitionStage({ name: "m", version: "1", stage: "Production" });
    const v2 = await client.transitionStage({ name: "m", version: "2", stage: "Production", archiveExistingVersions: true });
    expect(v2.current_stage).toBe("Production");
    expect((await client.getModelVersion("m", "1"))?.current_stage).toBe("Archived");
    await client.setModelVersionTag({ name: "m", version: "1", key: "k", value: "v" });
    await client.updateModelVersion({ name: "m", version: "1", description: "hello" });
    await client.setRegisteredModelTag({ name: "m", key: "owner", value: "x" });
    await client.updateRegisteredModel({ name: "m", description: "model" });
    const v1 = await client.getModelVersion("m", "1");
    expect(v1).toMatchObject({ description: "hello", tags: [{ key: "k", value: "v" }] });
    await client.deleteModelVersionTag({ name: "m", version: "1", key: "k" });
    expect((await client.getModelVersion("m", "1"))?.tags).toBeUndefined();
    expect((await client.getRegisteredModel("m"))?.tags).toEqual([{ key: "owner", value: "x" }]);
  });
});

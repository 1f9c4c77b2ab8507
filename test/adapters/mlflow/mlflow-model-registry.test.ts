import { describe, expect, it } from "vitest";
import { mlflowClient } from "../../../src/adapters/mlflow/mlflow-client.js";
import { mlflowModelRegistry } from "../../../src/adapters/mlflow/mlflow-model-registry.js";
import { mlflowTransport } from "../../../src/adapters/mlflow/mlflow-transport.js";
import { fakeHttpServer } from "../../support/fake-http-server.js";
import { fakeMlflowServer } from "../../support/fake-mlflow-server.js";

const registryFor = (url: string, pageSize = 2) =>
  mlflowModelRegistry(mlflowClient(mlflowTransport({ trackingUri: url }, { sleep: async () => {} })), { location: url, pageSize });

describe("mlflowModelRegistry", () => {
  it("snapshots models with every version (across pages), tags, stages and aliases; missing models are absent", async () => {
    await using server = await fakeMlflowServer();
    server.seed("m", [{ runId: "r1", tags: { "steward.version": "a" } }, { stage: "Production" }, {}, {}, {}], { description: "d", tags: { owner: "x" }, aliases: { production: 2, staging: 5 } });
    const live = await registryFor(server.url).snapshot(["m", "absent"]);
    expect(Object.keys(live.models)).toEqual(["m"]);
    const m = live.models.m!;
    expect(m).toMatchObject({ name: "m", description: "d", tags: { owner: "x" }, aliases: { production: "2", staging: "5" } });
    expect(m.versions.map((v) => v.version)).toEqual(["1", "2", "3", "4", "5"]);
    expect(m.versions[0]).toEqual({ version: "1", runId: "r1", source: "s3://seed/m/1", stage: "None", description: "", tags: { "steward.version": "a" } });
    expect(m.versions[1]!.stage).toBe("Production");
    expect(server.requests.filter((r) => r.path.endsWith("model-versions/search"))).toHaveLength(3);
  });

  it("reads each run once, a few at a time: existence, status, lifecycle and artifact paths", async () => {
    await using server = await fakeMlflowServer();
    server.seedRuns(["a", "c"]);
    server.seedRuns(["f"], { status: "FAILED", artifacts: ["nested/dir/model/MLmodel"] });
    const registry = mlflowModelRegistry(mlflowClient(mlflowTransport({ trackingUri: server.url })), { location: server.url, concurrency: 2 });
    const runs = await registry.readRuns([
      { runId: "a", artifactPaths: ["model", "other"] },
      { runId: "b", artifactPaths: ["model"] },
      { runId: "c", artifactPaths: [] },
      { runId: "f", artifactPaths: ["nested/dir/model", "nested/dir/model/MLmodel"] },
    ]);
    expect(runs.a).toMatchObject({ exists: true, status: "FINISHED", lifecycleStage: "active", artifactPaths: { model: true, other: false } });
    expect(runs.a!.artifactUri).toMatch(/\/a\/artifacts$/);
    expect(runs.b).toEqual({ exists: false });
    expect(runs.c!.artifactPaths).toBeUndefined();
    expect(runs.f).toMatchObject({ status: "FAILED", artifactPaths: { "nested/dir/model": true, "nested/dir/model/MLmodel": true } });
    expect(server.requests.filter((r) => r.path.endsWith("runs/get"))).toHaveLength(4);
    expect(server.requests.filter((r) => r.path.endsWith("artifacts/list")).map((r) => r.query.get("path"))).toEqual([null, null, "nested/dir", "nested/dir/model"]);
  });

  it("treats an existing registered model as created (a re-run after a lost answer)", async () => {
    await using server = await fakeMlflowServer();
    server.seed("m");
    await expect(registryFor(server.url).createRegisteredModel({ name: "m", description: "", tags: {} })).resolves.toBeUndefined();
  });

  it("does not register a version twice when MLflow created it but the answer was lost", async () => {
    await using mlflow = await fakeMlflowServer();
    mlflow.seed("m");
    let creates = 0;
    // A proxy that forwards everything, but turns the first create's answer into a 502 after MLflow made the version.
    await using proxy = await fakeHttpServer(async (req) => {
      const res = await fetch(`${mlflow.url}${req.path}?${req.query}`, { method: req.method, headers: { "content-type": "application/json" }, body: req.body || undefined });
      const body = await res.json();
      if (req.path.endsWith("model-versions/create") && creates++ === 0) return { status: 502, body: { error_code: "TEMPORARILY_UNAVAILABLE", message: "bad gateway" } };
      return { status: res.status, body };
    });
    const v = await registryFor(proxy.url).createModelVersion({ name: "m", source: "runs:/r/model", runId: "r", tags: { "steward.version": "8" } });
    expect(v.version).toBe("1");
    expect(creates).toBe(1);
    expect(mlflow.state.models.get("m")!.versions.size).toBe(1);
  });

  it("registers after a failure that created nothing", async () => {
    await using server = await fakeMlflowServer();
    server.seed("m");
    server.inject({ match: (r) => r.path.endsWith("model-versions/create"), status: 503 });
    const v = await registryFor(server.url).createModelVersion({ name: "m", source: "runs:/r/model", tags: { "steward.version": "8" } });
    expect(v).toMatchObject({ version: "1", tags: { "steward.version": "8" } });
    expect(server.state.models.get("m")!.versions.size).toBe(1);
  });
});

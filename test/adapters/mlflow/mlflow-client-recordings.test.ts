import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { filterLiteral, mlflowClient } from "../../../src/adapters/mlflow/mlflow-client.js";
import { isAlreadyExists, isNotFound } from "../../../src/adapters/mlflow/mlflow-error.js";
import { mlflowTransport } from "../../../src/adapters/mlflow/mlflow-transport.js";
import { fakeHttpServer, type RecordedRequest } from "../../support/fake-http-server.js";

/**
 * The client against MLflow's own recorded answers (test/fixtures/mlflow), not the fake: a server
 * that answers a request only when it is exactly a recorded one (method, path, query and JSON body),
 * with the recorded status, content type and body. So each test checks both what the client sends
 * and how it reads what real MLflow 2.12.2 answered.
 */

interface Recorded {
  method: string;
  path: string;
  request_body: unknown;
  status: number;
  response_content_type: string;
  response_body: unknown;
}

const dir = join(import.meta.dirname, "../../fixtures/mlflow");
const byName = new Map(
  readdirSync(dir)
    .filter((f) => /^\d{2}-.*\.json$/.test(f))
    .map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(join(dir, f), "utf8")) as Recorded] as const),
);

const queryKey = (q: URLSearchParams) => JSON.stringify([...q].sort(([a], [b]) => a.localeCompare(b)));

/** Serves the named recordings; anything else gets 599 naming the unexpected request. */
async function replay(...names: string[]) {
  const recs = names.map((n) => {
    const r = byName.get(n);
    if (!r) throw new Error(`no recording ${n}`);
    return r;
  });
  const used = new Set<Recorded>();
  const server = await fakeHttpServer((req: RecordedRequest) => {
    const rec = recs.find((r) => {
      const u = new URL(r.path, "http://x");
      if (r.method !== req.method || u.pathname !== req.path || queryKey(u.searchParams) !== queryKey(req.query)) return false;
      if (r.request_body === null) return req.body === "";
      try {
        return JSON.stringify(JSON.parse(req.body)) === JSON.stringify(r.request_body);
      } catch {
        return false;
      }
    });
    if (!rec) return { status: 599, body: { message: `unrecorded request ${req.method} ${req.path}?${req.query} ${req.body}` } };
    used.add(rec);
    return { status: rec.status, body: rec.response_body, contentType: rec.response_content_type };
  });
  const client = mlflowClient(mlflowTransport({ trackingUri: server.url }, { sleep: async () => {}, maxRetries: 0 }));
  return { server, client, allUsed: () => recs.every((r) => used.has(r)), [Symbol.asyncDispose]: () => server.close() };
}

describe("mlflow client against the recorded MLflow 2.12.2 answers", () => {
  it("creates a registered model with tags, and recognises the duplicate (400 RESOURCE_ALREADY_EXISTS)", async () => {
    await using r = await replay("16-registered-models-create", "17-registered-models-create-duplicate-error");
    const m = await r.client.createRegisteredModel({ name: "demo-model", description: "smoke model", tags: { domain: "test" } });
    expect(m.tags).toEqual([{ key: "domain", value: "test" }]);
    const err = await r.client.createRegisteredModel({ name: "demo-model" }).catch((e: unknown) => e);
    expect(isAlreadyExists(err)).toBe(true);
    expect(r.allUsed()).toBe(true);
  });

  it("reads missing models, versions, aliases and runs as undefined", async () => {
    await using r = await replay(
      "19-registered-models-get-missing-error",
      "27-model-versions-get-missing-error",
      "32-registered-models-alias-get-missing-alias-error",
      "33-registered-models-alias-get-missing-model-error",
      "78-registered-models-alias-get-after-delete-error",
      "13-runs-get-missing-error",
    );
    expect(await r.client.getRegisteredModel("no-such-model")).toBeUndefined();
    expect(await r.client.getModelVersion("demo-model", "99")).toBeUndefined();
    expect(await r.client.getVersionByAlias("demo-model", "nope")).toBeUndefined();
    expect(await r.client.getVersionByAlias("no-such-model", "champion")).toBeUndefined();
    expect(await r.client.getVersionByAlias("demo-model", "challenger")).toBeUndefined();
    expect(await r.client.getRun("00000000000000000000000000000000")).toBeUndefined();
    expect(r.allUsed()).toBe(true);
  });

  it("registers versions (runs:/ source, description, tags) and reports a missing model as not found", async () => {
    await using r = await replay("20-model-versions-create-v1-s3", "21-model-versions-create-v2-runs-uri", "24-model-versions-create-missing-model-error");
    const v1 = await r.client.createModelVersion({ name: "demo-model", source: "s3://ml-artifacts/models/smoke/1", runId: "23e88a018e484de59b0ccb06d775be0a", description: "first version", tags: { validated: "false" } });
    expect(v1.version).toBe("1");
    const v2 = await r.client.createModelVersion({ name: "demo-model", source: "runs:/23e88a018e484de59b0ccb06d775be0a/model", runId: "23e88a018e484de59b0ccb06d775be0a" });
    expect([v2.version, v2.current_stage, v2.tags]).toEqual(["2", "None", undefined]);
    const err = await r.client.createModelVersion({ name: "no-such-model", source: "s3://ml-artifacts/x", runId: "23e88a018e484de59b0ccb06d775be0a" }).catch((e: unknown) => e);
    expect(isNotFound(err)).toBe(true);
    expect(r.allUsed()).toBe(true);
  });

  it("sets, reads and deletes aliases with MLflow's wire format (string version, JSON body on DELETE)", async () => {
    await using r = await replay(
      "29-registered-models-alias-set",
      "31-registered-models-alias-get-by-alias",
      "34-registered-models-alias-set-missing-version-error",
      "35-registered-models-alias-set-invalid-alias-latest-error",
      "75-registered-models-alias-delete-never-set-alias-ok",
      "76-registered-models-alias-delete",
    );
    await r.client.setAlias({ name: "demo-model", alias: "champion", version: "1" });
    expect((await r.client.getVersionByAlias("demo-model", "champion"))?.aliases).toEqual(["champion"]);
    await expect(r.client.setAlias({ name: "demo-model", alias: "champion", version: "99" })).rejects.toMatchObject({ status: 404, code: "RESOURCE_DOES_NOT_EXIST" });
    await expect(r.client.setAlias({ name: "demo-model", alias: "latest", version: "1" })).rejects.toMatchObject({ status: 400, code: "INVALID_PARAMETER_VALUE" });
    await r.client.deleteAlias({ name: "demo-model", alias: "numeric" });
    await r.client.deleteAlias({ name: "demo-model", alias: "challenger" });
    expect(r.allUsed()).toBe(true);
  });

  it("follows next_page_token and reads {} as no results", async () => {
    await using r = await replay("55-model-versions-search-page1", "56-model-versions-search-page2", "60-model-versions-search-no-match", "67-registered-models-search-page1", "68-registered-models-search-page2");
    const versions = await r.client.searchModelVersions({ filter: `name=${filterLiteral("demo-model")}`, maxResults: 2, orderBy: ["version_number DESC"] });
    expect(versions.map((v) => v.version)).toEqual(["3", "2", "1"]);
    expect(versions.every((v) => v.aliases === undefined)).toBe(true); // search never carries aliases
    expect(await r.client.searchModelVersions({ filter: `name=${filterLiteral("zzz-none")}` })).toEqual([]);
    const models = await r.client.searchRegisteredModels({ filter: "name LIKE 'demo-model%'", maxResults: 1, orderBy: ["name ASC"] });
    expect(models.map((m) => m.name)).toEqual(["demo-model", "demo-model-b"]);
    expect(models[0]!.aliases).toEqual([{ alias: "challenger", version: "2" }, { alias: "champion", version: "1" }]);
    expect(r.allUsed()).toBe(true);
  });

  it("transitions stages, tags and describes versions and models", async () => {
    await using r = await replay(
      "43-model-versions-transition-stage-v1-staging",
      "48-model-versions-transition-stage-invalid-stage-error",
      "50-model-versions-set-tag",
      "52-model-versions-update-description",
      "64-registered-models-set-tag",
      "65-registered-models-update-description",
      "74-model-versions-delete-tag",
    );
    expect((await r.client.transitionStage({ name: "demo-model", version: "1", stage: "Staging" })).current_stage).toBe("Staging");
    await expect(r.client.transitionStage({ name: "demo-model", version: "1", stage: "Bogus" as "None" })).rejects.toMatchObject({ code: "INVALID_PARAMETER_VALUE" });
    await r.client.setModelVersionTag({ name: "demo-model", version: "1", key: "validated", value: "true" });
    expect((await r.client.updateModelVersion({ name: "demo-model", version: "1", description: "champion candidate" })).description).toBe("champion candidate");
    await r.client.setRegisteredModelTag({ name: "demo-model", key: "owner", value: "analyst" });
    expect((await r.client.updateRegisteredModel({ name: "demo-model", description: "updated description" })).description).toBe("updated description");
    await r.client.deleteModelVersionTag({ name: "demo-model", version: "1", key: "validated" });
    expect(r.allUsed()).toBe(true);
  });

  it("reads a run's params, metrics and artifact URI", async () => {
    await using r = await replay("12-runs-get");
    const run = await r.client.getRun("23e88a018e484de59b0ccb06d775be0a");
    expect(run?.info.artifact_uri).toBe("/srv/mlflow/artifacts/1/23e88a018e484de59b0ccb06d775be0a/artifacts");
    expect(run?.data.params).toContainEqual({ key: "lr", value: "0.01" });
    expect(run?.data.metrics?.map((m) => m.key)).toEqual(["accuracy", "loss"]);
  });

  it("turns Flask's HTML error pages into typed errors", async () => {
    await using r = await replay("61-registered-models-get", "82-edge-unknown-endpoint-404");
    expect((await r.client.getRegisteredModel("demo-model"))?.latest_versions).toHaveLength(3);
    const request = mlflowTransport({ trackingUri: r.server.url }, { maxRetries: 0 });
    await expect(request({ method: "GET", endpoint: "registered-models/does-not-exist" })).rejects.toMatchObject({ status: 404, code: "NOT_JSON", service: "mlflow" });
    expect(r.allUsed()).toBe(true);
  });
});

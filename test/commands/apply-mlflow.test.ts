import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/adapters/log/console-logger.js";
import { mlflowClient } from "../../src/adapters/mlflow/mlflow-client.js";
import { mlflowModelRegistry } from "../../src/adapters/mlflow/mlflow-model-registry.js";
import { mlflowTransport } from "../../src/adapters/mlflow/mlflow-transport.js";
import { assignedVersions, mlflowReconciler } from "../../src/commands/reconcile-mlflow.js";
import type { PlanContext } from "../../src/commands/reconcilers.js";
import type { RepoState } from "../../src/core/types.js";
import { aModelSpec, aRepoState, aVersionSpec } from "../support/builders.js";
import { fakeMlflowServer, type FakeMlflowServer } from "../support/fake-mlflow-server.js";

const ctx: PlanContext = { logger: silentLogger, now: new Date("2026-11-26T00:00:00Z"), commit: "abc123", repoUrl: "https://github.com/acme/models" };

function reconcilerFor(server: FakeMlflowServer) {
  const transport = mlflowTransport({ trackingUri: server.url }, { sleep: async () => {}, maxRetries: 2 });
  return mlflowReconciler({ registry: mlflowModelRegistry(mlflowClient(transport), { location: server.url, pageSize: 2 }) });
}

/** Two models: fraud (production 7, staging 8) and churn with a 90/10 production split and legacy stages. */
function twoModels(): RepoState {
  const churn = aModelSpec({ name: "churn", stages: { production: { variants: [{ version: "1.1.0", weight: 90 }, { version: "1.2.0", weight: 10 }] } } });
  churn.registry!.mlflow!.legacyStages = true;
  return aRepoState({
    models: [aModelSpec(), churn],
    versions: [
      aVersionSpec({ version: "7" }),
      aVersionSpec({ version: "8", notes: "adds merchant features" }),
      aVersionSpec({ model: "churn", version: "1.0.0", archived: true, mlflow: { runId: "c0", modelVersion: "1" } }),
      aVersionSpec({ model: "churn", version: "1.1.0", mlflow: { runId: "c1" } }),
      aVersionSpec({ model: "churn", version: "1.2.0", mlflow: { runId: "c2" } }),
    ],
  });
}

const writes = (s: FakeMlflowServer) => s.writes().length;

/** A fake MLflow that has every run the test states register versions from. */
async function start(opts: Parameters<typeof fakeMlflowServer>[0] = {}): Promise<FakeMlflowServer> {
  const server = await fakeMlflowServer(opts);
  server.seedRuns(["3f2a9c0d5e7b4a1f8c6d2e0b9a7f5c3d", "c0", "c1", "c2", "r7", "r8"]);
  return server;
}

describe("MLflow reconcile against the fake MLflow server", () => {
  it("brings an empty registry to the repository, and a second apply changes nothing", async () => {
    await using server = await start();
    server.seed("churn", [{ runId: "c0", stage: "Production" }], { aliases: { production: 1 } }); // 1.0.0, recorded as version 1
    const r = reconcilerFor(server);
    const state = twoModels();

    const plan = await r.plan(state, ctx);
    const outcomes = await r.apply(plan, ctx);
    expect(outcomes.every((o) => o.status === "done")).toBe(true);
    expect(assignedVersions(outcomes).map((a) => `${a.name} ${a.stewardVersion} -> ${a.version}`)).toEqual([
      "fraud-detection 7 -> 1",
      "fraud-detection 8 -> 2",
      "churn 1.1.0 -> 2",
      "churn 1.2.0 -> 3",
    ]);
    const firstWrites = writes(server);

    const fraud = server.state.models.get("fraud-detection")!;
    expect(Object.fromEntries(fraud.aliases)).toEqual({ production: 1, staging: 2 });
    expect(fraud.description).toBe("Scores card transactions.");
    expect(fraud.tags.get("steward.owners")).toBe("@acme/risk-ml");
    expect(Object.fromEntries(fraud.versions.get(2)!.tags)).toMatchObject({ "steward.version": "8", "steward.git_commit": "abc123", "steward.dvc_md5": "0123456789abcdef0123456789abcdef" });
    expect(fraud.versions.get(2)!.description).toBe("adds merchant features");
    expect(fraud.versions.get(2)!.source).toBe("runs:/3f2a9c0d5e7b4a1f8c6d2e0b9a7f5c3d/model");

    const churn = server.state.models.get("churn")!;
    expect(Object.fromEntries(churn.aliases)).toEqual({ production: 2 }); // the 90% variant; archived 1.0.0 lost its alias
    expect([...churn.versions.values()].map((v) => [v.version, v.current_stage, v.tags.get("steward.traffic.production") ?? "-", v.tags.get("steward.archived") ?? "-"])).toEqual([
      [1, "Archived", "-", "true"],
      [2, "Production", "90", "-"],
      [3, "Production", "10", "-"],
    ]);

    const again = await r.plan(state, ctx);
    expect(again.steps).toEqual([]);
    expect(await r.apply(again, ctx)).toEqual([]);
    expect(writes(server)).toBe(firstWrites);
    // A later commit does not rewrite anything either.
    expect((await r.plan(state, { ...ctx, commit: "def456" })).steps).toEqual([]);
  });

  it("converges after a 500 in the middle of apply", async () => {
    await using server = await start();
    const r = reconcilerFor(server);
    const state = twoModels();
    const plan = await r.plan(state, ctx);
    // The 9th write fails on every retry (the transport retries twice).
    server.inject({ match: (req) => req.method !== "GET", after: 8, times: 3, status: 500 });

    const first = await r.apply(plan, ctx);
    const failedAt = first.findIndex((o) => o.status === "failed");
    expect(failedAt).toBeGreaterThan(0);
    expect(first[failedAt]!.error).toMatch(/HTTP 500/);
    expect(first.slice(failedAt + 1).every((o) => o.status === "skipped")).toBe(true);
    expect(first.slice(0, failedAt).every((o) => o.status === "done")).toBe(true);

    const resumed = await r.plan(state, ctx);
    expect(resumed.steps.length).toBeGreaterThan(0);
    expect(resumed.steps.length).toBeLessThan(plan.steps.length + 1);
    expect((await r.apply(resumed, ctx)).every((o) => o.status === "done")).toBe(true);
    expect((await r.plan(state, ctx)).steps).toEqual([]);

    // No version was registered twice.
    for (const m of server.state.models.values()) {
      const markers = [...m.versions.values()].map((v) => v.tags.get("steward.version"));
      expect(new Set(markers).size).toBe(markers.length);
    }
  });

  it("converges whichever write fails", async () => {
    const state = twoModels();
    let total = 0;
    {
      await using server = await start();
      const r = reconcilerFor(server);
      await r.apply(await r.plan(state, ctx), ctx);
      total = writes(server);
    }
    for (let k = 0; k < total; k += 3) {
      await using server = await start();
      const r = reconcilerFor(server);
      server.inject({ match: (req) => req.method !== "GET", after: k, times: 3, status: 503 });
      await r.apply(await r.plan(state, ctx), ctx);
      await r.apply(await r.plan(state, ctx), ctx);
      expect((await r.plan(state, ctx)).steps, `failure at write ${k}`).toEqual([]);
    }
  });

  it("leaves versions MLflow has but the repository does not know untouched, and reports them", async () => {
    await using server = await start();
    server.seed("fraud-detection", [{ runId: "old", stage: "Production", tags: { team: "x" } }, { runId: "older" }], { description: "Scores card transactions.", aliases: { champion: 1 } });
    const r = reconcilerFor(server);
    const state = aRepoState();
    const plan = await r.plan(state, ctx);
    expect(plan.notes).toContain("fraud-detection: MLflow versions 1, 2 are not in the repository; left as they are");
    await r.apply(plan, ctx);
    const m = server.state.models.get("fraud-detection")!;
    expect(m.versions.get(1)!.current_stage).toBe("Production");
    expect(Object.fromEntries(m.versions.get(1)!.tags)).toEqual({ team: "x" });
    expect(m.aliases.get("champion")).toBe(1);
    expect(m.versions.size).toBe(4);
    expect(server.writes().some((w) => /\/delete$/.test(w.path))).toBe(false);
  });

  it("finds versions by recorded number or steward.version tag instead of registering again", async () => {
    await using server = await start();
    server.seed("fraud-detection", [{ runId: "r7" }, { runId: "r8", tags: { "steward.version": "8" } }]);
    const r = reconcilerFor(server);
    const state = aRepoState({ versions: [aVersionSpec({ version: "7", mlflow: { runId: "r7", modelVersion: "1" } }), aVersionSpec({ version: "8", mlflow: { runId: "r8" } })] });
    const plan = await r.plan(state, ctx);
    expect(plan.steps.some((s) => s.action === "create-model-version")).toBe(false);
    expect(plan.notes).toContain('fraud-detection 8: record mlflow.modelVersion: "2" in models/fraud-detection/versions/8.yaml');
    await r.apply(plan, ctx);
    expect(server.state.models.get("fraud-detection")!.versions.size).toBe(2);
    expect(Object.fromEntries(server.state.models.get("fraud-detection")!.aliases)).toEqual({ production: 1, staging: 2 });
  });

  it("does not register a version whose run MLflow does not have (MLflow would accept it)", async () => {
    await using server = await fakeMlflowServer();
    server.seedRuns(["r7"]);
    const state = aRepoState({ versions: [aVersionSpec({ version: "7", mlflow: { runId: "r7" } }), aVersionSpec({ version: "8", mlflow: { runId: "gone" } })] });
    const r = reconcilerFor(server);
    const plan = await r.plan(state, ctx);
    expect(plan.steps.map((s) => s.resource)).toEqual(["models:/fraud-detection", "models:/fraud-detection/(new 7)", "models:/fraud-detection@production", "models:/fraud-detection"]);
    expect(plan.errors).toEqual(["models/fraud-detection/versions/8.yaml: cannot register fraud-detection 8: MLflow has no run gone"]);
    expect(plan.notes).toContain("fraud-detection@staging: version 8 of stage staging is not in MLflow and cannot be registered; alias left as it is");
  });

  it("fails the plan (not the process) when MLflow cannot be read", async () => {
    await using server = await fakeMlflowServer({ token: "t" });
    await expect(reconcilerFor(server).plan(aRepoState(), ctx)).rejects.toMatchObject({ status: 401, service: "mlflow" });
  });
});

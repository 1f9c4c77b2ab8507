/**
 * Issue #14: one test per defect found against a real MLflow 2.12.2, run against the fake MLflow
 * server (whose filter quoting, run lifecycle and artifacts follow MLflow's source and REST reference).
 */
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/adapters/log/console-logger.js";
import { mlflowClient } from "../../src/adapters/mlflow/mlflow-client.js";
import { mlflowModelRegistry, type MlflowRegistryOptions } from "../../src/adapters/mlflow/mlflow-model-registry.js";
import { mlflowTransport } from "../../src/adapters/mlflow/mlflow-transport.js";
import { planTarget } from "../../src/commands/plan.js";
import { assignedVersions, mlflowReconciler } from "../../src/commands/reconcile-mlflow.js";
import type { PlanContext } from "../../src/commands/reconcilers.js";
import type { RepoState } from "../../src/core/types.js";
import { aModelSpec, aRepoState, aVersionSpec } from "../support/builders.js";
import { fakeMlflowServer, type FakeMlflowServer } from "../support/fake-mlflow-server.js";

const ctx: PlanContext = { logger: silentLogger, now: new Date("2026-11-26T00:00:00Z"), commit: "abc123" };
const R7 = "77777777777777777777777777777777";
const R8 = "88888888888888888888888888888888";
const OTHER = "00000000000000000000000000000abc";

function reconcilerFor(server: FakeMlflowServer, opts: Partial<MlflowRegistryOptions> & { timeoutMs?: number } = {}) {
  const { timeoutMs, ...registryOpts } = opts;
  const transport = mlflowTransport({ trackingUri: server.url }, { sleep: async () => {}, maxRetries: 2, ...(timeoutMs ? { timeoutMs } : {}) });
  return mlflowReconciler({ registry: mlflowModelRegistry(mlflowClient(transport), { location: server.url, ...registryOpts }) });
}

/** fraud-detection: production 7 (run R7), staging 8 (run R8). */
function repo(over: { name?: string; v7?: Parameters<typeof aVersionSpec>[0]; v8?: Parameters<typeof aVersionSpec>[0]; aliases?: Record<string, string> } = {}): RepoState {
  const model = aModelSpec();
  if (over.name) model.registry!.mlflow!.name = over.name;
  if (over.aliases) model.registry!.mlflow!.aliases = over.aliases;
  return aRepoState({ models: [model], versions: [aVersionSpec({ version: "7", mlflow: { runId: R7 }, ...over.v7 }), aVersionSpec({ version: "8", mlflow: { runId: R8 }, ...over.v8 })] });
}

async function applyAll(server: FakeMlflowServer, state: RepoState, opts: Parameters<typeof reconcilerFor>[1] = {}) {
  const r = reconcilerFor(server, opts);
  const plan = await r.plan(state, ctx);
  return { plan, outcomes: await r.apply(plan, ctx), again: await r.plan(state, ctx) };
}

const model = (s: FakeMlflowServer, name = "fraud-detection") => s.state.models.get(name)!;

describe("issue #14 defects, against the fake MLflow server", () => {
  it("1. an alias on a version registered from another run than the YAML's runId moves to a version of the YAML's run", async () => {
    await using server = await fakeMlflowServer();
    server.seedRuns([R7, R8, OTHER]);
    server.seed("fraud-detection", [{ runId: OTHER, source: `runs:/${OTHER}/model`, tags: { "steward.version": "7" } }], { description: "Scores card transactions.", aliases: { production: 1 } });
    const { plan, outcomes, again } = await applyAll(server, repo());
    expect(plan.steps.map((s) => `${s.action} ${s.resource}`)).toContain("create-model-version models:/fraud-detection/(new 7)");
    expect(plan.notes.join("\n")).toMatch(/MLflow version 1 \(run 0+abc\) were registered for it from another run/);
    expect(outcomes.every((o) => o.status === "done")).toBe(true);
    const m = model(server);
    expect(m.versions.get(m.aliases.get("production")!)!.run_id).toBe(R7);
    expect(again.steps).toEqual([]);
  });

  it("2. a stage naming a version that cannot be registered (its run is missing) is a plan error: target failed, nothing applied", async () => {
    await using server = await fakeMlflowServer();
    server.seedRuns([R7]);
    const report = await planTarget({ target: "mlflow", reconciler: reconcilerFor(server) }, repo(), ctx);
    expect(report.status).toBe("failed");
    expect(report.errors).toEqual([`models/fraud-detection/versions/8.yaml: cannot register fraud-detection 8: MLflow has no run ${R8}`]);
    expect(report.reason).toMatch(/^1 plan error: /);
    expect(server.writes()).toEqual([]);
  });

  it.each([["o'brien"], ["back\\slash"], [`both'and"`], ["trailing\\"], ["100%_sure"]])("3. a model named %s is found again: the second apply writes nothing", async (name) => {
    await using server = await fakeMlflowServer();
    server.seedRuns([R7, R8]);
    const state = repo({ name });
    const { outcomes, again } = await applyAll(server, state);
    expect(outcomes.every((o) => o.status === "done")).toBe(true);
    expect(model(server, name).versions.size).toBe(2);
    expect(again.steps).toEqual([]);
  });

  it("3. the fake reads filter literals as MLflow does: nothing inside is unescaped", async () => {
    await using server = await fakeMlflowServer();
    server.seed("it's", [{}]);
    server.seed("a\\b", [{}]);
    const search = async (filter: string) => {
      const res = await fetch(`${server.url}/api/2.0/mlflow/model-versions/search?filter=${encodeURIComponent(filter)}`);
      return ((await res.json()) as { model_versions?: { name: string }[] }).model_versions?.map((v) => v.name) ?? [];
    };
    expect(await search("name='it\\'s'")).toEqual([]);
    expect(await search("name='it''s'")).toEqual([]);
    expect(await search(`name="it's"`)).toEqual(["it's"]);
    expect(await search("name='a\\b'")).toEqual(["a\\b"]);
    expect(await search("name='a\\\\b'")).toEqual([]);
  });

  it("4. a create that times out on the client but completes on the server is found by its request id, not registered twice", async () => {
    await using server = await fakeMlflowServer();
    server.seedRuns([R7, R8]);
    server.inject({ match: (r) => r.path.endsWith("model-versions/create"), delayMs: 400 });
    // The look-up waits for the server to finish the create it timed out on (MLflow's lag), not a fixed time.
    const { outcomes, again } = await applyAll(server, repo(), { timeoutMs: 100, lookupDelaysMs: [150, 300, 600], sleep: () => server.idle() });
    expect(outcomes.every((o) => o.status === "done")).toBe(true);
    expect(model(server).versions.size).toBe(2);
    expect(assignedVersions(outcomes).map((a) => `${a.stewardVersion}->${a.version}`)).toEqual(["7->1", "8->2"]);
    expect(server.writes().filter((w) => w.path.endsWith("model-versions/create"))).toHaveLength(2);
    expect(again.steps).toEqual([]);
  });

  it("4. when the outcome stays unknown, the create is not repeated; the step fails and a re-run converges", async () => {
    await using server = await fakeMlflowServer();
    server.seedRuns([R7, R8]);
    server.inject({ match: (r) => r.path.endsWith("model-versions/create"), delayMs: 500 });
    // The look-ups come back at once, while the server still holds the create: the outcome stays unknown.
    const { outcomes } = await applyAll(server, repo(), { timeoutMs: 100, lookupDelaysMs: [20], sleep: async () => undefined });
    const failed = outcomes.find((o) => o.status === "failed")!;
    expect(failed.error).toMatch(/unknown outcome .* not retried, to avoid a duplicate/);
    expect(outcomes.slice(outcomes.indexOf(failed) + 1).every((o) => o.status === "skipped")).toBe(true);
    await expect.poll(() => model(server).versions.size).toBe(1);
    const { again } = await applyAll(server, repo());
    expect(again.steps).toEqual([]);
    expect(model(server).versions.size).toBe(2);
  });

  it.each([["runs:/ form", (run: string) => `runs:/${run}/model`], ["artifact URI form", (run: string) => `mlflow-artifacts:/0/${run}/artifacts/model`]])(
    "5. a version the training job registered (same run, same source: %s) is adopted, not registered again",
    async (_form, source) => {
      await using server = await fakeMlflowServer({ artifactRoot: "mlflow-artifacts:" });
      server.seedRuns([R7, R8]);
      server.seed("fraud-detection", [{ runId: R7, source: source(R7) }, { runId: R7, source: `runs:/${R7}/other-model` }]);
      const { plan, outcomes, again } = await applyAll(server, repo());
      expect(plan.notes).toContain(`fraud-detection 7: adopting MLflow version 1, registered earlier from the same run and source; record mlflow.modelVersion: "1" in models/fraud-detection/versions/7.yaml`);
      expect(outcomes.every((o) => o.status === "done")).toBe(true);
      const m = model(server);
      expect(m.versions.size).toBe(3);
      expect(m.versions.get(1)!.tags.get("steward.version")).toBe("7");
      expect(m.aliases.get("production")).toBe(1);
      expect(again.steps).toEqual([]);
    },
  );

  it("6. changing a version file's runId registers a new version and moves its alias", async () => {
    await using server = await fakeMlflowServer();
    server.seedRuns([R7, R8, OTHER]);
    await applyAll(server, repo());
    const changed = repo({ v7: { mlflow: { runId: OTHER, modelVersion: "1" } } });
    const { plan, outcomes, again } = await applyAll(server, changed);
    expect(plan.steps.map((s) => `${s.action} ${s.resource}`)).toEqual(["create-model-version models:/fraud-detection/(new 7)", "set-alias models:/fraud-detection@production"]);
    expect(plan.notes.join("\n")).toMatch(/records MLflow version 1, registered from run 7+, but names run 0+abc: a changed runId is a new version/);
    expect(outcomes.every((o) => o.status === "done")).toBe(true);
    const m = model(server);
    expect(m.versions.get(m.aliases.get("production")!)!.run_id).toBe(OTHER);
    expect(m.versions.get(1)!.run_id).toBe(R7); // never deleted
    expect(again.steps).toEqual([]);
  });

  it("7. renaming an alias deletes the old one; aliases set by others are reported and left alone", async () => {
    await using server = await fakeMlflowServer();
    server.seedRuns([R7, R8]);
    await applyAll(server, repo());
    model(server).aliases.set("shadow", 1);
    const renamed = repo({ aliases: { production: "champion" } });
    const { plan, again } = await applyAll(server, renamed);
    expect(plan.steps.map((s) => `${s.action} ${s.resource}`)).toEqual([
      "set-alias models:/fraud-detection@champion",
      "delete-alias models:/fraud-detection@production",
      "set-registered-model-tags models:/fraud-detection",
    ]);
    expect(plan.notes).toContain("fraud-detection@shadow: set outside the repository (MLflow version 1); left as it is");
    expect(Object.fromEntries(model(server).aliases)).toEqual({ champion: 1, staging: 2, shadow: 1 });
    expect(model(server).tags.get("steward.aliases")).toBe("champion,staging");
    expect(again.steps).toEqual([]);
  });

  it("7. a failed alias removal keeps the managed list, so the next apply removes it", async () => {
    await using server = await fakeMlflowServer();
    server.seedRuns([R7, R8]);
    await applyAll(server, repo());
    server.inject({ match: (r) => r.method === "DELETE" && r.path.endsWith("registered-models/alias"), status: 500, times: 3 });
    const renamed = repo({ aliases: { production: "champion" } });
    const first = await applyAll(server, renamed);
    expect(first.outcomes.map((o) => o.status)).toEqual(["done", "failed", "skipped"]);
    expect(model(server).tags.get("steward.aliases")).toBe("production,staging");
    const second = await applyAll(server, renamed);
    expect(second.outcomes.every((o) => o.status === "done")).toBe(true);
    expect([...model(server).aliases.keys()].sort()).toEqual(["champion", "staging"]);
  });

  it.each([
    ["FAILED", { status: "FAILED" }, `run ${R8} is FAILED, not FINISHED`],
    ["RUNNING", { status: "RUNNING" }, `run ${R8} is RUNNING, not FINISHED`],
    ["deleted", { lifecycleStage: "deleted" }, `run ${R8} is deleted`],
    ["without the model artifact", { artifacts: ["checkpoints/x.pt"] }, `run ${R8} has no artifact "model"`],
  ])("10. a %s run is not registered: plan error, nothing applied", async (_what, run, message) => {
    await using server = await fakeMlflowServer();
    server.seedRuns([R7]);
    server.seedRuns([R8], run);
    const report = await planTarget({ target: "mlflow", reconciler: reconcilerFor(server) }, repo(), ctx);
    expect(report.status).toBe("failed");
    expect(report.errors?.[0]).toContain(`models/fraud-detection/versions/8.yaml: cannot register fraud-detection 8: ${message}`);
    expect(server.writes()).toEqual([]);
  });

  it("10. artifactPath in the version file is where the version is registered from", async () => {
    await using server = await fakeMlflowServer();
    server.seedRuns([R7, R8], { artifacts: ["sk/model/MLmodel"] });
    const state = repo({ v7: { mlflow: { runId: R7, artifactPath: "sk/model" } }, v8: { mlflow: { runId: R8, artifactPath: "sk/model" } } });
    const { outcomes } = await applyAll(server, state);
    expect(outcomes.every((o) => o.status === "done")).toBe(true);
    expect(model(server).versions.get(1)!.source).toBe(`runs:/${R7}/sk/model`);
  });

  it("13. legacy stages set by other tools are reported, never written", async () => {
    await using server = await fakeMlflowServer();
    server.seedRuns([R7, R8]);
    await applyAll(server, repo());
    server.seed("fraud-detection", [{ runId: "x", stage: "Production" }]);
    const { plan } = await applyAll(server, repo());
    expect(plan.steps).toEqual([]);
    expect(plan.notes).toContain(
      "fraud-detection: MLflow version 3 is in legacy stage Production (set outside steward, which never writes legacy stages unless registry.mlflow.legacyStages is true); models:/fraud-detection/Production loads it; @production is MLflow version 1",
    );
    expect(server.writes().some((w) => w.path.endsWith("transition-stage"))).toBe(false);
  });
});

describe("issue #14 defect 12: numbers, causes, artifact path, retry budget", () => {
  it("+Inf from MLflow is Infinity (not 1.79e308) and a NaN metric is a disagreement in the card", async () => {
    const { metricValue } = await import("../../src/adapters/mlflow/mlflow-wire.js");
    const { metricsAgree } = await import("../../src/core/card/mlflow-compare.js");
    expect(metricValue(1.7976931348623157e308)).toBe(Infinity);
    expect(metricValue(-1.7976931348623157e308)).toBe(-Infinity);
    expect(metricValue("NaN")).toBeNaN();
    expect(metricValue("-Infinity")).toBe(-Infinity);
    expect(metricValue(0.93)).toBe(0.93);
    expect(metricsAgree(Number.NaN, Number.NaN)).toBe(false);
    expect(metricsAgree(0.9, Number.NaN)).toBe(false);
    expect(metricsAgree(Infinity, Infinity)).toBe(true);
    expect(metricsAgree(Infinity, Number.MAX_VALUE)).toBe(false);
  });

  it("steward register reads an infinite metric as Infinity and leaves it out of the YAML, saying so", async () => {
    const { runSource } = await import("../../src/entrypoints/cli/register.js");
    await using server = await fakeMlflowServer();
    server.seedRuns([R7]);
    server.state.runs.get(R7)!.metrics.push({ key: "loss", value: Infinity, timestamp: 1, step: 0 }, { key: "auc", value: Number.NaN, timestamp: 1, step: 0 });
    const run = await runSource(mlflowClient(mlflowTransport({ trackingUri: server.url }))).getRun(R7);
    expect(run!.metrics.loss).toBe(Infinity);
    expect(run!.metrics.auc).toBeNaN();
  });

  it.each([["FAILED", {}], ["RUNNING", {}], ["deleted", { lifecycleStage: "deleted" }]])("10. steward register refuses a %s run (exit 2), writing nothing", async (what, extra) => {
    const { runCli } = await import("../../src/entrypoints/cli.js");
    const { captureIO } = await import("../support/cli-io.js");
    const { scratchRepo } = await import("../support/scratch-repo.js");
    await using server = await fakeMlflowServer();
    server.seedRuns([R7], what === "deleted" ? extra : { status: what });
    using repo = scratchRepo();
    const io = captureIO({ cwd: repo.root, env: { MLFLOW_TRACKING_URI: server.url } });
    expect(await runCli(["register", "--model", "scorer", "--run-id", R7], io)).toBe(2);
    expect(io.err()).toContain(what === "deleted" ? `MLflow run ${R7} is deleted` : `MLflow run ${R7} is ${what}, not FINISHED`);
    const { existsSync } = await import("node:fs");
    expect(existsSync(`${repo.root}/models/scorer/versions/3.yaml`)).toBe(false);
  });
});

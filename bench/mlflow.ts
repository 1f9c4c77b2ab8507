// Benchmark: plan + apply of 200 models x 20 versions against the fake MLflow server (test/support),
// through the real MLflow adapter and reconciler: requests per apply, wall time, and a second apply
// that must make 0 writes (issue #14).
import { silentLogger } from "../src/adapters/log/console-logger.js";
import { mlflowClient } from "../src/adapters/mlflow/mlflow-client.js";
import { mlflowModelRegistry } from "../src/adapters/mlflow/mlflow-model-registry.js";
import { mlflowTransport } from "../src/adapters/mlflow/mlflow-transport.js";
import { mlflowReconciler } from "../src/commands/reconcile-mlflow.js";
import type { PlanContext } from "../src/commands/reconcilers.js";
import { aModelSpec, aRepoState, aVersionSpec } from "../test/support/builders.js";
import { fakeMlflowServer } from "../test/support/fake-mlflow-server.js";
import type { BenchRow } from "./types.js";

const MODELS = 200;
const VERSIONS = 20;

export async function run(): Promise<BenchRow[]> {
  const runId = (m: number, v: number) => `${m.toString(16).padStart(16, "0")}${v.toString(16).padStart(16, "0")}`;
  const models = Array.from({ length: MODELS }, (_, m) =>
    aModelSpec({ name: `model-${m}`, stages: { production: { variants: [{ version: String(VERSIONS), weight: 100 }] }, staging: { variants: [{ version: String(VERSIONS - 1), weight: 100 }] } } }),
  );
  const versions = models.flatMap((spec, m) => Array.from({ length: VERSIONS }, (_, v) => aVersionSpec({ model: spec.name, version: String(v + 1), mlflow: { runId: runId(m, v + 1) } })));
  const state = aRepoState({ models, versions });
  const ctx: PlanContext = { logger: silentLogger, now: new Date("2026-12-01T00:00:00Z"), commit: "bench" };

  await using server = await fakeMlflowServer();
  server.seedRuns(versions.map((v) => v.mlflow!.runId));
  const reconciler = mlflowReconciler({ registry: mlflowModelRegistry(mlflowClient(mlflowTransport({ trackingUri: server.url }, { maxRetries: 0 })), { location: server.url }) });

  const rows: BenchRow[] = [];
  for (const pass of ["first", "second"] as const) {
    const before = server.requests.length;
    const writesBefore = server.writes().length;
    const t0 = performance.now();
    const plan = await reconciler.plan(state, ctx);
    const tPlan = performance.now() - t0;
    const outcomes = await reconciler.apply(plan, ctx);
    const ms = performance.now() - t0;
    const failed = outcomes.filter((o) => o.status !== "done").length;
    if (failed) throw new Error(`mlflow bench: ${failed} step(s) did not run on the ${pass} apply`);
    const requests = server.requests.length - before;
    const writes = server.writes().length - writesBefore;
    const note = `${MODELS} models x ${VERSIONS} versions, fake MLflow on loopback`;
    rows.push({ name: `${pass} plan + apply: wall time`, value: ms, unit: "ms", note: `plan ${tPlan.toFixed(0)} ms; ${plan.steps.length} steps` });
    rows.push({ name: `${pass} plan + apply: requests`, value: requests, unit: "req", note: `${requests - writes} reads, ${writes} writes; ${note}` });
    if (pass === "second" && writes !== 0) throw new Error(`mlflow bench: the second apply made ${writes} writes (must be 0)`);
  }
  return rows;
}

// Benchmark: `steward import` of 50 registered models x 10 versions that `steward apply` made in
// the fake MLflow server (test/support), through the real adapters: wall time, requests, files
// written, and the check's own plan, which must find nothing to do (issue #13, item 8).
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fsRepoFiles } from "../src/adapters/fs/repo-files.js";
import { gitCliHistory } from "../src/adapters/git/git-cli-history.js";
import { silentLogger } from "../src/adapters/log/console-logger.js";
import { mlflowClient } from "../src/adapters/mlflow/mlflow-client.js";
import { mlflowModelRegistry } from "../src/adapters/mlflow/mlflow-model-registry.js";
import { mlflowRegistryCatalog } from "../src/adapters/mlflow/mlflow-registry-catalog.js";
import { mlflowTransport } from "../src/adapters/mlflow/mlflow-transport.js";
import { runImport } from "../src/commands/import.js";
import { mlflowReconciler } from "../src/commands/reconcile-mlflow.js";
import type { PlanContext } from "../src/commands/reconcilers.js";
import { aModelSpec, aRepoState, aVersionSpec } from "../test/support/builders.js";
import { fakeMlflowServer } from "../test/support/fake-mlflow-server.js";
import type { BenchRow } from "./types.js";

const MODELS = 50;
const VERSIONS = 10;

export async function run(): Promise<BenchRow[]> {
  const runId = (m: number, v: number) => `${m.toString(16).padStart(16, "0")}${v.toString(16).padStart(16, "0")}`;
  const models = Array.from({ length: MODELS }, (_, m) =>
    aModelSpec({ name: `model-${m}`, deployment: undefined, stages: { production: { variants: [{ version: String(VERSIONS), weight: 100 }] }, staging: { variants: [{ version: String(VERSIONS - 1), weight: 100 }] } } }),
  );
  const versions = models.flatMap((spec, m) => Array.from({ length: VERSIONS }, (_, v) => aVersionSpec({ model: spec.name, version: String(v + 1), mlflow: { runId: runId(m, v + 1) } })));
  const ctx: PlanContext = { logger: silentLogger, now: new Date("2026-12-01T00:00:00Z"), commit: "0be4c4d" };

  await using server = await fakeMlflowServer();
  server.seedRuns(versions.map((v) => v.mlflow!.runId));
  const client = mlflowClient(mlflowTransport({ trackingUri: server.url }, { maxRetries: 0 }));
  const registry = mlflowModelRegistry(client, { location: server.url });
  const reconciler = mlflowReconciler({ registry });
  const state = aRepoState({ models, versions });
  const outcomes = await reconciler.apply(await reconciler.plan(state, ctx), ctx);
  if (outcomes.some((o) => o.status !== "done")) throw new Error("import bench: seeding apply failed");

  const root = mkdtempSync(join(tmpdir(), "steward-bench-import-"));
  try {
    // The models follow policy "strict": the repository has it (import keeps the policies it finds).
    mkdirSync(join(root, "policies"));
    writeFileSync(join(root, "policies/strict.yaml"), readFileSync(new URL("../policies/strict.yaml", import.meta.url), "utf8"));
    const before = server.requests.length;
    const t0 = performance.now();
    const report = await runImport(
      { files: fsRepoFiles(root), git: gitCliHistory(root), mlflow: { registry, catalog: mlflowRegistryCatalog(client) }, logger: silentLogger },
      { sources: ["mlflow"], force: false, now: ctx.now, commit: "0be4c4d" },
    );
    const ms = performance.now() - t0;
    if (report.incomplete) throw new Error(`import bench: not exact: ${JSON.stringify({ unmapped: report.unmapped.slice(0, 3), placeholders: report.placeholders.slice(0, 3), findings: report.findings.slice(0, 3), remaining: report.remaining.slice(0, 3).map((s) => s.summary) })}`);
    const note = `${MODELS} registered models x ${VERSIONS} versions made by apply, fake MLflow on loopback; includes cards, validate and the check's plan`;
    return [
      { name: "import: wall time", value: ms, unit: "ms", note },
      { name: "import: requests", value: server.requests.length - before, unit: "req", note: `${report.written.length} files written; the plan after it: ${report.remaining.length} steps` },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { gitCliHistory } from "../../src/adapters/git/git-cli-history.js";
import { mlflowClient } from "../../src/adapters/mlflow/mlflow-client.js";
import { mlflowRunReader } from "../../src/adapters/mlflow/mlflow-run-reader.js";
import { mlflowTransport } from "../../src/adapters/mlflow/mlflow-transport.js";
import { renderCards } from "../../src/commands/render-cards.js";
import { sampleHistory } from "../core/card/scratch-repo.js";
import { fakeMlflowServer, type FakeMlflowServer } from "../support/fake-mlflow-server.js";

/** Puts a finished run into the fake, as MLflow would hold it after training logged it. */
function seedRun(server: FakeMlflowServer, runId: string, data: { metrics?: Record<string, number>; params?: Record<string, string>; tags?: Record<string, string> }) {
  server.state.runs.set(runId, {
    info: { run_uuid: runId, run_id: runId, experiment_id: "0", run_name: `train-${runId.slice(0, 6)}`, user_id: "ci", status: "FINISHED", start_time: 1, end_time: 2, artifact_uri: `/srv/mlflow/artifacts/0/${runId}/artifacts`, lifecycle_stage: "active" },
    metrics: Object.entries(data.metrics ?? {}).flatMap(([key, value]) => [
      { key, value: value - 0.5, timestamp: 1, step: 0 },
      { key, value, timestamp: 2, step: 1 },
    ]),
    params: new Map(Object.entries(data.params ?? {})),
    tags: new Map(Object.entries(data.tags ?? {})),
  });
}

const history = sampleHistory();

describe("steward card with MLflow", () => {
  it("shows where each version's run disagrees with the YAML, read over the REST API", async () => {
    await using server = await fakeMlflowServer();
    // fraud-detection: 8 agrees; 7 logged another precision and another commit; 6 lacks recall; 5 is missing.
    seedRun(server, "3f2a9c0d5e7b4a1f8c6d2e0b9a7f5c3d", { metrics: { auc: 0.947, precision: 0.91, recall: 0.83, f1: 0.87 }, tags: { "mlflow.source.git.commit": "5d8b2a6f00" } });
    seedRun(server, "2e4f6a8c0b1d3e5f7a9c1b3d5e7f9a0c", { metrics: { auc: 0.941, precision: 0.899, recall: 0.825 }, tags: { "mlflow.source.git.commit": "0000000aaa" } });
    seedRun(server, "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d", { metrics: { auc: 0.934, precision: 0.9 } });
    // Registry versions 9-12 (the YAML's modelVersion of 5-8); 11 was registered from another run.
    const numbers = server.seed("fraud-detection", [
      ...Array.from({ length: 8 }, () => ({})),
      { runId: "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e" },
      { runId: "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d" },
      { runId: "ffffffffffffffffffffffffffffffff" },
      { runId: "3f2a9c0d5e7b4a1f8c6d2e0b9a7f5c3d" },
    ]);
    expect(numbers.slice(8)).toEqual([9, 10, 11, 12]);

    await using repo = history.repo();
    const runs = mlflowRunReader(mlflowClient(mlflowTransport({ trackingUri: server.url }, { maxRetries: 0 })), server.url);
    const deps = { files: fsRepoFiles(repo.root), git: gitCliHistory(repo.root) };
    const report = await renderCards({ ...deps, runs }, { model: "fraud-detection" });

    expect(report.cards).toMatchObject([{ model: "fraud-detection", status: "written", mlflowDisagreements: 5 }]);
    const card = readFileSync(join(repo.root, "models/fraud-detection/MODEL_CARD.md"), "utf8");
    const section = card.slice(card.indexOf("<!-- steward:mlflow:begin -->"), card.indexOf("<!-- steward:mlflow:end -->"));
    expect(section).toContain("⚠️ 5 disagreement(s) between the YAML and MLflow:");
    expect(section).toContain("- `7`: `precision`: 0.905 in YAML, 0.899 in MLflow");
    expect(section).toContain("- `7`: git commit: `e71f0c3` in YAML, `0000000aaa` in MLflow");
    expect(section).toContain("- `6`: `recall`: 0.81 in YAML, not logged in the run");
    expect(section).toContain("- `5`: run `0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e` does not exist in MLflow");
    expect(section).toContain("- `7`: registry version `11` of `fraud-detection` was made from run `ffffffffffffffffffffffffffffffff`, not `2e4f6a8c0b1d3e5f7a9c1b3d5e7f9a0c`");
    expect(section).not.toContain("- `8`");
    expect(section).toContain(`| \`8\` | [\`3f2a9c0d5e7b4a1f8c6d2e0b9a7f5c3d\`](${server.url}/#/experiments/0/runs/3f2a9c0d5e7b4a1f8c6d2e0b9a7f5c3d) | FINISHED |`);
    expect(section).toContain("| `5` | `0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e` | not found |");
    expect(server.requests.filter((r) => r.path.includes("runs/get"))).toHaveLength(4);
    expect(server.requests.filter((r) => r.path.includes("model-versions/get"))).toHaveLength(4);

    // The MLflow block is not part of what --check compares: a card rendered without MLflow is fresh.
    expect((await renderCards(deps, { check: true, model: "fraud-detection" })).staleCount).toBe(0);
    await renderCards(deps, { model: "fraud-detection" });
    expect((await renderCards({ ...deps, runs }, { check: true, model: "fraud-detection" })).staleCount).toBe(0);
  });

  it("issue #14: a legacy stage set outside steward and a NaN metric are disagreements in the card", async () => {
    await using server = await fakeMlflowServer();
    seedRun(server, "3f2a9c0d5e7b4a1f8c6d2e0b9a7f5c3d", { metrics: { auc: Number.NaN, precision: 0.91, recall: 0.83 }, tags: { "mlflow.source.git.commit": "5d8b2a6f00" } });
    server.seed("fraud-detection", [...Array.from({ length: 11 }, () => ({})), { runId: "3f2a9c0d5e7b4a1f8c6d2e0b9a7f5c3d", stage: "Production" }]);
    await using repo = history.repo();
    const runs = mlflowRunReader(mlflowClient(mlflowTransport({ trackingUri: server.url }, { maxRetries: 0 })), server.url);
    await renderCards({ files: fsRepoFiles(repo.root), git: gitCliHistory(repo.root), runs }, { model: "fraud-detection" });
    const card = readFileSync(join(repo.root, "models/fraud-detection/MODEL_CARD.md"), "utf8");
    expect(card).toContain("- `8`: `auc`: 0.947 in YAML, NaN in MLflow");
    expect(card).toContain("- `8`: registry version `12` of `fraud-detection` is in legacy stage `Production`, set outside steward");
  });

  it("records a run MLflow cannot serve instead of failing the card", async () => {
    await using server = await fakeMlflowServer();
    server.inject({ status: 500, body: { error_code: "INTERNAL_ERROR", message: "boom" }, times: 100 });
    await using repo = history.repo();
    const runs = mlflowRunReader(mlflowClient(mlflowTransport({ trackingUri: server.url }, { maxRetries: 0 })), server.url);
    const report = await renderCards({ files: fsRepoFiles(repo.root), git: gitCliHistory(repo.root), runs }, { model: "churn-prediction" });
    expect(report.cards[0]!.mlflowDisagreements).toBe(5);
    const card = readFileSync(join(repo.root, "models/churn-prediction/MODEL_CARD.md"), "utf8");
    expect(card).toMatch(/- `1\.2\.0`: could not read run `9f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c`: mlflow \(HTTP 500/);
  });
});

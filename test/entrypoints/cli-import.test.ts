/** `steward import` through the CLI: usage errors, help, and the exit status with its first line. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import { captureIO } from "../support/cli-io.js";
import { fakeMlflowServer } from "../support/fake-mlflow-server.js";

const RUN = "5e".repeat(16);
const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), "steward-import-cli-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("steward import (CLI)", () => {
  it("has help with examples", async () => {
    const io = captureIO();
    expect(await runCli(["help", "import"], io)).toBe(0);
    expect(io.out()).toMatch(/usage: steward import \[--mlflow\] \[--sagemaker\] \[--model NAME\] \[--force\]/);
    expect(io.out()).toMatch(/Examples:\n {2}steward import /);
  });

  it("is a usage error (exit 2) when no source is configured, or an asked-for one is not", async () => {
    const none = captureIO({ cwd: temp() });
    expect(await runCli(["import"], none)).toBe(2);
    expect(none.err()).toMatch(/nothing to import from: mlflow \(MLFLOW_TRACKING_URI is not set\), sagemaker \(AWS_REGION is not set\)/);
    const asked = captureIO({ cwd: temp(), env: { MLFLOW_TRACKING_URI: "http://127.0.0.1:9" } });
    expect(await runCli(["import", "--sagemaker"], asked)).toBe(2);
    expect(asked.err()).toMatch(/--sagemaker asks for sagemaker, but AWS_REGION is not set/);
  });

  it("says in its first line and exit status that a source was skipped, and what it listed", async () => {
    await using server = await fakeMlflowServer();
    server.seedRuns([RUN]);
    server.seed("scorer", [{ runId: RUN, source: `runs:/${RUN}/model` }], { description: "Scores leads." });
    const root = temp();
    const io = captureIO({ cwd: root, env: { MLFLOW_TRACKING_URI: server.url } });
    expect(await runCli(["import"], io)).toBe(1);
    const first = io.out().split("\n")[0];
    expect(first).toBe("import: INCOMPLETE: 1 model written (mlflow: 1 registered model, sagemaker: SKIPPED (AWS_REGION is not set)); a source was skipped, 3 placeholder fields");
    expect(io.out()).toMatch(/Bookkeeping the first apply records \(steward's own tags; nothing that serves changes\):\n {2}- mlflow: record steward's 3 tag\(s\) on scorer/);
    expect(io.out()).toMatch(/Placeholders \(starter values; write the real ones\):\n {2}- scorer: owners/);
    const none = captureIO({ cwd: temp(), env: { MLFLOW_TRACKING_URI: server.url } });
    const code = await runCli(["import", "--mlflow", "--model", "nothing-here"], none);
    expect(code).toBe(1);
    expect(none.out()).toMatch(/^import: INCOMPLETE: 0 models written \(mlflow: 0 registered models\); 1 not mapped\n[^]*nothing-here: no registered model is named nothing-here/);
    const json = captureIO({ cwd: root, env: { MLFLOW_TRACKING_URI: server.url } });
    expect(await runCli(["import", "--mlflow", "--force", "--format", "json"], json)).toBe(1);
    expect(JSON.parse(json.out())).toMatchObject({ headline: expect.stringMatching(/^import: INCOMPLETE: 1 model written \(mlflow: 1 registered model\)/), models: ["scorer"] });
  });
});

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { silentLogger } from "../../src/adapters/log/console-logger.js";
import { mlflowClient } from "../../src/adapters/mlflow/mlflow-client.js";
import { mlflowTransport } from "../../src/adapters/mlflow/mlflow-transport.js";
import { loadRepo } from "../../src/commands/load-repo.js";
import { registerVersion, type RegisterOptions } from "../../src/commands/register.js";
import { runCli } from "../../src/entrypoints/cli.js";
import { runSource } from "../../src/entrypoints/cli/register.js";
import { captureIO } from "../support/cli-io.js";
import { fakeMlflowServer, type FakeMlflowServer } from "../support/fake-mlflow-server.js";
import { inMemoryScm } from "../support/in-memory-scm.js";
import { scratchRepo, type ScratchRepo } from "../support/scratch-repo.js";

const RUN = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
const NEW = "models/scorer/versions/3.yaml";

/** Seeds one finished run with metrics (two steps of auc: the latest counts), tags and a start time. */
function seedRun(server: FakeMlflowServer, tags: Record<string, string> = {}, id = RUN) {
  server.seedRuns([id]);
  const run = server.state.runs.get(id)!;
  run.info.start_time = Date.parse("2026-11-20T10:15:30.250Z");
  run.metrics.push({ key: "auc", value: 0.91, timestamp: 1, step: 0 }, { key: "auc", value: 0.934, timestamp: 2, step: 1 }, { key: "precision", value: 0.88, timestamp: 2, step: 1 });
  run.tags.set("mlflow.source.git.commit", "5d8b2a6c0ffee5d8b2a6c0ffee5d8b2a6c0ffee0");
  for (const [k, v] of Object.entries(tags)) run.tags.set(k, v);
}

async function cli(repo: ScratchRepo, server: FakeMlflowServer | undefined, args: string[], env: Record<string, string> = {}) {
  const io = captureIO({ cwd: repo.root, env: { ...(server ? { MLFLOW_TRACKING_URI: server.url } : {}), ...env } });
  const code = await runCli(["register", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const errorsIn = async (root: string) => (await loadRepo({ files: fsRepoFiles(root) })).findings.filter((f) => f.severity === "error");

describe("steward register", () => {
  it("writes the next version from the run: its metrics, commit and start time, production as parent; the repository stays valid", async () => {
    await using server = await fakeMlflowServer();
    seedRun(server);
    using repo = scratchRepo();
    const r = await cli(repo, server, ["--model", "scorer", "--run-id", RUN]);
    expect(r.code).toBe(0);
    const text = readFileSync(join(repo.root, NEW), "utf8");
    // scratchRepo's model.yaml names no schema: the published URL, not a path into a schemas/ folder it lacks
    expect(text).toBe(`# yaml-language-server: $schema=https://model-steward.dev/schemas/model-version.schema.json
apiVersion: steward/v1
kind: ModelVersion
model: scorer
version: "3"
createdAt: "2026-11-20T10:15:30Z"
mlflow: { runId: ${RUN} }
artifact: { dvc: models/scorer/artifacts/model-v2.tar.gz.dvc }
image: 683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1
metrics: { auc: 0.934, precision: 0.88 }
lineage: { parent: "1", commit: "5d8b2a6c0ffee5d8b2a6c0ffee5d8b2a6c0ffee0" }
`);
    expect(await errorsIn(repo.root)).toEqual([]);
    expect(r.out).toContain(`--- /dev/null\n+++ b/${NEW}\n`);
    expect(r.out).toContain("note: artifact copied from version 2: check it fits this run\n");
    expect(r.out).toMatch(/\nnext: run `steward card --model scorer` and commit models\/scorer\/MODEL_CARD\.md with this change/);
    expect(r.out).toContain("pass  production: gate metrics.auc: 0.934 meets min 0.9\n");
    expect(r.out).toContain(`wrote ${NEW}\n`);
    expect(server.writes()).toEqual([]);
  });

  it("never overwrites a version file: exit 1, the file unchanged, MLflow not asked", async () => {
    await using server = await fakeMlflowServer();
    seedRun(server);
    using repo = scratchRepo();
    const path = join(repo.root, "models/scorer/versions/2.yaml");
    const before = readFileSync(path, "utf8");
    const r = await cli(repo, server, ["--model", "scorer", "--run-id", RUN, "--version", "2"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("models/scorer/versions/2.yaml already exists; a version file is never overwritten (choose another --version)");
    expect(readFileSync(path, "utf8")).toBe(before);
    expect(server.requests).toHaveLength(0);
  });

  it("refuses to write a file that would not validate, printing the findings", async () => {
    await using server = await fakeMlflowServer();
    seedRun(server, { "steward.image": "not an image" });
    using repo = scratchRepo();
    const r = await cli(repo, server, ["--model", "scorer", "--run-id", RUN, "--format", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.status).toBe("invalid");
    expect(report.findings).toMatchObject([{ file: NEW, path: "/image", line: 9, severity: "error" }]);
    expect(report.message).toBe(`the new ${NEW} would not validate; nothing was written`);
    expect(existsSync(join(repo.root, NEW))).toBe(false);

    seedRun(server, { "steward.image": "683313688378.dkr.ecr.us-east-1.amazonaws.com/x:1", "steward.artifact.dvc": "models/scorer/artifacts/missing.dvc" }, RUN.replace("a1", "b2"));
    const text = await cli(repo, server, ["--model", "scorer", "--run-id", RUN.replace("a1", "b2")]);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/^models\/scorer\/versions\/3\.yaml:\d+(:\d+)?: error: .*missing\.dvc/m);
    expect(existsSync(join(repo.root, NEW))).toBe(false);
  });

  it("asks for --version when the labels are not integers, and takes a chosen one", async () => {
    await using server = await fakeMlflowServer();
    seedRun(server);
    using repo = scratchRepo();
    repo.write("models/scorer/versions/2b.yaml", readFileSync(join(repo.root, "models/scorer/versions/2.yaml"), "utf8").replace('version: "2"', 'version: "2b"'));
    const r = await cli(repo, server, ["--model", "scorer", "--run-id", RUN]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("the versions of scorer are not all integers (1, 2, 2b): name the new one with --version");
    expect((await cli(repo, server, ["--model", "scorer", "--run-id", RUN, "--version", "2026.12"])).code).toBe(0);
    expect(readFileSync(join(repo.root, "models/scorer/versions/2026.12.yaml"), "utf8")).toContain('version: "2026.12"');
  });

  it("answers a missing run, a bad run id, a missing tracking URI and an unknown model with exit 2", async () => {
    await using server = await fakeMlflowServer();
    using repo = scratchRepo();
    const missing = await cli(repo, server, ["--model", "scorer", "--run-id", RUN]);
    expect([missing.code, missing.err]).toEqual([2, `steward register: MLflow has no run ${RUN}\n`]);
    expect((await cli(repo, server, ["--model", "scorer", "--run-id", "../../etc"])).code).toBe(2);
    expect((await cli(repo, undefined, ["--model", "scorer", "--run-id", RUN])).err).toContain("MLFLOW_TRACKING_URI must be set");
    expect((await cli(repo, server, ["--model", "nope", "--run-id", RUN])).err).toContain('no model "nope"');
    expect((await cli(repo, server, ["--model", "scorer", "--run-id", RUN, "--open-pr"])).err).toContain("--open-pr needs GITHUB_TOKEN and GITHUB_REPOSITORY");
    expect(existsSync(join(repo.root, NEW))).toBe(false);
  });
});

describe("steward register --open-pr", () => {
  const options: RegisterOptions = { model: "scorer", runId: RUN, openPr: true, base: "main", now: new Date("2026-11-26T00:00:00Z") };

  it("proposes the file as one pull request, writes nothing locally, and a re-run updates the same one", async () => {
    await using server = await fakeMlflowServer();
    seedRun(server, { "mlflow.note.content": "Adds @everyone <b>features</b>." });
    using repo = scratchRepo();
    const scm = inMemoryScm();
    const deps = { files: fsRepoFiles(repo.root), runs: runSource(mlflowClient(mlflowTransport({ trackingUri: server.url }))), scm, logger: silentLogger };

    const first = await registerVersion(deps, options);
    expect(first).toMatchObject({ status: "proposed", version: "3", pullRequest: { number: 1 } });
    expect(existsSync(join(repo.root, NEW))).toBe(false);
    const pull = scm.pulls.get(1)!;
    expect(pull).toMatchObject({ branch: "steward/register/scorer-3", base: "main", title: "Register scorer version 3 from MLflow run a1b2c3d4" });
    expect(pull.body).toContain("| production | metric | pass | gate metrics.auc: 0.934 meets min 0.9 |");
    expect(pull.body).toContain("- artifact copied from version 2: check it fits this run");
    expect(scm.branches.get(pull.branch)!.files[NEW]).toBe(first.text);

    const second = await registerVersion(deps, options);
    expect(second.pullRequest).toEqual(first.pullRequest);
    expect(scm.pulls.size).toBe(1);
    expect(scm.branches.get(pull.branch)!.commits).toBe(1);
  });

  it("refuses when the base branch already has the version file", async () => {
    await using server = await fakeMlflowServer();
    seedRun(server);
    using repo = scratchRepo();
    const scm = inMemoryScm({ files: { [NEW]: "kind: ModelVersion\n" } });
    const r = await registerVersion({ files: fsRepoFiles(repo.root), runs: runSource(mlflowClient(mlflowTransport({ trackingUri: server.url }))), scm, logger: silentLogger }, options);
    expect(r).toMatchObject({ status: "exists", message: `${NEW} already exists on main; a version file is never overwritten` });
    expect(scm.calls.proposeChange ?? 0).toBe(0);
  });
});

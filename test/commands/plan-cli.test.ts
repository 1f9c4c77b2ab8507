import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { applyCli } from "../../src/entrypoints/cli/apply.js";
import type { CliIO } from "../../src/entrypoints/cli/io.js";
import { planCli } from "../../src/entrypoints/cli/plan.js";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { loadRepo } from "../../src/commands/load-repo.js";
import { fakeMlflowServer as bareFake } from "../support/fake-mlflow-server.js";
import { startFakeGitHub } from "../support/fake-github-server.js";

/** The sample governed repository at the project root. */
const root = resolve(import.meta.dirname, "../..");

/** A fake MLflow with the runs of the sample repository's versions. */
async function fakeMlflowServer() {
  const server = await bareFake();
  const { state } = await loadRepo({ files: fsRepoFiles(root) });
  server.seedRuns(state.versions.flatMap((v) => (v.mlflow?.runId ? [v.mlflow.runId] : [])));
  return server;
}

function io(env: Record<string, string | undefined>) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIO = { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), env, cwd: root, readStdin: async () => "", now: () => new Date("2026-11-26T00:00:00Z") };
  return { cli, out: () => out.join(""), err: () => err.join("") };
}

describe("steward plan / apply --target mlflow", () => {
  it("plans, applies, and then plans nothing, against the sample repository", async () => {
    await using server = await fakeMlflowServer();
    await using gh = await startFakeGitHub();
    const head = gh.state.refs.get("refs/heads/main")!;
    // The apply lock is a GitHub deployment of the commit applied.
    const env = { MLFLOW_TRACKING_URI: server.url, GITHUB_SHA: head, GITHUB_REPOSITORY: "acme/models", GITHUB_TOKEN: "t", GITHUB_API_URL: gh.url, GITHUB_RUN_ID: "77" };

    const plan = io(env);
    expect(await planCli(["--target", "mlflow", "--format", "json"], plan.cli)).toBe(0);
    const json = JSON.parse(plan.out());
    expect(json).toMatchObject({ version: 1, mode: "plan", targets: [{ target: "mlflow", status: "planned" }] });
    expect(json.totals.steps).toBeGreaterThan(0);
    expect(server.writes()).toHaveLength(0);

    const apply = io(env);
    expect(await applyCli(["--target", "mlflow"], apply.cli)).toBe(0);
    expect(apply.out()).toMatch(/^mlflow: \d+ changes/);
    expect(apply.out()).toContain("MLflow versions assigned (record them as mlflow.modelVersion):");
    const calls = server.writes().length;
    expect(calls).toBeGreaterThan(0);

    const again = io(env);
    expect(await applyCli(["--target", "mlflow", "--format", "json"], again.cli)).toBe(0);
    const second = JSON.parse(again.out());
    expect(second.totals).toEqual({ steps: 0, changes: 0, bookkeeping: 0, done: 0, failed: 0, skipped: 0 });
    expect(second.assigned).toEqual([]);
    expect(second.locked).toBe(true);
    expect(server.writes().length).toBe(calls);
    // Each apply took and released the lock: one deployment each, of the commit, in_progress then success.
    const deployments = [...gh.state.deployments.values()];
    expect(deployments.map((d) => [d.environment, d.sha, (d.payload as { runId: string }).runId])).toEqual([["steward-apply/mlflow", head, "77"], ["steward-apply/mlflow", head, "77"]]);
    expect([...gh.state.deploymentStatuses.values()].map((st) => st.state)).toEqual(["in_progress", "success", "in_progress", "success"]);
  });

  it("refuses to apply unlocked unless told (--no-lock), and then says so first", async () => {
    await using server = await fakeMlflowServer();
    const refused = io({ MLFLOW_TRACKING_URI: server.url });
    await expect(applyCli(["--target", "mlflow"], refused.cli)).rejects.toThrow(/apply takes a lock on GitHub .*GITHUB_TOKEN and GITHUB_REPOSITORY are not set; set them, or pass --no-lock/);
    expect(server.writes()).toHaveLength(0);
    const unlocked = io({ MLFLOW_TRACKING_URI: server.url });
    expect(await applyCli(["--target", "mlflow", "--no-lock"], unlocked.cli)).toBe(0);
    expect(unlocked.out().split("\n")[0]).toBe("apply is not locked (--no-lock): nothing stops another apply from interleaving with this one");
    expect(unlocked.err().split("\n")[0]).toMatch(/^steward apply: apply is not locked/);
    await expect(applyCli(["--target", "mlflow", "--lock-wait", "soon"], io({ MLFLOW_TRACKING_URI: server.url, GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "a/b" }).cli)).rejects.toThrow(/--lock-wait takes a duration/);
  });

  it("--dry-run changes nothing", async () => {
    await using server = await fakeMlflowServer();
    const run = io({ MLFLOW_TRACKING_URI: server.url });
    expect(await applyCli(["--target", "mlflow", "--dry-run", "--format", "json"], run.cli)).toBe(0);
    expect(JSON.parse(run.out()).mode).toBe("dry-run");
    expect(server.writes()).toHaveLength(0);
  });

  it("fails a target the models need that is not configured (exit 1, first line); exit 2 when it was asked for", async () => {
    const all = io({});
    expect(await planCli([], all.cli)).toBe(1);
    expect(all.out().split("\n")[0]).toMatch(/^mlflow: FAILED: MLFLOW_TRACKING_URI is not set, and 3 models need mlflow \(/);
    await using server = await fakeMlflowServer();
    const withMlflow = io({ MLFLOW_TRACKING_URI: server.url });
    expect(await planCli([], withMlflow.cli)).toBe(1);
    expect(withMlflow.out().split("\n")[0]).toBe("plan: FAILED for sagemaker, cloudwatch (below)");
    const asked = io({});
    expect(await planCli(["--target", "mlflow"], asked.cli)).toBe(2);
  });

  it("fails with exit 1 when a step fails, and names it", async () => {
    await using server = await fakeMlflowServer();
    server.inject({ match: (r) => r.method !== "GET", after: 3, times: 20, status: 500 });
    // MLflow's own retry schedule, without its waits (MLFLOW_HTTP_REQUEST_BACKOFF_*).
    const run = io({ MLFLOW_TRACKING_URI: server.url, MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR: "0", MLFLOW_HTTP_REQUEST_BACKOFF_JITTER: "0" });
    expect(await applyCli(["--target", "mlflow", "--format", "github", "--no-lock"], run.cli)).toBe(1);
    expect(run.out()).toContain("::error title=steward apply mlflow::mlflow (HTTP 500 INTERNAL_ERROR)");
  });

  it("writes the markdown plan to the job summary with --format github", async () => {
    await using server = await fakeMlflowServer();
    const dir = mkdtempSync(join(tmpdir(), "steward-summary-"));
    try {
      const summary = join(dir, "summary.md");
      writeFileSync(summary, "");
      const run = io({ MLFLOW_TRACKING_URI: server.url, GITHUB_STEP_SUMMARY: summary });
      expect(await planCli(["--target", "mlflow", "--format", "github"], run.cli)).toBe(0);
      const md = readFileSync(summary, "utf8");
      expect(md).toContain("## Plan");
      expect(md).toContain("### MLflow:");
      expect(md).toContain("| + | `create-registered-model` | `models:/fraud-detection` |");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("--write-back records the assigned numbers in the version files", async () => {
    await using server = await fakeMlflowServer();
    const dir = mkdtempSync(join(tmpdir(), "steward-repo-"));
    try {
      for (const d of ["models", "policies", "data", ".dvc"]) cpSync(join(root, d), join(dir, d), { recursive: true });
      const run = io({ MLFLOW_TRACKING_URI: server.url });
      run.cli.cwd = dir;
      expect(await applyCli(["--target", "mlflow", "--write-back", "--format", "json", "--no-lock"], run.cli)).toBe(0);
      const json = JSON.parse(run.out());
      expect(json.writeBack.length).toBe(json.assigned.length);
      expect(json.writeBack.every((w: { status: string }) => w.status === "written" || w.status === "unchanged")).toBe(true);
      const v8 = readFileSync(join(dir, "models/fraud-detection/versions/8.yaml"), "utf8");
      const assigned8 = json.assigned.find((a: { file: string }) => a.file.endsWith("fraud-detection/versions/8.yaml"));
      expect(v8).toContain(`modelVersion: "${assigned8.version}"`);
      // The repository now records the numbers: the next plan finds every version by number, with no notes to record any.
      const again = io({ MLFLOW_TRACKING_URI: server.url });
      again.cli.cwd = dir;
      expect(await planCli(["--target", "mlflow", "--format", "json"], again.cli)).toBe(0);
      const plan = JSON.parse(again.out());
      expect(plan.totals.steps).toBe(0);
      expect(plan.targets[0].notes.filter((n: string) => n.includes("record mlflow.modelVersion"))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects an unknown target", async () => {
    await expect(planCli(["--target", "kubeflow"], io({}).cli)).rejects.toThrow(/--target takes mlflow, sagemaker/);
  });
});

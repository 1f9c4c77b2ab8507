import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startFakeGitHub } from "../support/fake-github-server.js";
import { fakeMlflowServer } from "../support/fake-mlflow-server.js";
import { runAction } from "../support/run-action.js";
import { listFiles, scratchRepo } from "../support/scratch-repo.js";

const RUNS = ["0123456789abcdef0123456789abcde1", "0123456789abcdef0123456789abcde2"];

/** The valid fixture repository, registered in MLflow as "scorer". */
function mlflowRepo() {
  const repo = scratchRepo();
  const model = join(repo.root, "models/scorer/model.yaml");
  repo.write("models/scorer/model.yaml", readFileSync(model, "utf8").replace("policy: base\n", "policy: base\nregistry:\n  mlflow: { name: scorer }\n"));
  return repo;
}

describe("the plan and apply action bundles against the fake MLflow", () => {
  it("plan shows the changes, apply makes them, a second apply changes nothing", async () => {
    await using mlflow = await fakeMlflowServer({ token: "secret" });
    mlflow.seedRuns(RUNS);
    using repo = mlflowRepo();
    // main on GitHub holds what the checkout holds (apply runs on a merged commit): the write-back PR is built from it.
    await using gh = await startFakeGitHub({ files: Object.fromEntries(listFiles(repo.root).map((f) => [f, readFileSync(join(repo.root, f), "utf8")])) });
    const github = { GITHUB_TOKEN: "t", GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`, GITHUB_API_URL: gh.url, GITHUB_SHA: gh.state.refs.get("refs/heads/main")!, GITHUB_RUN_ID: "42" };
    const env = { INPUT_ROOT: repo.root, MLFLOW_TRACKING_URI: mlflow.url, MLFLOW_TRACKING_TOKEN: "secret", INPUT_TARGET: "mlflow", ...github };

    const plan = await runAction("plan", env);
    expect(plan.status, plan.stdout).toBe(0);
    expect(Number(plan.out("changes"))).toBeGreaterThan(3);
    expect(plan.summary).toContain("create-registered-model");
    expect(mlflow.writes()).toHaveLength(0);

    const apply = await runAction("apply", env);
    expect(apply.status, apply.stdout).toBe(0);
    expect(JSON.parse(apply.out("assigned")!)).toHaveLength(2);
    // The numbers MLflow assigned are proposed in a write-back PR built on main.
    expect(apply.out("write-back-pr")).toMatch(/\/pull\/\d+$/);
    const model = mlflow.state.models.get("scorer")!;
    expect(model).toBeDefined();

    const writes = mlflow.writes().length;
    const again = await runAction("apply", env);
    expect(again.status, again.stdout).toBe(0);
    expect(JSON.parse(again.out("assigned")!)).toEqual([]);
    expect(mlflow.writes()).toHaveLength(writes);
    // Each apply held the lock (a deployment to steward-apply/mlflow) and released it.
    expect([...gh.state.deployments.values()].map((d) => d.environment)).toEqual(["steward-apply/mlflow", "steward-apply/mlflow"]);
    expect([...gh.state.deploymentStatuses.values()].map((s) => s.state)).toEqual(["in_progress", "success", "in_progress", "success"]);
  });

  it("with lock-wait 0, an apply that finds the lock held fails naming the holder, and applies nothing", async () => {
    await using mlflow = await fakeMlflowServer();
    await using gh = await startFakeGitHub();
    mlflow.seedRuns(RUNS);
    using repo = mlflowRepo();
    const head = gh.state.refs.get("refs/heads/main")!;
    // A laptop's apply holds the lock.
    gh.actAs("octocat");
    const held = await runAction("apply", { INPUT_ROOT: repo.root, INPUT_TARGET: "mlflow", INPUT_LOCK: "false", MLFLOW_TRACKING_URI: mlflow.url });
    expect(held.status, held.stdout).toBe(0);
    expect(held.stdout).toContain("::warning::apply is not locked (--no-lock)");
    const writes = mlflow.writes().length;
    gh.state.deployments.set(1, { id: 1, sha: head, ref: "main", task: "steward:apply-lock", payload: { runId: "laptop:4242" }, environment: "steward-apply/mlflow", description: null, transient: false, production: false, creator: "octocat", createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z" });
    gh.state.deploymentStatuses.set(2, { id: 2, deployment: 1, state: "in_progress", description: "applying", environment: "steward-apply/mlflow", logUrl: "", environmentUrl: "", creator: "octocat", createdAt: "2026-01-01T00:00:01Z" });
    gh.actAs("github-actions[bot]");
    const r = await runAction("apply", { INPUT_ROOT: repo.root, INPUT_TARGET: "mlflow", "INPUT_LOCK-WAIT": "0", MLFLOW_TRACKING_URI: mlflow.url, GITHUB_TOKEN: "t", GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`, GITHUB_API_URL: gh.url, GITHUB_SHA: head });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/::error::mlflow: another apply holds the lock: run laptop:4242 by octocat, applying since 2026-01-01T00:00:00Z/);
    expect(mlflow.writes()).toHaveLength(writes);
  });

  it("a failed apply opens one issue on GitHub, and fails the step", async () => {
    await using mlflow = await fakeMlflowServer();
    await using gh = await startFakeGitHub();
    mlflow.seedRuns(RUNS);
    mlflow.inject({ match: (r) => r.method === "POST" && r.path.endsWith("/registered-models/create"), status: 400, body: { error_code: "INVALID_PARAMETER_VALUE", message: "name is reserved" }, times: 10 });
    using repo = mlflowRepo();
    const env = {
      INPUT_ROOT: repo.root,
      INPUT_TARGET: "mlflow",
      MLFLOW_TRACKING_URI: mlflow.url,
      GITHUB_TOKEN: "t",
      GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`,
      GITHUB_API_URL: gh.url,
      GITHUB_SHA: gh.state.refs.get("refs/heads/main")!,
    };
    const r = await runAction("apply", env);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("::error::apply failed for mlflow");
    const issues = [...gh.state.issues.values()];
    expect(issues).toHaveLength(1);
    expect(issues[0]!.title).toBe("steward apply failed on main");
    expect(issues[0]!.body).toContain("name is reserved");
    expect(r.out("failure-issue")).toBe("opened");
  });

  it("a target the models need, or one named in the target input, that is not configured fails the step (never a green no-op)", async () => {
    await using gh = await startFakeGitHub();
    using repo = mlflowRepo();
    const github = { GITHUB_TOKEN: "t", GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`, GITHUB_API_URL: gh.url, GITHUB_SHA: gh.state.refs.get("refs/heads/main")! };
    // No MLFLOW_TRACKING_URI, no AWS_REGION: every target is unconfigured, and the model needs MLflow (registry.mlflow).
    const plan = await runAction("plan", { INPUT_ROOT: repo.root, ...github });
    expect(plan.status).toBe(1);
    expect(plan.stdout).toContain("::error title=steward plan mlflow::mlflow: MLFLOW_TRACKING_URI is not set, and 1 model needs mlflow (scorer: registry.mlflow in model.yaml)");
    expect(plan.summary).toContain("### MLflow: failed");
    const named = await runAction("apply", { INPUT_ROOT: repo.root, INPUT_TARGET: "sagemaker", ...github });
    expect(named.status).toBe(1);
    expect(named.stdout).toContain("::error title=steward apply sagemaker::sagemaker: AWS_REGION is not set (named in the target input)");
    expect([...gh.state.issues.values()].map((i) => i.title)).toEqual(["steward apply failed on main"]);
    expect(gh.state.deployments.size).toBe(0); // nothing to lock: nothing was applied
  });
});

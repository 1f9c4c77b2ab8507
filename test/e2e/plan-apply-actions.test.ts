import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startFakeGitHub } from "../support/fake-github-server.js";
import { fakeMlflowServer } from "../support/fake-mlflow-server.js";
import { runAction } from "../support/run-action.js";
import { scratchRepo } from "../support/scratch-repo.js";

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
    const env = { INPUT_ROOT: repo.root, MLFLOW_TRACKING_URI: mlflow.url, MLFLOW_TRACKING_TOKEN: "secret", INPUT_TARGET: "mlflow" };

    const plan = await runAction("plan", env);
    expect(plan.status, plan.stdout).toBe(0);
    expect(Number(plan.out("changes"))).toBeGreaterThan(3);
    expect(plan.summary).toContain("create-registered-model");
    expect(mlflow.writes()).toHaveLength(0);

    const apply = await runAction("apply", env);
    expect(apply.status, apply.stdout).toBe(0);
    expect(JSON.parse(apply.out("assigned")!)).toHaveLength(2);
    const model = mlflow.state.models.get("scorer")!;
    expect(model).toBeDefined();

    const writes = mlflow.writes().length;
    const again = await runAction("apply", env);
    expect(again.status, again.stdout).toBe(0);
    expect(JSON.parse(again.out("assigned")!)).toEqual([]);
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
      GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
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
});

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startFakeGitHub } from "../support/fake-github-server.js";
import { fakeMlflowServer } from "../support/fake-mlflow-server.js";
import { scratchRepo } from "../support/scratch-repo.js";

const RUNS = ["0123456789abcdef0123456789abcde1", "0123456789abcdef0123456789abcde2"];

/** The valid fixture repository, registered in MLflow as "scorer". */
function mlflowRepo() {
  const repo = scratchRepo();
  const model = join(repo.root, "models/scorer/model.yaml");
  repo.write("models/scorer/model.yaml", readFileSync(model, "utf8").replace("policy: base\n", "policy: base\nregistry:\n  mlflow: { name: scorer }\n"));
  return repo;
}

/** Runs a committed action bundle as the runner does, asynchronously so the fake servers in this process keep answering. */
async function runAction(name: string, env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), `steward-${name}-`));
  const files = { GITHUB_OUTPUT: join(dir, "output"), GITHUB_STEP_SUMMARY: join(dir, "summary") };
  for (const f of Object.values(files)) writeFileSync(f, "");
  const child = spawn(process.execPath, [new URL(`../../actions/${name}/dist/index.js`, import.meta.url).pathname], {
    env: { PATH: process.env.PATH!, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...files, ...env },
  });
  let stdout = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stdout += d));
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const output = readFileSync(files.GITHUB_OUTPUT, "utf8");
  const out = (key: string) => new RegExp(`${key}<<(\\S+)\\n([\\s\\S]*?)\\n\\1`).exec(output)?.[2];
  return { status, stdout, out, summary: readFileSync(files.GITHUB_STEP_SUMMARY, "utf8") };
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

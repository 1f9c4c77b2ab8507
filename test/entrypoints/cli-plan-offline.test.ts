import { describe, expect, it } from "vitest";
import { runCli } from "../../src/entrypoints/cli.js";
import { captureIO } from "../support/cli-io.js";

describe("steward plan --offline", () => {
  it("plans both targets against empty live state, without credentials", async () => {
    const io = captureIO({ env: {} });
    expect(await runCli(["plan", "--offline", "--format", "json"], io)).toBe(0);
    const plan = JSON.parse(io.out()) as { targets: { target: string; status: string; steps: { action: string; resource: string }[] }[] };
    const byTarget = Object.fromEntries(plan.targets.map((t) => [t.target, t]));
    expect(byTarget.mlflow!.status).toBe("planned");
    expect(byTarget.sagemaker!.status).toBe("planned");
    const mlflow = byTarget.mlflow!.steps.map((s) => `${s.action} ${s.resource}`);
    expect(mlflow).toContain("create-registered-model models:/fraud-detection");
    expect(mlflow.filter((s) => s.startsWith("set-alias"))).toHaveLength(6);
    const sagemaker = byTarget.sagemaker!.steps.map((s) => s.action);
    expect(sagemaker).toEqual(expect.arrayContaining(["create-model", "create-endpoint-config", "create-endpoint"]));
  });
});

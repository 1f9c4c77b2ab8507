import { describe, expect, it } from "vitest";
import { checkFile } from "../../../src/core/repo/check-file.js";

const check = (text: string) => checkFile("models/m/versions/1.yaml", new TextEncoder().encode(text)).findings.filter((f) => f.severity === "error");
const head = 'apiVersion: steward/v1\nkind: ModelVersion\nmodel: m\nversion: "1"\n';

describe("ModelVersion artifact", () => {
  it("may be left out when the version names its MLflow run (MLflow holds the files)", () => {
    expect(check(`${head}mlflow: { runId: ${"ab".repeat(16)}, modelVersion: "3" }\n`)).toEqual([]);
  });
  it("is required without a run: the DVC pointer is the only way to the model's files", () => {
    expect(check(head).map((f) => f.message).join("\n")).toMatch(/artifact/);
  });
});

import { describe, expect, it } from "vitest";
import { changeAnswersFor, changeScope } from "../../../src/core/repo/change-scope.js";

const policies = new Map([
  ["fraud", "strict"],
  ["churn", "default"],
  ["demand", "default"],
]);

describe("changeScope", () => {
  it("checks the touched model's versions, and every model file and policy", () => {
    const only = changeScope(["models/fraud/versions/9.yaml"], policies)!;
    expect(only("models/fraud/versions/1.yaml")).toBe(true);
    expect(only("models/churn/versions/1.yaml")).toBe(false);
    expect(only("models/churn/model.yaml")).toBe(true);
    expect(only("policies/default.yaml")).toBe(true);
  });

  it("reaches every model that follows a changed policy", () => {
    const only = changeScope(["policies/default.yaml"], policies)!;
    expect(only("models/churn/versions/1.yaml")).toBe(true);
    expect(only("models/demand/versions/1.yaml")).toBe(true);
    expect(only("models/fraud/versions/1.yaml")).toBe(false);
  });

  it("gives up on changes it cannot scope", () => {
    expect(changeScope(["data/train.parquet.dvc"], policies)).toBeUndefined();
    expect(changeScope(["schemas/model.schema.json"], policies)).toBeUndefined();
    expect(changeScope([".dvc/config"], policies)).toBeUndefined();
  });

  it("ignores files that are not governed", () => {
    const only = changeScope(["README.md", "src/index.ts"], policies)!;
    expect(only("models/fraud/versions/1.yaml")).toBe(false);
  });

  it("answers for the touched models' files and the changed policies, not for the rest", () => {
    const owns = changeAnswersFor(["models/fraud/versions/9.yaml"], policies)!;
    expect(owns("models/fraud/model.yaml")).toBe(true);
    expect(owns("models/fraud/artifacts/model.tar.gz.dvc")).toBe(true);
    expect(owns("models/churn/model.yaml")).toBe(false);
    expect(owns("policies/strict.yaml")).toBe(false);
    expect(owns("data/train.parquet.dvc")).toBe(true);
    const viaPolicy = changeAnswersFor(["policies/default.yaml"], policies)!;
    expect(viaPolicy("policies/default.yaml")).toBe(true);
    expect(viaPolicy("models/churn/model.yaml")).toBe(true);
    expect(viaPolicy("models/fraud/model.yaml")).toBe(false);
    expect(changeAnswersFor(["schemas/model.schema.json"], policies)).toBeUndefined();
  });
});

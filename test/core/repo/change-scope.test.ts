import { describe, expect, it } from "vitest";
import { changeScope } from "../../../src/core/repo/change-scope.js";

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
});

import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";

/** Issue #14 defect 8: tag keys MLflow rejects (mlflow/utils/validation.py: _validate_tag_name, path_not_unique, 250 chars) fail validate. */
const common = JSON.parse(readFileSync(new URL("../../../schemas/common.schema.json", import.meta.url), "utf8")) as { $defs: { mlflowTags: object } };
const valid = new Ajv2020({ strict: false }).compile(common.$defs.mlflowTags);

describe("the mlflowTags schema (tag keys as MLflow accepts them)", () => {
  it.each(["team", "cost.center", "cost:center", "a/b", "with space", "dash-and_under", "ünïcode", "x".repeat(250)])("accepts %s", (key) => {
    expect(valid({ [key]: "v" })).toBe(true);
  });
  it.each(["cost@center", "a+b", "", "/lead", "trail/", "a//b", ".", "..", "a/./b", "../up", "x".repeat(251), "steward.version", "tab\tkey"])("rejects %j", (key) => {
    expect(valid({ [key]: "v" })).toBe(false);
  });
});

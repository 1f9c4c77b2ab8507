/**
 * A misspelt metric name, in a policy check or in model.yaml, switches a check off: validate warns at
 * both lines with the likely fix, and the monitor reports the gap as no-data (test/core/monitor).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fsRepoFiles } from "../../src/adapters/fs/repo-files.js";
import { loadRepo } from "../../src/commands/load-repo.js";
import { scratchRepo } from "../support/scratch-repo.js";

const warnings = async (root: string) => (await loadRepo({ files: fsRepoFiles(root) })).findings.filter((f) => f.severity === "warning").map(({ file, line, code, message }) => ({ file, line, code, message }));

describe("checks that can never run", () => {
  it("a policy check on a metric no model of the policy monitors: a warning at the check, with the likely name", async () => {
    using repo = scratchRepo();
    const policy = readFileSync(join(repo.root, "policies/base.yaml"), "utf8");
    repo.write("policies/base.yaml", policy.replace("- { metric: accuracy,", "- { metric: acuracy,"));
    expect(await warnings(repo.root)).toEqual([
      { file: "models/scorer/model.yaml", line: 21, code: "model-not-checked", message: 'scorer monitors "accuracy", but no check of policy "base" applies to this model (its checks read "acuracy"): nothing of it is checked. "accuracy" is close to the check metric "acuracy": is one of the two misspelt?' },
      { file: "policies/base.yaml", line: 10, code: "check-never-runs", message: 'check "acuracy" reads metric "acuracy", which no model under policy "base" monitors (scorer): the check never runs. Did you mean "accuracy"? Otherwise add it to monitoring.metrics of the models it should watch, or remove the check' },
    ]);
  });

  it("says nothing while every check reaches a model", async () => {
    using repo = scratchRepo();
    expect(await warnings(repo.root)).toEqual([]);
  });
});

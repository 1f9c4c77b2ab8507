import { describe, expect, it } from "vitest";
import { fenced, gateTable, promoteBranch, promoteProposal, registerBranch, registerProposal } from "../../../src/core/registry-edit/proposal.js";
import { newErrors } from "../../../src/core/registry-edit/new-errors.js";
import type { Finding } from "../../../src/core/result.js";

const gates = [
  { gate: "order" as const, ok: true, message: "gate order: served in staging since 2026-11-01T09:00:00.000Z" },
  { gate: "metric" as const, ok: true, message: "gate metrics.auc: 0.92 meets min 0.9 | <b>@team</b>" },
];

describe("proposals", () => {
  it("names one branch per (model, version, stage) and per registered version", () => {
    expect(promoteBranch("fraud-detection", "8", "production")).toBe("steward/promote/fraud-detection-8-production");
    expect(registerBranch("churn", "1.3.0")).toBe("steward/register/churn-1.3.0");
    expect(registerBranch("churn", "1..3.lock")).toBe("steward/register/churn-1.3-lock");
  });

  it("promotion: a marker, the move, the escaped gate table and the diff", () => {
    const p = promoteProposal({ model: "scorer", version: "2", stage: "production", policy: "base", before: [{ version: "1", weight: 100 }], after: [{ version: "2", weight: 100 }], gates, path: "models/scorer/model.yaml", diff: "--- a\n+++ b\n" });
    expect(p.title).toBe("Promote scorer 2 to production");
    expect(p.commitMessage).toBe(p.title);
    expect(p.labels).toEqual(["promotion"]);
    expect(p.body).toContain("<!-- steward:promote:scorer:2:production -->");
    expect(p.body).toContain('Promotes **scorer** version `2` to **production**: "1" becomes "2".');
    expect(p.body).toContain("| production | metric | pass | gate metrics.auc: 0.92 meets min 0.9 \\| \\<b\\>`@team`\\</b\\> |");
    expect(p.body).toContain("```diff\n--- a\n+++ b\n```");
  });

  it("canary: the title says the share", () => {
    const p = promoteProposal({ model: "scorer", version: "2", stage: "production", policy: "base", before: [{ version: "1", weight: 100 }], after: [{ version: "1", weight: 90 }, { version: "2", weight: 10 }], gates: [], path: "m", diff: "" });
    expect(p.title).toBe("Canary scorer 2 in production at 10%");
    expect(p.body).toContain("_The policy sets no gate for this step._");
  });

  it("registration: metric gates per stage, review notes and the file", () => {
    const p = registerProposal({ model: "scorer", version: "3", runId: "a1b2c3d4e5f60718293a4b5c6d7e8f90", path: "models/scorer/versions/3.yaml", text: "kind: ModelVersion\n", gates: [{ stage: "production", check: { gate: "metric", ok: false, message: "gate metrics.auc: 0.8 fails min 0.9" } }], notes: ["image copied from version 2"] });
    expect(p.title).toBe("Register scorer version 3 from MLflow run a1b2c3d4");
    expect(p.branch).toBe("steward/register/scorer-3");
    expect(p.body).toContain("| production | metric | FAIL | gate metrics.auc: 0.8 fails min 0.9 |");
    expect(p.body).toContain("- image copied from version 2");
    expect(p.body).toContain("```yaml\nkind: ModelVersion\n```");
  });

  it("fences text that holds backticks with a longer fence", () => {
    expect(fenced("yaml", "notes: ```x```\n")).toBe("````yaml\nnotes: ```x```\n````");
    expect(gateTable([])).toBe("_The policy sets no gate for this step._");
  });
});

describe("newErrors", () => {
  const f = (file: string, message: string, severity: Finding["severity"] = "error"): Finding => ({ file, path: "", code: "schema", message, severity });
  it("keeps only errors the change brings", () => {
    expect(newErrors([f("a", "old")], [f("a", "old"), f("b", "new"), f("c", "warn", "warning")])).toEqual([f("b", "new")]);
  });
});

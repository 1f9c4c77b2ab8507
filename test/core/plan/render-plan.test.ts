import { describe, expect, it } from "vitest";
import { mdText, planJson, renderPlanByModel, renderPlanMarkdown, renderPlanText, stepSymbol, type TargetReport } from "../../../src/core/plan/render-plan.js";
import type { TargetPlan } from "../../../src/core/plan/types.js";

const plan: TargetPlan = {
  target: "mlflow",
  steps: [
    { target: "mlflow", action: "create-model-version", resource: "models:/fraud/(new 8)", summary: "register 8", changes: [{ field: "source", to: "runs:/r/model" }], params: { name: "fraud" } },
    { target: "mlflow", action: "set-alias", resource: "models:/fraud@production", summary: "point @production at 8", changes: [{ field: "version", from: "3", to: "(new 8)" }], params: {} },
    { target: "mlflow", action: "delete-alias", resource: "models:/fraud@old", summary: "remove @old", params: {} },
  ],
  notes: ["fraud: MLflow version 2 is not in the repository; left as it is"],
};

describe("renderPlanText", () => {
  it("reads like a diff, one block per target", () => {
    const text = renderPlanText([plan, { target: "sagemaker", steps: [], notes: [], status: "skipped", reason: "no AWS region" }]);
    expect(text).toBe(
      [
        "mlflow: 3 changes",
        "  + models:/fraud/(new 8)  register 8",
        '      source: "runs:/r/model"',
        "  ~ models:/fraud@production  point @production at 8",
        '      version: "3" -> "(new 8)"',
        "  - models:/fraud@old  remove @old",
        "  note: fraud: MLflow version 2 is not in the repository; left as it is",
        "sagemaker: skipped (no AWS region)",
        "",
      ].join("\n"),
    );
  });

  it("shows outcomes after apply", () => {
    const applied: TargetReport = { ...plan, status: "failed", outcomes: [
      { step: plan.steps[0]!, status: "done", result: { version: "12" } },
      { step: plan.steps[1]!, status: "failed", error: "mlflow (HTTP 500): boom" },
      { step: plan.steps[2]!, status: "skipped" },
    ] };
    const text = renderPlanText([applied]);
    expect(text).toContain("mlflow: 3 changes -- FAILED");
    expect(text).toContain("[failed: mlflow (HTTP 500): boom]");
    expect(text).toContain("remove @old [skipped]");
  });

  it("says a target failed before planning", () => {
    expect(renderPlanText([{ target: "sagemaker", steps: [], notes: [], status: "failed", reason: "aws: no region" }])).toBe("sagemaker: FAILED: aws: no region\n");
    expect(renderPlanMarkdown([{ target: "sagemaker", steps: [], notes: [], status: "failed", reason: "aws: no region" }])).toContain("### SageMaker: failed\n\n> aws: no region");
    // the first line of a job summary or PR comment says it, whichever target failed
    const md = renderPlanMarkdown([{ target: "mlflow", steps: [], notes: [] }, { target: "cloudwatch", steps: [], notes: [], status: "failed", reason: "AWS_REGION is not set" }]);
    expect(md.split("\n")[0]).toBe("## Plan: FAILED for CloudWatch dashboards");
    expect(renderPlanMarkdown([{ target: "mlflow", steps: [], notes: [] }]).split("\n")[0]).toBe("## Plan");
  });

  it("says no changes", () => {
    expect(renderPlanText([{ target: "mlflow", steps: [], notes: [] }])).toBe("mlflow: no changes\n");
  });
});

describe("renderPlanMarkdown", () => {
  it("renders a table per target and folds notes", () => {
    const md = renderPlanMarkdown([plan]);
    expect(md).toContain("### MLflow: 3 changes");
    expect(md).toContain("| + | `create-model-version` | `models:/fraud/(new 8)` | source: `runs:/r/model` |");
    expect(md).toContain("| ~ | `set-alias` | `models:/fraud@production` | version: `3` → `(new 8)` |");
    expect(md).toContain("<details><summary>1 note</summary>");
  });

  it("cannot be used to inject HTML, table cells or mentions", () => {
    const evil: TargetPlan = { target: "mlflow", steps: [{ target: "mlflow", action: "set-alias", resource: "a|b`c", summary: "<img src=x> @acme/admins", params: {} }], notes: ["<script>@everyone | x"] };
    const md = renderPlanMarkdown([evil]);
    // Raw tags only escaped (`\<` renders as a literal <); mentions only inside code spans, where they never ping.
    expect(md).not.toMatch(/(?<!\\)<(img|script)/);
    expect(md).not.toMatch(/(?<!`)@(acme|everyone)/);
    expect(md).toContain("`a\\|b'c`");
    expect(mdText("a|b")).toBe("a\\|b");
  });
});

describe("planJson", () => {
  it("has a stable shape with totals", () => {
    const json = planJson([{ ...plan, status: "applied", outcomes: plan.steps.map((step) => ({ step, status: "done" as const })) }, { target: "sagemaker", steps: [], notes: [], status: "skipped", reason: "not configured" }], "apply");
    expect(json.version).toBe(1);
    expect(json.mode).toBe("apply");
    expect(json.totals).toEqual({ steps: 3, changes: 3, bookkeeping: 0, done: 3, failed: 0, skipped: 0 });
    expect(json.targets[1]).toEqual({ target: "sagemaker", status: "skipped", reason: "not configured", steps: [], notes: [] });
    expect(Object.keys(json.targets[0]!.steps[0]!)).toEqual(["action", "resource", "summary", "changes", "params", "outcome"]);
  });
});

describe("bookkeeping steps", () => {
  const record = { target: "mlflow" as const, action: "set-model-version-tags", resource: "models:/fraud/2", summary: "record steward's 1 tag(s) on 2 (MLflow version 2)", params: {}, changes: [{ field: "tag steward.version", to: "2" }], bookkeeping: true as const };
  const alias = { target: "mlflow" as const, action: "set-alias", resource: "models:/fraud@production", summary: "point @production at 2", params: {}, changes: [{ field: "version", from: "1", to: "2" }] };

  it("are counted apart from changes in every format", () => {
    const only: TargetPlan = { target: "mlflow", steps: [record], notes: [] };
    expect(renderPlanText([only]).split("\n").slice(0, 2)).toEqual(["mlflow: no changes, 1 bookkeeping step (steward.* tags)", "  ~ models:/fraud/2  record steward's 1 tag(s) on 2 (MLflow version 2) [bookkeeping]"]);
    expect(renderPlanMarkdown([only])).toContain("### MLflow: no changes, 1 bookkeeping step (steward.\\* tags)");
    expect(renderPlanMarkdown([only])).toContain("| ~ | `set-model-version-tags` *(bookkeeping)* |");
    expect(renderPlanByModel([{ target: "mlflow", steps: [alias, record], notes: [] }])).toContain("- **MLflow**: 1 change, 1 bookkeeping step");
    const json = planJson([{ target: "mlflow", steps: [alias, record], notes: [] }]);
    expect(json.totals).toMatchObject({ steps: 2, changes: 1, bookkeeping: 1 });
    expect(json.targets[0]!.steps.map((s) => "bookkeeping" in s)).toEqual([false, true]);
  });
});

describe("stepSymbol", () => {
  it("marks creates, deletes and changes", () => {
    expect([stepSymbol("create-endpoint"), stepSymbol("delete-alias"), stepSymbol("set-alias")]).toEqual(["+", "-", "~"]);
  });
});

describe("where a target's changes land", () => {
  it("is in the first line of the text, the markdown heading and the JSON", () => {
    const where = "AWS account 123456789012, region us-east-1 (as arn:aws:sts::123456789012:assumed-role/steward-apply/gha)";
    const report: TargetReport = { target: "sagemaker", steps: [], notes: [], where };
    expect(renderPlanText([report]).split("\n")[0]).toBe(`sagemaker: no changes in ${where}`);
    expect(renderPlanMarkdown([report])).toContain("### SageMaker: no changes in AWS account 123456789012, region us-east-1");
    expect(planJson([report]).targets[0]).toMatchObject({ target: "sagemaker", where });
  });
});

import { describe, expect, it } from "vitest";
import { APPLY_FAILURE_MARKER, applyFailureBody, reportApplyFailure, type ApplyRunSummary } from "../../src/commands/report-apply-failure.js";
import type { TargetReport } from "../../src/core/plan/render-plan.js";
import type { Logger } from "../../src/ports.js";
import { inMemoryScm } from "../support/in-memory-scm.js";

const logger: Logger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {}, group: (_t, fn) => fn() };
const step = { target: "sagemaker" as const, action: "update-endpoint", resource: "endpoint/fraud-detection-prod", summary: "deploy fraud-detection-prod to v8 with canary traffic shifting", params: {} };
const failedReport: TargetReport = {
  target: "sagemaker", steps: [step], notes: [], status: "failed",
  reason: "aws: deployment to fraud-detection-prod was rolled back by SageMaker: alarm <b>@acme/oncall</b> fired",
  outcomes: [{ step, status: "failed", error: "rolled back" }],
};
const run = (over: Partial<ApplyRunSummary> = {}): ApplyRunSummary => ({ findings: [], reports: [failedReport], commit: "e71f0c3", runUrl: "https://github.com/acme/models/actions/runs/42", now: new Date("2026-11-26T04:00:00Z"), ...over });

describe("reportApplyFailure", () => {
  it("opens one issue with the error and the plan, then updates it on the next failure and closes it on success", async () => {
    const scm = inMemoryScm();
    expect(await reportApplyFailure({ scm, logger }, run())).toBe("opened");
    const [issue] = [...scm.issues.values()];
    expect(issue!.title).toBe("steward apply failed on main");
    expect(issue!.body).toContain(APPLY_FAILURE_MARKER);
    expect(issue!.body).toContain("| ~ | `update-endpoint` | `endpoint/fraud-detection-prod` |");
    expect(await reportApplyFailure({ scm, logger }, run({ commit: "f00ba47" }))).toBe("updated");
    expect(scm.issues.size).toBe(1);
    expect([...scm.comments.values()].flat().map((c) => c.body)).toEqual([expect.stringMatching(/^Failed again at f00ba47: sagemaker: aws: deployment/)]);
    expect(await reportApplyFailure({ scm, logger }, run({ reports: [{ ...failedReport, status: "applied" }] }))).toBe("closed");
    expect([...scm.issues.values()][0]!.state).toBe("closed");
    expect(await reportApplyFailure({ scm, logger }, run())).toBe("reopened");
    expect(scm.issues.size).toBe(1);
  });

  it("reports repository errors that kept apply from running", () => {
    const body = applyFailureBody(run({ reports: [], findings: [{ file: "models/fraud-detection/model.yaml", path: "/stages/production", code: "dangling-stage", line: 18, message: "version 9 has no version file", severity: "error" }] }));
    expect(body).toContain("Repository errors (nothing was applied)");
    expect(body).toContain("models/fraud-detection/model.yaml:18: error: version 9 has no version file");
  });

  it("keeps AWS error text from injecting markup or mentions, outside and inside code blocks", () => {
    const body = applyFailureBody(run({ reports: [{ ...failedReport, reason: "x ``` <img src=x> @acme/oncall" }] }));
    expect(body).not.toMatch(/```\s*<img/);
    expect(body).not.toContain("| ~ | `update-endpoint` | `endpoint/fraud-detection-prod` | deploy fraud-detection-prod to v8 with canary traffic shifting | failed: rolled back |\n<");
    expect(body.split("```").length % 2).toBe(1);
  });

  it("never fails the run because GitHub did not answer", async () => {
    const scm = inMemoryScm();
    scm.failNext("findIssue");
    expect(await reportApplyFailure({ scm, logger }, run())).toBe("none");
  });
});

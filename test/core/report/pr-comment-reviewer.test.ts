/**
 * The sticky comment a reviewer reads: per model the stage change with the gates' verdicts, the card
 * changes as a table of fields (old -> new) with the full diff folded away, and the plan; under
 * GitHub's size limit whatever the pull request's size; hostile card text shown as literal text.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { GateResult } from "../../../src/core/policy/evaluate-gates.js";
import { renderPlanByModel, type TargetReport } from "../../../src/core/plan/render-plan.js";
import { cardFieldChanges, renderCardChange } from "../../../src/core/report/card-changes.js";
import { renderCardSection } from "../../../src/core/report/card-section.js";
import { COMMENT_LIMIT, mergeSection } from "../../../src/core/report/pr-comment.js";
import { renderValidateSummary } from "../../../src/core/report/validate-report.js";

const FIXTURES = new URL("../../fixtures/cards/", import.meta.url).pathname;
const fraud = readFileSync(`${FIXTURES}fraud-detection.md`, "utf8");
const churn = readFileSync(`${FIXTURES}churn-prediction.md`, "utf8");

/** Markdown with what is literal taken out: fenced blocks, code spans, backslash escapes (as CommonMark reads them). */
function interpreted(md: string): string {
  const text = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, "F");
  let out = "";
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === "\\") { out += "E"; i += 2; continue; }
    if (c === "`") {
      const run = /^`+/.exec(text.slice(i))![0];
      let j = text.indexOf(run, i + run.length);
      while (j >= 0 && (text[j - 1] === "`" || text[j + run.length] === "`")) j = text.indexOf(run, j + 1);
      if (j >= 0) { out += "C"; i = j + run.length; continue; }
      out += "B".repeat(run.length);
      i += run.length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function gate(model: string, version: string, stage: string, replacing: string[], checks: GateResult["checks"]): GateResult {
  return { promotion: { model, version, stage, replacing }, policy: "strict", ok: checks.every((c) => c.ok), checks };
}

describe("the comment a reviewer wants", () => {
  it("a pull request touching two models shows, per model, the stage change and gates, a card table of changed fields, and the plan", () => {
    const fraudAfter = fraud.replace("| production | `7` —", "| production | `8` —");
    const churnAfter = churn.replace(/^(Predicts[^\n]*)$/m, "$1 Now weekly.");
    expect(churnAfter).not.toBe(churn);
    const card = renderCardSection({
      cards: [
        { model: "churn-prediction", file: "models/churn-prediction/MODEL_CARD.md", status: "fresh", mlflowDisagreements: 0, text: churnAfter },
        { model: "fraud-detection", file: "models/fraud-detection/MODEL_CARD.md", status: "fresh", mlflowDisagreements: 0, text: fraudAfter },
      ],
      baseCards: new Map([["models/churn-prediction/MODEL_CARD.md", churn], ["models/fraud-detection/MODEL_CARD.md", fraud]]),
    });
    expect(card).toContain("#### `churn-prediction`: 1 field changed");
    expect(card).toContain("#### `fraud-detection`: 1 field changed");
    expect(card).toMatch(/\| `Model details › production` \| `` `7` — xgboost 1\.7, [^|]*\| `` `8` — xgboost 1\.7/);
    expect(card).toMatch(/\| `Description` \| `Predicts[^`]*` \| `Predicts[^`]*Now weekly\.` \|/);
    expect(card.match(/<details><summary>full diff<\/summary>/g)).toHaveLength(2);
    expect(card).toMatch(/^```diff\n--- a\/models\/fraud-detection\/MODEL_CARD.md\n/m);

    const validate = renderValidateSummary({
      fileCount: 10, findings: [], errorCount: 0, warningCount: 0,
      gates: [
        gate("fraud-detection", "8", "production", ["7"], [{ gate: "order", ok: true, message: "8 served in staging" }, { gate: "approvals", ok: false, message: "1 of 2 approvals from owners; missing: one more of @acme/risk-ml" }]),
        gate("churn-prediction", "1.2.0", "staging", [], []),
      ],
    });
    expect(validate).toContain("#### `fraud-detection`\n\n❌ **production**: `7` → `8` (policy `strict`): 1 gate failed");
    expect(validate).toContain("| ❌ fail | approvals | 1 of 2 approvals from owners; missing: one more of `@acme/risk-ml` |");
    expect(validate).toContain("#### `churn-prediction`\n\n✅ **staging**: nothing → `1.2.0`");

    const plan = renderPlanByModel([
      { target: "mlflow", notes: [], steps: [
        { target: "mlflow", model: "fraud-detection", action: "set-alias", resource: "models:/fraud-detection@production", summary: "move @production", params: {}, changes: [{ field: "version", from: "11", to: "12" }] },
        { target: "mlflow", model: "churn-prediction", action: "update-registered-model", resource: "models:/churn-prediction", summary: "description", params: {} },
      ] },
      { target: "sagemaker", notes: ["kept endpoint config x"], steps: [
        { target: "sagemaker", model: "fraud-detection", action: "update-endpoint", resource: "endpoint/fraud-detection-prod", summary: "shift", params: {} },
      ] },
    ] satisfies TargetReport[], { title: "Plan" });
    const fraudPlan = plan.slice(plan.indexOf("#### `fraud-detection`"));
    expect(fraudPlan).toContain("| ~ | MLflow | `set-alias` | `models:/fraud-detection@production` | version: `11` → `12` |");
    expect(fraudPlan).toContain("| ~ | SageMaker | `update-endpoint` | `endpoint/fraud-detection-prod` |");
    expect(plan.indexOf("#### `churn-prediction`")).toBeGreaterThan(0);

    let body = mergeSection(undefined, "validate", validate);
    body = mergeSection(body, "card", card);
    body = mergeSection(body, "plan", plan);
    expect(body.length).toBeLessThan(65_536);
    for (const s of ["#### `fraud-detection`: 1 field changed", "✅ **staging**: nothing → `1.2.0`", "| SageMaker | `update-endpoint`"]) expect(body).toContain(s);
  });

  it("a huge pull request is cut under the limit, fences and details closed, pointing at the job summary", () => {
    const cards = Array.from({ length: 200 }, (_, i) => ({ model: `model-${i}`, file: `models/model-${i}/MODEL_CARD.md`, status: "fresh" as const, mlflowDisagreements: 0, text: fraud.replaceAll("fraud-detection", `model-${i}`).replace(/0\.9\d+/g, (m) => `${m}1`) }));
    const card = renderCardSection({ cards, baseCards: new Map(cards.map((c) => [c.file, fraud.replaceAll("fraud-detection", c.model)])) });
    expect(card.length).toBeGreaterThan(500_000);
    const body = mergeSection(undefined, "card", card, { summaryUrl: "https://github.com/acme/models/actions/runs/1" });
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toContain("[the job summary](https://github.com/acme/models/actions/runs/1)");
    expect((body.match(/<details>/g) ?? []).length).toBe((body.match(/<\/details>/g) ?? []).length);
    // Every fence opened is closed: outside fences, no line starts a fence that runs to the end.
    expect(interpreted(body)).not.toMatch(/```/);
  });

  it("hostile card text stays literal: no HTML, link, mention or early-closed fence", () => {
    const hostile = "x </details> <img src=x onerror=alert(1)> [click](https://evil.example) @acme/admins ```` ~~~ | pipe <!-- steward:pr-summary --> \u202e";
    const before = fraud.replace("Scores card transactions", `${hostile} Scores card transactions`);
    const after = fraud.replace("| production | `7` —", `| production | ${hostile} —`).replace("Real-time scoring", `${hostile}\n\n\`\`\`\`\`\n${hostile}\n\`\`\`\`\``);
    const md = renderCardChange("fraud-detection", "models/fraud-detection/MODEL_CARD.md", before, after);
    expect(cardFieldChanges(before, after).length).toBeGreaterThanOrEqual(2);
    const literal = interpreted(md).replace("<details><summary>full diff</summary>", "").replace("</details>", "");
    expect(literal).not.toMatch(/</);
    expect(literal).not.toMatch(/\[[^\]]*\]\(/);
    expect(literal).not.toMatch(/@acme/);
    expect(literal).not.toMatch(/[\u202a-\u202e]/);
    // The table rows stay rows: each has exactly four unescaped pipes.
    for (const row of md.split("\n").filter((l) => l.startsWith("| `"))) expect(row.replace(/\\\|/g, "").split("|")).toHaveLength(5);
  });
});

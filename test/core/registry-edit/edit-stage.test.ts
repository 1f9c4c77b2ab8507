import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { editStage } from "../../../src/core/registry-edit/edit-stage.js";
import { UserError } from "../../../src/core/errors.js";

// Copies of the sample files' shape (not read from models/, which others edit).
const FRAUD = `# yaml-language-server: $schema=../../schemas/model.schema.json
apiVersion: steward/v1
kind: Model
name: fraud-detection
description: Scores card transactions for fraud in real time, before authorization completes.
owners: ["@acme/risk-ml", "mchen"]
task: binary-classification
policy: strict
card:
  intendedUse: Real-time scoring.   # for the card
registry:
  mlflow: { name: fraud-detection }
stages:
  production: "7"
  staging: "8"
deployment:
  sagemaker:
    endpoint: fraud-detection-prod
    autoscaling: { min: 2, max: 8, targetInvocationsPerInstance: 1000 }
    rollout: { strategy: canary, canaryPercent: 10, waitMinutes: 10, bakeMinutes: 30 }
`;
const DEMAND = `apiVersion: steward/v1
kind: Model
name: demand-forecasting
owners: ["@acme/supply-chain-ml", "priya-r"]
stages:
  production:
    split:
      - { version: "2026.10", weight: 80 }
      - { version: "2026.11", weight: 20 }
  staging: "2026.11"
deployment:
  sagemaker: { endpoint: demand-forecasting }
`;

/** The lines of `before` and `after` outside [from, to) of `before` (and the matching span of `after`) are identical. */
function keptOutside(before: string, after: string, changedLine: number, removed: number, added: number) {
  const a = before.split("\n");
  const b = after.split("\n");
  expect(b.slice(0, changedLine)).toEqual(a.slice(0, changedLine));
  expect(b.slice(changedLine + added)).toEqual(a.slice(changedLine + removed));
}

const stageOf = (text: string, stage: string) => (parseDocument(text).toJS() as { stages: Record<string, unknown> }).stages[stage];

describe("editStage", () => {
  it("replaces one version in place, every other byte kept", () => {
    const out = editStage(FRAUD, "production", [{ version: "8", weight: 100 }]);
    expect(out).toBe(FRAUD.replace('  production: "7"\n', '  production: "8"\n'));
  });

  it("writes a canary split in block style under the stage, leaving flow lists and comments elsewhere alone", () => {
    const out = editStage(FRAUD, "production", [{ version: "7", weight: 90 }, { version: "8", weight: 10 }]);
    const line = FRAUD.split("\n").indexOf('  production: "7"');
    keptOutside(FRAUD, out, line, 1, 4);
    expect(out.split("\n").slice(line, line + 4)).toEqual(["  production:", "    split:", '      - { version: "7", weight: 90 }', '      - { version: "8", weight: 10 }']);
    expect(out.startsWith("# yaml-language-server: $schema=../../schemas/model.schema.json\n")).toBe(true);
    expect(out).toContain('owners: ["@acme/risk-ml", "mchen"]\n');
    expect(stageOf(out, "production")).toEqual({ split: [{ version: "7", weight: 90 }, { version: "8", weight: 10 }] });
  });

  it("ends a split: the block collapses to the one version", () => {
    const out = editStage(DEMAND, "production", [{ version: "2026.11", weight: 100 }]);
    const line = DEMAND.split("\n").indexOf("  production:");
    keptOutside(DEMAND, out, line, 4, 1);
    expect(out.split("\n")[line]).toBe('  production: "2026.11"');
  });

  it("keeps quote style, trailing comments and a four-space indent", () => {
    const text = "# top\nname: x\nstages:\n    production: '7'   # stable since May\n    # staging comes later\nowners: [a]   # me\n";
    expect(editStage(text, "production", [{ version: "8", weight: 100 }])).toBe(text.replace("'7'", "'8'"));
    const split = editStage(text, "production", [{ version: "7", weight: 75 }, { version: "8", weight: 25 }]);
    expect(split).toBe(
      "# top\nname: x\nstages:\n    production:   # stable since May\n        split:\n" +
        '            - { version: "7", weight: 75 }\n            - { version: "8", weight: 25 }\n' +
        "    # staging comes later\nowners: [a]   # me\n",
    );
  });

  it("appends a stage the file does not have yet, after the last one", () => {
    const out = editStage(FRAUD, "shadow", [{ version: "8", weight: 100 }]);
    expect(out).toBe(FRAUD.replace('  staging: "8"\n', '  staging: "8"\n  shadow: "8"\n'));
  });

  it("edits a flow stages map inside its braces", () => {
    const text = "name: x\nstages: { production: '7', staging: \"8\" }   # c\nowners: [ a ]\n";
    const out = editStage(text, "production", [{ version: "7", weight: 90 }, { version: "8", weight: 10 }]);
    expect(out).toBe('name: x\nstages: { production: { split: [{ version: "7", weight: 90 }, { version: "8", weight: 10 }] }, staging: "8" }   # c\nowners: [ a ]\n');
  });

  it("refuses text that does not parse or has no stages", () => {
    expect(() => editStage("stages: [\n", "production", [{ version: "1", weight: 100 }])).toThrow(UserError);
    expect(() => editStage("name: x\n", "production", [{ version: "1", weight: 100 }])).toThrow(/no stages map/);
  });

  it("never changes a line outside the stages block (property)", () => {
    const labels = fc.constantFrom("7", "8", "9", "1.2.0", "2026.11", "v10_rc-1");
    const variants = fc.oneof(
      labels.map((version) => [{ version, weight: 100 }]),
      fc.tuple(labels, labels, fc.integer({ min: 1, max: 99 })).filter(([a, b]) => a !== b).map(([a, b, p]) => [{ version: a, weight: 100 - p }, { version: b, weight: p }]),
    );
    fc.assert(
      fc.property(fc.constantFrom("production", "staging", "shadow"), variants, (stage, vs) => {
        const out = editStage(FRAUD, stage, vs);
        const a = FRAUD.split("\n");
        const b = out.split("\n");
        const start = a.indexOf("stages:") + 1;
        const tail = a.length - a.indexOf("deployment:");
        expect(b.slice(0, start)).toEqual(a.slice(0, start));
        expect(b.slice(b.length - tail)).toEqual(a.slice(a.length - tail));
        const v = stageOf(out, stage);
        expect(v).toEqual(vs.length === 1 ? vs[0]!.version : { split: vs });
      }),
      { numRuns: 100 },
    );
  });
});

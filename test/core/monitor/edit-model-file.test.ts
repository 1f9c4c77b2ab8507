import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { applyModelEdit } from "../../../src/core/monitor/edit-model-file.js";
import { unifiedDiff as diffTexts } from "../../../src/core/text/line-diff.js";

const unifiedDiff = (path: string, before: string, after: string) => diffTexts(before, after, { from: `a/${path}`, to: `b/${path}` });

const MODEL = `# yaml-language-server: $schema=../../schemas/model.schema.json
apiVersion: steward/v1
kind: Model
name: fraud-detection
owners: ["@acme/risk-ml", "mchen"]   # who is paged
stages:
  production: "7"   # promoted after the Q3 review
  staging: '8'
deployment:
  sagemaker:
    instanceCount: 2
    autoscaling: { min: 2, max: 8, targetInvocationsPerInstance: 1000 }
`;

const SPLIT = `stages:
  # canary of 2026.11
  production:
    split:
      - { version: "2026.10", weight: 80 }
      - { version: "2026.11", weight: 20 }
  staging: "2026.11"
monitoring: {}
`;

describe("applyModelEdit", () => {
  it("rolls production back changing one line, keeping comments, quotes and flow style", () => {
    const out = applyModelEdit(MODEL, { kind: "set-stage", stage: "production", variants: [{ version: "6", weight: 100 }] });
    expect(out).toBe(MODEL.replace('production: "7"', 'production: "6"'));
  });

  it("keeps single quotes", () => {
    const out = applyModelEdit(MODEL, { kind: "set-stage", stage: "staging", variants: [{ version: "9", weight: 100 }] });
    expect(out).toBe(MODEL.replace("staging: '8'", "staging: '9'"));
  });

  it("ends a split: the block becomes one version, the comment above it stays", () => {
    const out = applyModelEdit(SPLIT, { kind: "set-stage", stage: "production", variants: [{ version: "2026.10", weight: 100 }] });
    expect(out).toBe(`stages:
  # canary of 2026.11
  production: "2026.10"
  staging: "2026.11"
monitoring: {}
`);
    expect(parseDocument(out).getIn(["stages", "production"])).toBe("2026.10");
  });

  it("scales capacity in place", () => {
    const out = applyModelEdit(MODEL, { kind: "set-capacity", instanceCount: 4, autoscaling: { min: 4, max: 10 } });
    expect(unifiedDiff("m.yaml", MODEL, out)).toMatchInlineSnapshot(`
      "--- a/m.yaml
      +++ b/m.yaml
      @@ -8,5 +8,5 @@
         staging: '8'
       deployment:
         sagemaker:
      -    instanceCount: 2
      -    autoscaling: { min: 2, max: 8, targetInvocationsPerInstance: 1000 }
      +    instanceCount: 4
      +    autoscaling: { min: 4, max: 10, targetInvocationsPerInstance: 1000 }
      "
    `);
  });

  it("adds a missing stage through the Document API", () => {
    const out = applyModelEdit("stages:\n  staging: \"8\"\n", { kind: "set-stage", stage: "production", variants: [{ version: "7", weight: 100 }] });
    expect(parseDocument(out).toJS()).toEqual({ stages: { staging: "8", production: "7" } });
  });

  it("refuses text that does not parse", () => {
    expect(() => applyModelEdit("a: [", { kind: "set-capacity", instanceCount: 1 })).toThrow(/cannot edit/);
  });
});

describe("unifiedDiff", () => {
  it("is empty for equal texts and git-shaped otherwise", () => {
    expect(unifiedDiff("f", "a\n", "a\n")).toBe("");
    expect(unifiedDiff("f", "a\nb\nc\n", "a\nB\nc\n")).toBe("--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
  });
});

import { describe, expect, it } from "vitest";
import { recordModelVersion } from "../../../src/core/plan/mlflow-write-back.js";

const file = `# yaml-language-server: $schema=../../../schemas/model-version.schema.json
apiVersion: steward/v1
kind: ModelVersion
model: fraud-detection
version: "8"
mlflow: { runId: 3f2a9c0d5e7b4a1f8c6d2e0b9a7f5c3d } # the training run
notes: Adds merchant-category features.
`;

describe("recordModelVersion", () => {
  it("adds modelVersion in the file's own flow style, keeping comments", () => {
    const r = recordModelVersion(file, "12");
    expect(r).toEqual({
      ok: true,
      changed: true,
      text: file.replace("mlflow: { runId: 3f2a9c0d5e7b4a1f8c6d2e0b9a7f5c3d }", 'mlflow: { runId: 3f2a9c0d5e7b4a1f8c6d2e0b9a7f5c3d, modelVersion: "12" }'),
    });
  });

  it("replaces a stale number in a block mapping, and is a no-op when already recorded", () => {
    const block = 'mlflow:\n  runId: abc\n  modelVersion: "3" # old\n';
    const r = recordModelVersion(block, "4");
    expect(r.ok && r.text).toBe('mlflow:\n  runId: abc\n  modelVersion: "4" # old\n');
    expect(recordModelVersion('mlflow:\n  runId: abc\n  modelVersion: "4"\n', "4")).toMatchObject({ ok: true, changed: false });
  });

  it("refuses files without an mlflow mapping, unparsable files and bad numbers", () => {
    expect(recordModelVersion("version: '1'\n", "2")).toMatchObject({ ok: false, reason: expect.stringMatching(/no mlflow mapping/) });
    expect(recordModelVersion("mlflow: { runId: [\n", "2")).toMatchObject({ ok: false });
    expect(recordModelVersion(file, "v2")).toMatchObject({ ok: false });
  });
});

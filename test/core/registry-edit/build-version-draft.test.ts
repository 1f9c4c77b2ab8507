import { describe, expect, it } from "vitest";
import { buildVersionDraft, newestVersion, servingVersion } from "../../../src/core/registry-edit/build-version-draft.js";
import { isVersionLabel, nextVersionLabel } from "../../../src/core/registry-edit/next-version-label.js";
import { renderVersionYaml, versionSchemaRef } from "../../../src/core/registry-edit/render-version-yaml.js";
import type { RunFacts } from "../../../src/core/registry-edit/run-facts.js";
import { aModelSpec, aPolicySpec, aVersionSpec } from "../../support/builders.js";

const RUN_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
const run = (over: Partial<RunFacts> = {}): RunFacts => ({
  runId: RUN_ID,
  startTime: Date.parse("2026-11-20T10:15:30.250Z"),
  metrics: { auc: 0.951, recall: 0.84 },
  params: { max_depth: "6" },
  tags: { "mlflow.source.git.commit": "5D8B2A6C0FFEE", "mlflow.note.content": "Adds device features." },
  ...over,
});
const versions = [
  aVersionSpec({ version: "7", createdAt: "2026-09-03T11:02:00Z", image: "683313688378.dkr.ecr.us-east-1.amazonaws.com/old:1" }),
  aVersionSpec({ version: "8", createdAt: "2026-10-14T08:30:00Z", artifact: { kind: "file", dvc: "models/fraud-detection/artifacts/model-v8.tar.gz.dvc" } }),
];
const build = (over: Partial<Parameters<typeof buildVersionDraft>[0]> = {}) =>
  buildVersionDraft({ model: aModelSpec(), policy: aPolicySpec(), versions, run: run(), version: "9", ...over });

describe("buildVersionDraft", () => {
  it("takes the run's id, metrics, commit, description and start time; the parent from production; the rest from the newest version", () => {
    const { draft, notes } = build();
    expect(draft).toEqual({
      model: "fraud-detection",
      version: "9",
      createdAt: "2026-11-20T10:15:30Z",
      runId: RUN_ID,
      metrics: { auc: 0.951, recall: 0.84 },
      lineage: { parent: "7", commit: "5d8b2a6c0ffee" },
      image: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
      framework: { name: "xgboost", version: "1.7" },
      artifact: { kind: "file", dvc: "models/fraud-detection/artifacts/model-v8.tar.gz.dvc" },
      notes: "Adds device features.",
    });
    expect(notes).toEqual([
      "image copied from version 8: check it fits this run",
      "framework copied from version 8: check it fits this run",
      "artifact copied from version 8: check it fits this run",
    ]);
  });

  it("lets run tags say what the image, framework and artifact are", () => {
    const tags = { "steward.image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/xgb:2.0", "steward.framework.name": "xgboost", "steward.framework.version": "2.0", "steward.artifact.dvc": "models/fraud-detection/artifacts/model-v9.tar.gz.dvc" };
    const { draft, notes } = build({ run: run({ tags }) });
    expect(draft).toMatchObject({ image: tags["steward.image"], framework: { name: "xgboost", version: "2.0" }, artifact: { kind: "file", dvc: tags["steward.artifact.dvc"] } });
    expect(notes).toEqual(["the run has no mlflow.source.git.commit tag: lineage.commit left out"]);
  });

  it("leaves out metric names the schema refuses, non-finite values and a commit that is not one", () => {
    const { draft, notes } = build({ run: run({ metrics: { auc: 0.9, "val loss": 0.2, "9lives": 1, nan: Number.NaN }, tags: { "mlflow.source.git.commit": "not-a-sha" } }) });
    expect(draft.metrics).toEqual({ auc: 0.9 });
    expect(draft.lineage).toEqual({ parent: "7" });
    expect(notes.slice(0, 4)).toEqual([
      'metric "9lives" left out: the schema allows letters, digits, "_", "." and "-" (64 at most)',
      "metric nan left out: NaN is not a finite number",
      'metric "val loss" left out: the schema allows letters, digits, "_", "." and "-" (64 at most)',
      'tag mlflow.source.git.commit "not-a-sha" is not a git commit id: lineage.commit left out',
    ]);
  });

  it("notes a run that is already registered as another version", () => {
    const { notes } = build({ versions: [...versions, aVersionSpec({ version: "8b", mlflow: { runId: RUN_ID } })] });
    expect(notes[0]).toBe(`run ${RUN_ID} is already registered as version 8b (models/fraud-detection/versions/8b.yaml)`);
  });

  it("has no parent when production is empty, and no artifact for a first version without the tag", () => {
    const { draft, notes } = build({ model: aModelSpec({ stages: {} }), versions: [], version: "1" });
    expect(draft.lineage.parent).toBeUndefined();
    expect(draft.artifact).toBeUndefined();
    expect(notes).toContain("no artifact: set the run tag steward.artifact.dvc to the model's .dvc pointer");
  });

  it("takes the heaviest variant of a production split as parent, and the policy's last stage as production", () => {
    const model = aModelSpec({ stages: { live: { variants: [{ version: "7", weight: 20 }, { version: "8", weight: 80 }] } } });
    expect(servingVersion(model, aPolicySpec({ promotion: { order: ["staging", "live"], allowSkip: false, gates: {} } }))).toBe("8");
    expect(servingVersion(model, undefined)).toBeUndefined();
  });

  it("finds the newest version by createdAt, then by label", () => {
    expect(newestVersion([aVersionSpec({ version: "10" }), aVersionSpec({ version: "9" })])?.version).toBe("10");
    expect(newestVersion([aVersionSpec({ version: "10" }), aVersionSpec({ version: "2", createdAt: "2026-01-01T00:00:00Z" })])?.version).toBe("2");
    expect(newestVersion([])).toBeUndefined();
  });
});

describe("nextVersionLabel", () => {
  it("counts on from integer labels, starts at 1, and leaves other schemes to the person", () => {
    expect(nextVersionLabel([])).toBe("1");
    expect(nextVersionLabel(["5", "10", "8"])).toBe("11");
    expect(nextVersionLabel(["1.0.0", "1.1.0"])).toBeUndefined();
    expect(nextVersionLabel(["7", "07"])).toBeUndefined();
  });

  it("checks labels as the schema does", () => {
    expect(isVersionLabel("2026.12")).toBe(true);
    expect(isVersionLabel("../x")).toBe(false);
    expect(isVersionLabel(".hidden")).toBe(false);
  });
});

describe("renderVersionYaml", () => {
  it("writes the sample files' layout, quoting labels, dates and commits", () => {
    expect(renderVersionYaml(build().draft, "../../../schemas/model-version.schema.json")).toBe(`# yaml-language-server: $schema=../../../schemas/model-version.schema.json
apiVersion: steward/v1
kind: ModelVersion
model: fraud-detection
version: "9"
createdAt: "2026-11-20T10:15:30Z"
mlflow: { runId: ${RUN_ID} }
artifact: { dvc: models/fraud-detection/artifacts/model-v8.tar.gz.dvc }
image: 683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1
framework: { name: xgboost, version: "1.7" }
metrics: { auc: 0.951, recall: 0.84 }
lineage: { parent: "7", commit: "5d8b2a6c0ffee" }
notes: Adds device features.
`);
  });

  it("quotes a run id that would read as a number, and writes many metrics one per line", () => {
    const metrics = Object.fromEntries(["a", "b", "c", "d", "e", "f", "g"].map((k, i) => [k, i / 10]));
    const text = renderVersionYaml({ model: "m", version: "1", runId: "12345678901234567890123456789012", metrics, lineage: {} });
    expect(text).toContain('mlflow: { runId: "12345678901234567890123456789012" }');
    expect(text).toContain("metrics:\n  a: 0\n  b: 0.1\n");
  });
});

describe("versionSchemaRef", () => {
  it("follows the model.yaml's schema reference: the same URL, or the same folder one level up", () => {
    expect(versionSchemaRef("# yaml-language-server: $schema=https://model-steward.dev/schemas/model.schema.json\napiVersion: steward/v1\n")).toBe("https://model-steward.dev/schemas/model-version.schema.json");
    expect(versionSchemaRef("# yaml-language-server: $schema=../../schemas/model.schema.json\napiVersion: steward/v1\n")).toBe("../../../schemas/model-version.schema.json");
    expect(versionSchemaRef("# yaml-language-server: $schema=https://example.com/pinned/v0.3/model.schema.json\n")).toBe("https://example.com/pinned/v0.3/model-version.schema.json");
  });

  it("is the published URL when model.yaml names no schema (an adopter's repository has no schemas/ folder)", () => {
    expect(versionSchemaRef(undefined)).toBe("https://model-steward.dev/schemas/model-version.schema.json");
    expect(versionSchemaRef("apiVersion: steward/v1\nkind: Model\n")).toBe("https://model-steward.dev/schemas/model-version.schema.json");
    expect(versionSchemaRef("# yaml-language-server: $schema=/abs/model.schema.json\n")).toBe("https://model-steward.dev/schemas/model-version.schema.json");
    expect(renderVersionYaml(build().draft)).toMatch(/^# yaml-language-server: \$schema=https:\/\/model-steward\.dev\/schemas\/model-version\.schema\.json\n/);
  });
});

import { describe, expect, it } from "vitest";
import { mapMlflowModel, type MlflowMapped } from "../../../src/core/import/map-mlflow.js";
import { modelNameFor } from "../../../src/core/import/import-names.js";
import type { LiveModelVersion, LiveRegisteredModel } from "../../../src/core/plan/registry-state.js";

const RUN = (c: string) => c.repeat(32).slice(0, 32);
const opts = { policies: [{ name: "default", order: ["staging", "production"] }], fallbackPolicy: "default" };
const v = (version: string, over: Partial<LiveModelVersion> = {}): LiveModelVersion => ({ version, runId: RUN("a"), source: `runs:/${RUN("a")}/model`, stage: "None", description: "", tags: {}, ...over });
const model = (over: Partial<LiveRegisteredModel> = {}): LiveRegisteredModel => ({ name: "fraud", description: "Scores fraud.", tags: { "steward.owners": "@acme/risk", "steward.task": "binary-classification", "steward.policy": "default" }, aliases: {}, versions: [], ...over });
const mapped = (m: LiveRegisteredModel, runs = {}) => {
  const r = mapMlflowModel(m, runs, opts);
  if (!("model" in r)) throw new Error(JSON.stringify(r));
  return r as MlflowMapped;
};

describe("mapMlflowModel", () => {
  it("labels versions by steward.version, else by number; a second claim on a label is listed", () => {
    const r = mapped(model({ versions: [v("1", { tags: { "steward.version": "7" } }), v("2", { tags: { "steward.version": "7" } }), v("3"), v("4", { runId: undefined, source: "s3://x/y" })] }));
    expect(r.versions.map((d) => [d.version, d.mlflow?.modelVersion])).toEqual([["7", "1"]]);
    expect(r.unmapped.map((u) => u.resource)).toEqual(["models:/fraud/2"]);
    // 3 and 4 are untagged in a model steward manages and serve no stage: notes, not imported (plan leaves them).
    expect(r.notes.join("\n")).toMatch(/models:\/fraud\/3: registered outside steward[^]*models:\/fraud\/4: registered outside steward/);
    // In a model steward never managed, every version is imported; one without a run is listed.
    const foreign = mapped(model({ tags: {}, versions: [v("1"), v("2", { runId: undefined, source: "s3://x/y" })] }));
    expect(foreign.versions.map((d) => d.version)).toEqual(["1"]);
    expect(foreign.unmapped).toEqual([{ resource: "models:/fraud/2", reason: expect.stringMatching(/registered without a run \(source s3:\/\/x\/y\)/) }]);
  });

  it("takes owners, task and policy from steward's tags, and says which are placeholders", () => {
    expect(mapped(model()).model.placeholders).toEqual([]);
    const bare = mapped(model({ description: "", tags: { "steward.policy": "strict" } }));
    expect(bare.model.placeholders).toEqual(["owners (no valid steward.owners tag)", "task (no steward.task tag)", 'policy (steward.policy="strict" is not in policies/)', "description (MLflow has none)"]);
    expect(bare.model.owners).toEqual(["@your-org/your-team"]);
  });

  it("makes a weighted split of the steward.traffic tags when the alias leads it, else lists them", () => {
    const versions = [v("1", { tags: { "steward.version": "1", "steward.traffic.production": "90" } }), v("2", { tags: { "steward.version": "2", "steward.traffic.production": "10" } })];
    const ok = mapped(model({ aliases: { production: "1" }, tags: { ...model().tags, "steward.aliases": "production" }, versions }));
    expect(ok.model.stages).toEqual({ production: [{ version: "1", weight: 90 }, { version: "2", weight: 10 }] });
    const led = mapped(model({ aliases: { production: "2" }, versions }));
    expect(led.model.stages).toEqual({ production: [{ version: "2", weight: 100 }] });
    expect(led.unmapped[0]!.reason).toMatch(/not a split led by the alias's version 2/);
  });

  it("imports only the aliases steward manages when it recorded them, and aliases that name no stage are listed", () => {
    const r = mapped(model({ aliases: { production: "1", shadow: "1", staging: "1" }, tags: { ...model().tags, "steward.aliases": "production" }, versions: [v("1", { tags: { "steward.version": "1" } })] }));
    expect(Object.keys(r.model.stages)).toEqual(["production"]);
    const foreign = mapped(model({ tags: {}, aliases: { champion: "1" }, versions: [v("1")] }));
    expect(foreign.unmapped).toEqual([{ resource: "models:/fraud@champion", reason: expect.stringMatching(/no stage of policy default/) }]);
  });

  it("keeps legacy stages only when they are what steward would set", () => {
    const exact = mapped(model({ tags: {}, versions: [v("1", { stage: "Archived" }), v("2", { stage: "Production" })] }));
    expect(exact.model.registry!.mlflow.legacyStages).toBe(true);
    expect(exact.model.stages).toEqual({ production: [{ version: "2", weight: 100 }] });
    expect(exact.versions.find((d) => d.version === "1")!.archived).toBe(true);
    const off = mapped(model({ tags: {}, aliases: { production: "1" }, versions: [v("1"), v("2", { stage: "Production" })] }));
    expect(off.model.registry!.mlflow.legacyStages).toBe(false);
    expect(off.unmapped.map((u) => u.resource)).toEqual(["models:/fraud/2"]);
  });

  it("reads the artifact path from a runs:/ source or the run's artifact URI", () => {
    const r = mapped(model({ tags: {}, versions: [v("1", { source: `runs:/${RUN("a")}/model-int8` }), v("2", { source: `s3://b/1/${RUN("a")}/artifacts/onnx` }), v("3", { source: "s3://elsewhere/x" })] }), { [RUN("a")]: { exists: true, artifactUri: `s3://b/1/${RUN("a")}/artifacts` } });
    expect(r.versions.map((d) => d.mlflow!.artifactPath)).toEqual(["model-int8", "onnx", undefined]);
    expect(r.notes.join("\n")).toMatch(/models:\/fraud\/3: source s3:\/\/elsewhere\/x is not inside run/);
  });

  it("names models as the schema allows", () => {
    expect(modelNameFor("Churn.Model")).toBe("churn-model");
    expect(modelNameFor("main.ml.fraud_v2")).toBe("main-ml-fraud-v2");
    expect(modelNameFor("---")).toBeUndefined();
    expect(mapMlflowModel(model({ name: "***" }), {}, opts)).toEqual({ unmapped: [{ resource: "models:/***", reason: expect.any(String) }] });
  });
});

describe("renderModelYaml with hostile registry text", () => {
  it("keeps a placeholder's reason on one comment line and the registry's text as data", async () => {
    const { renderModelYaml } = await import("../../../src/core/import/render-import-yaml.js");
    const { parse } = await import("yaml");
    const r = mapped(model({ description: "line one\n# not a comment: key: value\n", tags: { "steward.policy": "x\nowners: [\"@evil\"]\n#" } }));
    const text = renderModelYaml(r.model);
    const doc = parse(text) as Record<string, unknown>;
    expect(doc.owners).toEqual(["@your-org/your-team"]);
    expect(doc.description).toBe("line one\n# not a comment: key: value\n");
    expect(doc.policy).toBe("default");
    expect(Object.keys(doc).sort()).toEqual(["apiVersion", "description", "kind", "name", "owners", "policy", "registry", "stages", "task"]);
    expect(text.split("\n").filter((l) => l.includes("# placeholder"))).toHaveLength(3);
  });
});

import { describe, expect, it } from "vitest";
import { planMlflow } from "../../../src/core/plan/mlflow-plan.js";
import type { LiveModelVersion, LiveRegisteredModel, LiveRegistry } from "../../../src/core/plan/registry-state.js";
import type { RepoState } from "../../../src/core/types.js";
import { aModelSpec, aRepoState, aVersionSpec } from "../../support/builders.js";

const opts = { commit: "c0ffee", repoUrl: "https://github.com/acme/models" };

/** The live registry exactly as an earlier apply of `state` would have left it (versions numbered 1..n). */
function converged(state: RepoState): LiveRegistry {
  const plan = planMlflow(state, { models: {} }, opts);
  const models: Record<string, LiveRegisteredModel> = {};
  const numbers = new Map<string, string>();
  for (const s of plan.steps) {
    const p = s.params as Record<string, any>;
    if (s.action === "create-registered-model") models[p.name] = { name: p.name, description: p.description, tags: { ...p.tags }, aliases: {}, versions: [] };
    const m = models[p.name]!;
    if (s.action === "create-model-version") {
      const version = String(m.versions.length + 1);
      numbers.set(p.stewardVersion, version);
      m.versions.push({ version, runId: p.runId, source: p.source, stage: "None", description: p.description ?? "", tags: { ...p.tags } });
    }
    const n = p.version ?? numbers.get(p.stewardVersion);
    if (s.action === "set-alias") m.aliases[p.alias] = n;
    if (s.action === "set-registered-model-tags") Object.assign(m.tags, p.tags);
    if (s.action === "transition-stage") m.versions.find((v) => v.version === n)!.stage = p.stage;
  }
  return { models };
}

const liveVersion = (over: Partial<LiveModelVersion>): LiveModelVersion => ({ version: "1", stage: "None", description: "", tags: {}, ...over });

describe("planMlflow", () => {
  it("creates the registered model, every version, and the stage aliases on an empty registry", () => {
    const plan = planMlflow(aRepoState(), { models: {} }, opts);
    expect(plan.steps.map((s) => `${s.action} ${s.resource}`)).toEqual([
      "create-registered-model models:/fraud-detection",
      "create-model-version models:/fraud-detection/(new 7)",
      "create-model-version models:/fraud-detection/(new 8)",
      "set-alias models:/fraud-detection@production",
      "set-alias models:/fraud-detection@staging",
      "set-registered-model-tags models:/fraud-detection",
    ]);
    expect(plan.steps[5]!.params).toEqual({ name: "fraud-detection", tags: { "steward.aliases": "production,staging" } });
    const create = plan.steps[0]!.params;
    expect(create).toMatchObject({ name: "fraud-detection", description: "Scores card transactions.", tags: { "steward.owners": "@acme/risk-ml", "steward.policy": "strict" } });
    const v8 = plan.steps[2]!.params;
    expect(v8).toMatchObject({
      source: "runs:/3f2a9c0d5e7b4a1f8c6d2e0b9a7f5c3d/model",
      runId: "3f2a9c0d5e7b4a1f8c6d2e0b9a7f5c3d",
      tags: {
        "steward.version": "8",
        "steward.dvc_md5": "0123456789abcdef0123456789abcdef",
        "steward.git_commit": "c0ffee",
        "steward.model_card": "https://github.com/acme/models/blob/HEAD/models/fraud-detection/MODEL_CARD.md",
      },
    });
    expect(plan.steps[3]!.params).toEqual({ name: "fraud-detection", alias: "production", stewardVersion: "7" });
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it("plans nothing once the registry matches (idempotent)", () => {
    const state = aRepoState();
    const plan = planMlflow(state, converged(state), opts);
    expect(plan.steps).toEqual([]);
    expect(plan.notes.filter((n) => n.includes("record mlflow.modelVersion"))).toHaveLength(2);
  });

  it("does not rewrite steward.git_commit when a later commit applies", () => {
    const state = aRepoState();
    expect(planMlflow(state, converged(state), { ...opts, commit: "beef" }).steps).toEqual([]);
  });

  it("finds a version by its recorded number before its tag", () => {
    const state = aRepoState({ versions: [aVersionSpec({ version: "7", mlflow: { runId: "r7", modelVersion: "3" } })], models: [aModelSpec({ stages: { production: { variants: [{ version: "7", weight: 100 }] } } })] });
    const live: LiveRegistry = {
      models: {
        "fraud-detection": {
          name: "fraud-detection",
          description: "Scores card transactions.",
          tags: {},
          aliases: { production: "1" },
          versions: [liveVersion({ version: "1", tags: { "steward.version": "7" } }), liveVersion({ version: "3", runId: "r7" })],
        },
      },
    };
    const plan = planMlflow(state, live, opts);
    const alias = plan.steps.find((s) => s.action === "set-alias")!;
    expect(alias.params).toMatchObject({ version: "3" });
    expect(alias.changes).toEqual([{ field: "version", from: "1", to: "3" }]);
    expect(plan.steps.find((s) => s.action === "set-model-version-tags")!.resource).toBe("models:/fraud-detection/3");
    // the summary names the model: an import's list of bookkeeping steps reads "on fraud-detection 8", not "on 8"
    expect(plan.steps.find((s) => s.action === "set-model-version-tags")!.summary).toMatch(/ on fraud-detection \S+ \(MLflow version 3\)$/);
    expect(plan.notes).toContain("fraud-detection: MLflow version 1 is not in the repository; left as it is");
  });

  it("registers again when the recorded number is missing, and says so", () => {
    const state = aRepoState({ versions: [aVersionSpec({ version: "7", mlflow: { runId: "r7", modelVersion: "9" } })], models: [aModelSpec({ stages: {} })] });
    const live: LiveRegistry = { models: { "fraud-detection": { name: "fraud-detection", description: "Scores card transactions.", tags: {}, aliases: {}, versions: [] } } };
    const plan = planMlflow(state, live, opts);
    expect(plan.steps.map((s) => s.action)).toContain("create-model-version");
    expect(plan.notes.some((n) => n.includes("records MLflow version 9, which MLflow does not have"))).toBe(true);
  });

  it("reports extra MLflow versions as notes and never plans anything for them", () => {
    const state = aRepoState();
    const live = converged(state);
    const m = live.models["fraud-detection"]!;
    m.versions.push(liveVersion({ version: "3", stage: "Production", tags: { "steward.traffic.production": "50" } }), liveVersion({ version: "4" }));
    m.aliases.champion = "4";
    const plan = planMlflow(state, live, opts);
    expect(plan.steps).toEqual([]);
    expect(plan.notes).toContain("fraud-detection: MLflow versions 3, 4 are not in the repository; left as they are");
  });

  it("aliases the largest variant of a split and tags every variant with its weight", () => {
    const model = aModelSpec({ stages: { production: { variants: [{ version: "7", weight: 10 }, { version: "8", weight: 90 }] } } });
    const plan = planMlflow(aRepoState({ models: [model] }), { models: {} }, opts);
    expect(plan.steps.find((s) => s.action === "set-alias")!.params).toMatchObject({ alias: "production", stewardVersion: "8" });
    const tags = plan.steps.filter((s) => s.action === "create-model-version").map((s) => (s.params.tags as Record<string, string>)["steward.traffic.production"]);
    expect(tags).toEqual(["10", "90"]);
  });

  it("removes the split tags once the split ends", () => {
    const split = aRepoState({ models: [aModelSpec({ stages: { production: { variants: [{ version: "7", weight: 50 }, { version: "8", weight: 50 }] } } })] });
    const live = converged(split);
    const plan = planMlflow(aRepoState(), live, opts);
    const deletes = plan.steps.filter((s) => s.action === "delete-model-version-tags");
    expect(deletes.map((s) => s.params.keys)).toEqual([["steward.traffic.production"], ["steward.traffic.production"]]);
    expect(plan.steps.find((s) => s.action === "set-alias")!.params).toMatchObject({ alias: "staging", version: "2" });
  });

  it("uses configured alias names", () => {
    const model = aModelSpec();
    model.registry!.mlflow!.aliases = { production: "champion", staging: "challenger" };
    const plan = planMlflow(aRepoState({ models: [model] }), { models: {} }, opts);
    expect(plan.steps.filter((s) => s.action === "set-alias").map((s) => s.params.alias)).toEqual(["champion", "challenger"]);
  });

  it("does not plan an alias MLflow reserves (latest, v<number>)", () => {
    const model = aModelSpec();
    model.registry!.mlflow!.aliases = { production: "latest", staging: "V2" };
    const plan = planMlflow(aRepoState({ models: [model] }), { models: {} }, opts);
    expect(plan.steps.some((s) => s.action === "set-alias")).toBe(false);
    expect(plan.notes).toContain('fraud-detection@latest: MLflow reserves the alias name "latest"; set registry.mlflow.aliases.production to another name');
  });

  it("archives: the version loses its aliases and gets the archived tag; nothing is deleted", () => {
    const state = aRepoState({ models: [aModelSpec({ stages: { production: { variants: [{ version: "8", weight: 100 }] } } })] });
    const live = converged(aRepoState());
    live.models["fraud-detection"]!.aliases.old = "1";
    state.versions[0]!.archived = true;
    const plan = planMlflow(state, live, opts);
    expect(plan.steps.map((s) => `${s.action} ${s.resource}`)).toEqual([
      "set-model-version-tags models:/fraud-detection/1",
      "set-alias models:/fraud-detection@production",
      "delete-alias models:/fraud-detection@old",
      "delete-alias models:/fraud-detection@staging",
      "set-registered-model-tags models:/fraud-detection",
    ]);
    expect(plan.steps[3]!.summary).toBe("remove @staging (MLflow version 2): the repository no longer names it");
    expect(plan.steps[4]!.params.tags).toEqual({ "steward.aliases": "production" });
    expect(plan.steps[0]!.params.tags).toEqual({ "steward.archived": "true" });
    expect(plan.steps.some((s) => /delete-(registered-model|model-version)$/.test(s.action))).toBe(false);
  });

  it("does not register an archived version MLflow does not have", () => {
    const state = aRepoState({ models: [aModelSpec({ stages: {} })], versions: [aVersionSpec({ version: "1", archived: true })] });
    const plan = planMlflow(state, { models: {} }, opts);
    expect(plan.steps.map((s) => s.action)).toEqual(["create-registered-model"]);
    expect(plan.notes[0]).toMatch(/archived and not in MLflow/);
  });

  it("transitions legacy stages when the model asks for them", () => {
    const model = aModelSpec();
    model.registry!.mlflow!.legacyStages = true;
    const state = aRepoState({ models: [model], versions: [aVersionSpec({ version: "6", archived: true }), aVersionSpec({ version: "7" }), aVersionSpec({ version: "8" })] });
    const live = converged(aRepoState({ versions: [aVersionSpec({ version: "6" }), aVersionSpec({ version: "7" }), aVersionSpec({ version: "8" })] }));
    live.models["fraud-detection"]!.versions[0]!.stage = "Production";
    const plan = planMlflow(state, live, opts);
    expect(plan.steps.filter((s) => s.action === "transition-stage").map((s) => [s.params.version, s.params.stage])).toEqual([
      ["1", "Archived"],
      ["2", "Production"],
      ["3", "Staging"],
    ]);
    expect(planMlflow(state, converged(state), opts).steps).toEqual([]);
  });

  it("registers from the DVC remote when there is no run id", () => {
    const state = aRepoState({ models: [aModelSpec({ stages: {} })], versions: [aVersionSpec({ version: "1", mlflow: undefined, artifact: { kind: "file", dvc: "models/a.dvc" } })] });
    state.pointers.set("models/a.dvc", { file: "models/a.dvc", outs: [{ md5: "abcdef0123456789abcdef0123456789", path: "a", isDir: false }] });
    const plan = planMlflow(state, { models: {} }, { remotes: { defaultRemote: "storage", remotes: { storage: "s3://bucket/dvc" } } });
    expect(plan.steps[1]!.params).toMatchObject({ source: "s3://bucket/dvc/files/md5/ab/cdef0123456789abcdef0123456789" });
    expect(plan.steps[1]!.params).not.toHaveProperty("runId");
    const noRemote = planMlflow(state, { models: {} }, {});
    expect(noRemote.steps).toHaveLength(1);
    expect(noRemote.errors?.[0]).toMatch(/^models\/fraud-detection\/versions\/1.yaml: cannot register fraud-detection 1: no MLflow run id, and DVC remote is not configured$/);
  });

  it("leaves a version alone when its recorded number belongs to another repository version", () => {
    const state = aRepoState({ models: [aModelSpec({ stages: {} })], versions: [aVersionSpec({ version: "8", mlflow: { runId: "r", modelVersion: "1" } })] });
    const live: LiveRegistry = { models: { "fraud-detection": { name: "fraud-detection", description: "Scores card transactions.", tags: {}, aliases: {}, versions: [liveVersion({ version: "1", runId: "r", tags: { "steward.version": "7" } })] } } };
    const plan = planMlflow(state, live, opts);
    expect(plan.steps.filter((s) => s.action !== "set-registered-model-tags")).toEqual([]);
    expect(plan.notes[0]).toMatch(/records MLflow version 1, which belongs to fraud-detection 7; left untouched/);
  });

  it("updates a drifted description and owner tags", () => {
    const state = aRepoState();
    const live = converged(state);
    live.models["fraud-detection"]!.description = "old";
    live.models["fraud-detection"]!.tags["steward.owners"] = "someone";
    const plan = planMlflow(state, live, opts);
    expect(plan.steps.map((s) => s.action)).toEqual(["update-registered-model", "set-registered-model-tags"]);
    expect(plan.steps[1]!.changes).toEqual([{ field: "tag steward.owners", from: "someone", to: "@acme/risk-ml" }]);
  });

  it("counts steward's own tags as bookkeeping, apart from the repository's tags (adopting a registry)", () => {
    const state = aRepoState();
    const live = converged(state);
    const model = live.models["fraud-detection"]!;
    // A registry steward never managed: no steward.* tags anywhere; a user tag drifted too.
    model.tags = { team: "old" };
    for (const v of model.versions) v.tags = Object.fromEntries(Object.entries(v.tags).filter(([k]) => !k.startsWith("steward.")));
    state.models[0]!.tags = { team: "risk" };
    const plan = planMlflow(state, live, opts);
    const user = plan.steps.filter((s) => !s.bookkeeping);
    expect(user.map((s) => [s.action, s.changes])).toEqual([["set-registered-model-tags", [{ field: "tag team", from: "old", to: "risk" }]]]);
    const book = plan.steps.filter((s) => s.bookkeeping);
    expect(book.map((s) => s.action)).toEqual(["set-registered-model-tags", "set-model-version-tags", "set-model-version-tags", "set-registered-model-tags"]);
    expect(book.flatMap((s) => s.changes!.map((c) => c.field)).every((f) => f.startsWith("tag steward."))).toBe(true);
    expect(book[0]!.params).toEqual({ name: "fraud-detection", tags: { "steward.owners": "@acme/risk-ml", "steward.policy": "strict", "steward.task": expect.any(String) } });
    // Once recorded (as apply would), nothing is left.
    model.tags = { team: "risk", ...(book[0]!.params.tags as object), ...(book[3]!.params.tags as object) };
    for (const [i, v] of model.versions.entries()) Object.assign(v.tags, book[1 + i]!.params.tags);
    expect(planMlflow(state, live, opts).steps).toEqual([]);
  });

  it("marks the removal of an ended split's tags as bookkeeping", () => {
    const split = aRepoState({ models: [aModelSpec({ stages: { production: { variants: [{ version: "7", weight: 50 }, { version: "8", weight: 50 }] } } })] });
    const plan = planMlflow(aRepoState(), converged(split), opts);
    expect(plan.steps.filter((s) => s.action === "delete-model-version-tags").every((s) => s.bookkeeping)).toBe(true);
    expect(plan.steps.find((s) => s.action === "set-alias")!.bookkeeping).toBeUndefined();
  });

  it("notes models that have no MLflow registry entry", () => {
    const plan = planMlflow(aRepoState({ models: [aModelSpec({ registry: {} })] }), { models: {} }, opts);
    expect(plan.steps).toEqual([]);
    expect(plan.notes).toEqual(["not in MLflow (no registry.mlflow): fraud-detection"]);
  });
});

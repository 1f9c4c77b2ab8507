import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planMlflow } from "../../../src/core/plan/mlflow-plan.js";
import type { LiveRegisteredModel, LiveRegistry } from "../../../src/core/plan/registry-state.js";
import type { PlanStep } from "../../../src/core/plan/types.js";
import type { RepoState, StageAssignment } from "../../../src/core/types.js";
import { aModelSpec, aRepoState, aVersionSpec } from "../../support/builders.js";

/** Applies MLflow plan steps to an in-memory registry the way MLflow would (a model of the executor). */
function applySteps(live: LiveRegistry, steps: PlanStep[]): LiveRegistry {
  const next: LiveRegistry = structuredClone(live);
  const assigned = new Map<string, string>();
  for (const s of steps) {
    const p = s.params as Record<string, any>;
    const m = next.models[p.name] as LiveRegisteredModel;
    const num = () => p.version ?? assigned.get(p.stewardVersion);
    const v = () => m.versions.find((x) => x.version === num())!;
    switch (s.action) {
      case "create-registered-model":
        next.models[p.name] = { name: p.name, description: p.description, tags: { ...p.tags }, aliases: {}, versions: [] };
        break;
      case "update-registered-model":
        m.description = p.description;
        break;
      case "set-registered-model-tags":
        Object.assign(m.tags, p.tags);
        break;
      case "create-model-version": {
        const version = String(Math.max(0, ...m.versions.map((x) => Number(x.version))) + 1);
        assigned.set(p.stewardVersion, version);
        m.versions.push({ version, runId: p.runId, source: p.source, stage: "None", description: p.description ?? "", tags: { ...p.tags } });
        break;
      }
      case "set-model-version-tags":
        Object.assign(v().tags, p.tags);
        break;
      case "delete-model-version-tags":
        for (const k of p.keys) delete v().tags[k];
        break;
      case "update-model-version":
        v().description = p.description;
        break;
      case "set-alias":
        m.aliases[p.alias] = num();
        break;
      case "delete-alias":
        delete m.aliases[p.alias];
        break;
      case "transition-stage":
        v().stage = p.stage;
        break;
      default:
        throw new Error(`unknown action ${s.action}`);
    }
  }
  return next;
}

const versionNames = ["1", "2", "3", "4", "5"];

const arbAssignment: fc.Arbitrary<StageAssignment> = fc.oneof(
  fc.constantFrom(...versionNames).map((version) => ({ variants: [{ version, weight: 100 }] })),
  fc.uniqueArray(fc.constantFrom(...versionNames), { minLength: 2, maxLength: 3 }).chain((vs) =>
    fc.array(fc.integer({ min: 1, max: 98 }), { minLength: vs.length, maxLength: vs.length }).map((ws) => ({ variants: vs.map((version, i) => ({ version, weight: ws[i]! })) })),
  ),
);

const arbState: fc.Arbitrary<RepoState> = fc
  .record({
    production: fc.option(arbAssignment, { nil: undefined }),
    staging: fc.option(arbAssignment, { nil: undefined }),
    archived: fc.subarray(versionNames),
    legacy: fc.boolean(),
    recorded: fc.array(fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }), { minLength: 5, maxLength: 5 }),
  })
  .map(({ production, staging, archived, legacy, recorded }) => {
    const stages: Record<string, StageAssignment> = {};
    if (production) stages.production = production;
    if (staging) stages.staging = staging;
    const model = aModelSpec({ stages });
    model.registry!.mlflow!.legacyStages = legacy;
    const versions = versionNames.map((version, i) =>
      aVersionSpec({ version, archived: archived.includes(version), mlflow: { runId: `run${version}`, ...(recorded[i] ? { modelVersion: String(recorded[i]) } : {}) }, notes: `v${version}` }),
    );
    return aRepoState({ models: [model], versions });
  });

/** Some registry the repository did not make: extra versions, stray aliases, tags and stages. */
const arbLive: fc.Arbitrary<LiveRegistry> = fc
  .record({
    exists: fc.boolean(),
    versions: fc.array(
      fc.record({
        stewardTag: fc.option(fc.constantFrom(...versionNames), { nil: undefined }),
        stage: fc.constantFrom("None", "Staging", "Production", "Archived"),
        traffic: fc.option(fc.constantFrom("10", "50"), { nil: undefined }),
      }),
      { maxLength: 6 },
    ),
    aliases: fc.dictionary(fc.constantFrom("production", "staging", "champion"), fc.integer({ min: 1, max: 6 })),
  })
  .map(({ exists, versions, aliases }) => {
    if (!exists) return { models: {} };
    const vs = versions.map((v, i) => ({
      version: String(i + 1),
      stage: v.stage,
      description: "",
      tags: { ...(v.stewardTag ? { "steward.version": v.stewardTag } : {}), ...(v.traffic ? { "steward.traffic.production": v.traffic } : {}) },
    }));
    const al = Object.fromEntries(Object.entries(aliases).filter(([, n]) => n <= vs.length).map(([a, n]) => [a, String(n)]));
    return { models: { "fraud-detection": { name: "fraud-detection", description: "old", tags: {}, aliases: al, versions: vs } } };
  });

describe("MLflow plan convergence (property)", () => {
  it("one apply of the plan reaches a state where the plan is empty, from any registry", () => {
    fc.assert(
      fc.property(arbState, arbLive, (state, live) => {
        const opts = { commit: "c1", repoUrl: "https://github.com/acme/models" };
        const after = applySteps(live, planMlflow(state, live, opts).steps);
        expect(planMlflow(state, after, { ...opts, commit: "c2" }).steps).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("never deletes a version or a registered model, and never touches versions it does not match", () => {
    fc.assert(
      fc.property(arbState, arbLive, (state, live) => {
        const steps = planMlflow(state, live).steps;
        expect(steps.every((s) => !/^delete-(registered-model|model-version)$/.test(s.action))).toBe(true);
        const after = applySteps(live, steps);
        const before = live.models["fraud-detection"];
        for (const v of before?.versions ?? []) expect(after.models["fraud-detection"]!.versions.some((x) => x.version === v.version)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("converges however many steps ran before a failure", () => {
    fc.assert(
      fc.property(arbState, arbLive, fc.nat(), (state, live, cut) => {
        const steps = planMlflow(state, live).steps;
        const partial = applySteps(live, steps.slice(0, steps.length ? cut % steps.length : 0));
        const done = applySteps(partial, planMlflow(state, partial).steps);
        expect(planMlflow(state, done).steps).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

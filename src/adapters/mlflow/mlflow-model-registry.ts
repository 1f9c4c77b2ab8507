import type { LiveModelVersion, LiveRegisteredModel, LiveRegistry } from "../../core/plan/registry-state.js";
import { filterString, type MlflowClient } from "./mlflow-client.js";
import { isAlreadyExists, isRetryable } from "./mlflow-error.js";
import { tagsToRecord, type WireModelVersion } from "./mlflow-wire.js";
import type { ModelRegistry } from "./model-registry.js";

const VERSION_TAG = "steward.version";

/** The live version, from MLflow's wire shape. */
export function toLiveVersion(v: WireModelVersion): LiveModelVersion {
  return {
    version: v.version,
    ...(v.run_id ? { runId: v.run_id } : {}),
    ...(v.source ? { source: v.source } : {}),
    stage: v.current_stage ?? "None",
    description: v.description ?? "",
    tags: tagsToRecord(v.tags),
  };
}

/**
 * ModelRegistry over MLflow's REST API. A snapshot costs one registered-models/get per model plus
 * one model-versions/search per page of its versions (search results carry tags; aliases come from
 * the registered model, since search omits them).
 */
export function mlflowModelRegistry(client: MlflowClient, opts: { location: string; pageSize?: number }): ModelRegistry {
  const pageSize = opts.pageSize ?? 1000;

  async function findTagged(name: string, value: string): Promise<LiveModelVersion | undefined> {
    const found = await client.searchModelVersions({ filter: `name=${filterString(name)} and tags.\`${VERSION_TAG}\`=${filterString(value)}`, maxResults: pageSize });
    return found.map(toLiveVersion).sort((a, b) => Number(a.version) - Number(b.version))[0];
  }

  return {
    location: opts.location,

    async snapshot(names) {
      const models: LiveRegistry["models"] = {};
      for (const name of names) {
        const rm = await client.getRegisteredModel(name);
        if (!rm) continue;
        const versions = await client.searchModelVersions({ filter: `name=${filterString(name)}`, maxResults: pageSize });
        const live: LiveRegisteredModel = {
          name: rm.name,
          description: rm.description ?? "",
          tags: tagsToRecord(rm.tags),
          aliases: Object.fromEntries((rm.aliases ?? []).map((a) => [a.alias, a.version])),
          versions: versions.map(toLiveVersion).sort((a, b) => Number(a.version) - Number(b.version)),
        };
        models[name] = live;
      }
      return { models };
    },

    runExists: async (runId) => (await client.getRun(runId)) !== undefined,

    async createRegisteredModel(input) {
      try {
        await client.createRegisteredModel(input);
      } catch (err) {
        // Created by an earlier, interrupted attempt: the tags and description steps that follow converge it.
        if (!isAlreadyExists(err)) throw err;
      }
    },
    updateRegisteredModel: async (input) => void (await client.updateRegisteredModel(input)),
    setRegisteredModelTag: (input) => client.setRegisteredModelTag(input),

    async createModelVersion(input) {
      const marker = input.tags[VERSION_TAG];
      for (let attempt = 0; ; attempt++) {
        try {
          return toLiveVersion(await client.createModelVersion(input));
        } catch (err) {
          // The create may have happened before the failure; look for it before trying again.
          if (!isRetryable(err) || marker === undefined || attempt >= 2) throw err;
          const existing = await findTagged(input.name, marker);
          if (existing) return existing;
        }
      }
    },
    updateModelVersion: async (input) => void (await client.updateModelVersion(input)),
    setModelVersionTag: (input) => client.setModelVersionTag(input),
    deleteModelVersionTag: (input) => client.deleteModelVersionTag(input),
    setAlias: (input) => client.setAlias(input),
    deleteAlias: (input) => client.deleteAlias(input),
    transitionStage: async (input) => void (await client.transitionStage({ ...input, archiveExistingVersions: false })),
  };
}

import type { LiveModelVersion, LiveRegisteredModel, LiveRegistry } from "../../core/plan/registry-state.js";
import { filterString, type MlflowClient } from "./mlflow-client.js";
import { isAlreadyExists, isRetryable } from "./mlflow-error.js";
import { tagsToRecord, type WireModelVersion } from "./mlflow-wire.js";
import type { ModelRegistry } from "../../ports.js";

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
 * the registered model, since search omits them). Reads run `concurrency` at a time (default 8).
 */
export function mlflowModelRegistry(client: MlflowClient, opts: { location: string; pageSize?: number; concurrency?: number }): ModelRegistry {
  const pageSize = opts.pageSize ?? 1000;
  const concurrency = opts.concurrency ?? 8;

  async function findTagged(name: string, value: string): Promise<LiveModelVersion | undefined> {
    const found = await client.searchModelVersions({ filter: `name=${filterString(name)} and tags.\`${VERSION_TAG}\`=${filterString(value)}`, maxResults: pageSize });
    return found.map(toLiveVersion).sort((a, b) => Number(a.version) - Number(b.version))[0];
  }

  return {
    location: opts.location,

    async snapshot(names) {
      const read = await mapLimit(names, concurrency, async (name): Promise<[string, LiveRegisteredModel | undefined]> => {
        const rm = await client.getRegisteredModel(name);
        if (!rm) return [name, undefined];
        const versions = await client.searchModelVersions({ filter: `name=${filterString(name)}`, maxResults: pageSize });
        return [
          name,
          {
            name: rm.name,
            description: rm.description ?? "",
            tags: tagsToRecord(rm.tags),
            aliases: Object.fromEntries((rm.aliases ?? []).map((a) => [a.alias, a.version])),
            versions: versions.map(toLiveVersion).sort((a, b) => Number(a.version) - Number(b.version)),
          },
        ];
      });
      const models: LiveRegistry["models"] = {};
      for (const [name, live] of read) if (live) models[name] = live;
      return { models };
    },

    async runsExist(runIds) {
      const found = await mapLimit(runIds, concurrency, async (id) => [id, (await client.getRun(id)) !== undefined] as const);
      return Object.fromEntries(found);
    },

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

/** Maps `items` with at most `limit` calls in flight; results keep the input order. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

import { randomUUID } from "node:crypto";
import { describeError, UserError } from "../../core/errors.js";
import { UC_NAME } from "./databricks-config.js";
import type { LiveModelVersion, LiveRegisteredModel, LiveRegistry, LiveRun } from "../../core/plan/registry-state.js";
import { filterLiteral, nameClause, type MlflowClient } from "./mlflow-client.js";
import { isAlreadyExists, isRetryable, MlflowError } from "./mlflow-error.js";
import { tagsToRecord, type WireModelVersion } from "./mlflow-wire.js";
import type { ModelRegistry } from "../../ports.js";

const REQUEST_TAG = "steward.request_id";

export interface MlflowRegistryOptions {
  /** Where the registry lives, for messages (the tracking URI without credentials). */
  location: string;
  pageSize?: number;
  concurrency?: number;
  /** A fresh id per registration (the `steward.request_id` tag); default randomUUID. */
  requestId?: () => string;
  /** Waits between looking for a version whose create had an unknown outcome; default 0.5, 1, 2, 4 s. */
  lookupDelaysMs?: number[];
  sleep?: (ms: number) => Promise<void>;
  /** The registry is Databricks Unity Catalog: names are catalog.schema.model; no legacy stages; versions are registered by MLflow's own client (they need an upload to UC storage) and adopted here. */
  unityCatalog?: boolean;
}

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
export function mlflowModelRegistry(client: MlflowClient, opts: MlflowRegistryOptions): ModelRegistry {
  const pageSize = opts.pageSize ?? 1000;
  const concurrency = opts.concurrency ?? 8;
  const requestId = opts.requestId ?? randomUUID;
  const lookupDelays = opts.lookupDelaysMs ?? [500, 1000, 2000, 4000];
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  /** Every version of `name` matching the extra clauses (`key=value` on tags or attributes), oldest first. */
  async function searchVersions(name: string, where: Record<string, string> = {}): Promise<WireModelVersion[]> {
    const { clause, exact } = nameClause(name);
    const clauses = [clause];
    const rest: [string, string][] = [];
    for (const [key, value] of Object.entries(where)) {
      const literal = filterLiteral(value);
      if (literal === undefined) rest.push([key, value]);
      else clauses.push(`${key}=${literal}`);
    }
    const found = await client.searchModelVersions({ filter: clauses.join(" and "), maxResults: pageSize });
    const tagOf = (v: WireModelVersion, key: string) => (v.tags ?? []).find((t) => `tags.\`${t.key}\`` === key)?.value;
    return found
      .filter((v) => exact || v.name === name)
      .filter((v) => rest.every(([k, value]) => tagOf(v, k) === value))
      .sort((a, b) => Number(a.version) - Number(b.version));
  }

  /** The version one registration made, found by its run and request id. */
  async function findCreated(name: string, runId: string | undefined, id: string): Promise<LiveModelVersion | undefined> {
    const found = await searchVersions(name, { ...(runId ? { run_id: runId } : {}), [`tags.\`${REQUEST_TAG}\``]: id });
    return found.map(toLiveVersion)[0];
  }

  /** One run's facts; a failed artifact listing is reported, not fatal. */
  async function readRun(runId: string, paths: string[]): Promise<LiveRun> {
    const run = await client.getRun(runId);
    if (!run) return { exists: false };
    const out: LiveRun = {
      exists: true,
      ...(run.info.status ? { status: run.info.status } : {}),
      ...(run.info.lifecycle_stage ? { lifecycleStage: run.info.lifecycle_stage } : {}),
      ...(run.info.artifact_uri ? { artifactUri: run.info.artifact_uri } : {}),
    };
    if (paths.length === 0) return out;
    try {
      const found: Record<string, boolean> = {};
      for (const p of paths) {
        const clean = p.replace(/^\/+|\/+$/g, "");
        const parent = clean.includes("/") ? clean.slice(0, clean.lastIndexOf("/")) : undefined;
        const entries = await client.listArtifacts(runId, parent);
        found[p] = entries.some((e) => e.path.replace(/\/+$/, "") === clean);
      }
      out.artifactPaths = found;
    } catch (err) {
      out.artifactCheckError = describeError(err);
    }
    return out;
  }

  return {
    location: opts.location,
    ...(opts.unityCatalog ? { cannotRegister: "Unity Catalog stores a version's files itself: register it with MLflow's client (mlflow.register_model(source, name)); the next apply adopts it by run and source" } : {}),

    async snapshot(names) {
      if (opts.unityCatalog) {
        const bad = names.filter((n) => !UC_NAME.test(n));
        if (bad.length) throw new UserError(`Unity Catalog names registered models catalog.schema.model; set registry.mlflow.name accordingly for: ${bad.join(", ")}`);
      }
      const read = await mapLimit(names, concurrency, async (name): Promise<[string, LiveRegisteredModel | undefined]> => {
        const rm = await client.getRegisteredModel(name);
        if (!rm) return [name, undefined];
        const versions = await searchVersions(name);
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

    async readRuns(runs) {
      const found = await mapLimit(runs, concurrency, async (r) => [r.runId, await readRun(r.runId, r.artifactPaths)] as const);
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
      if (opts.unityCatalog) {
        throw new UserError(`Unity Catalog: ${input.name} needs its version registered with MLflow's client (mlflow.register_model("${input.source}", "${input.name}")), which uploads the model to UC storage; the next apply adopts it by run and source`);
      }
      const id = requestId();
      const tags = { ...input.tags, [REQUEST_TAG]: id };
      for (let attempt = 0; ; attempt++) {
        try {
          return toLiveVersion(await client.createModelVersion({ ...input, tags }));
        } catch (err) {
          if (!isRetryable(err) || attempt >= 2) throw err;
          // The create may have happened (or may still be happening) although the call failed: look
          // for the version it would have made before deciding anything.
          const answeredByMlflow = err instanceof MlflowError && err.status !== undefined && err.code !== "NOT_JSON" && err.status !== 502 && err.status !== 504;
          const delays = answeredByMlflow ? [0] : [0, ...lookupDelays];
          for (const ms of delays) {
            if (ms) await sleep(ms);
            const existing = await findCreated(input.name, input.runId, id);
            if (existing) return existing;
          }
          // MLflow said no (429, 503, its own 500): nothing was stored, so a second create is safe. A
          // timeout or a gateway error leaves the outcome unknown: stop rather than risk a duplicate.
          if (!answeredByMlflow) {
            throw new MlflowError(err instanceof MlflowError ? err.status : undefined, err instanceof MlflowError ? err.code : "UNKNOWN", `registering ${input.name} from ${input.source} had an unknown outcome (${err instanceof Error ? err.message : String(err)}) and no version with ${REQUEST_TAG}=${id} appeared; not retried, to avoid a duplicate. Run apply again: it finds the version if MLflow made it`, "model-versions/create", { cause: err });
          }
        }
      }
    },
    updateModelVersion: async (input) => void (await client.updateModelVersion(input)),
    setModelVersionTag: (input) => client.setModelVersionTag(input),
    deleteModelVersionTag: (input) => client.deleteModelVersionTag(input),
    setAlias: (input) => client.setAlias(input),
    deleteAlias: (input) => client.deleteAlias(input),
    transitionStage: async (input) => {
      if (opts.unityCatalog) throw new UserError("Unity Catalog has no legacy stages; set registry.mlflow.legacyStages to false");
      await client.transitionStage({ ...input, archiveExistingVersions: false });
    },
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

import { isNotFound, MlflowError } from "./mlflow-error.js";
import type { Transport } from "./mlflow-transport.js";
import { recordToTags, type WireModelVersion, type WireRegisteredModel, type WireRun } from "./mlflow-wire.js";

/** One page of a search: the items and the token of the next page (undefined on the last page). */
export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

export interface SearchOptions {
  filter?: string;
  orderBy?: string[];
  /** Page size; MLflow caps registered-model search at 1000. */
  maxResults?: number;
}

export type LegacyStage = "None" | "Staging" | "Production" | "Archived";

/**
 * A typed client for MLflow's model registry and runs (REST API 2.0), over a Transport that handles
 * auth, retries, timeouts and error mapping. Methods that "get" return undefined for a missing object
 * (404 RESOURCE_DOES_NOT_EXIST, or MLflow's 400 for a missing alias); every other failure throws MlflowError.
 */
export function mlflowClient(request: Transport) {
  const mv = (r: { model_version: WireModelVersion }) => r.model_version;
  const rm = (r: { registered_model: WireRegisteredModel }) => r.registered_model;

  async function orUndefined<T>(p: Promise<T>): Promise<T | undefined> {
    try {
      return await p;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Follows `next_page_token` until MLflow stops sending one. */
  async function all<T>(page: (token: string | undefined) => Promise<Page<T>>): Promise<T[]> {
    const out: T[] = [];
    let token: string | undefined;
    do {
      const p = await page(token);
      out.push(...p.items);
      token = p.nextPageToken;
    } while (token);
    return out;
  }

  const client = {
    /** The registered model, with tags, aliases and latest version per stage; undefined if missing. */
    getRegisteredModel: (name: string) =>
      orUndefined(request<{ registered_model: WireRegisteredModel }>({ method: "GET", endpoint: "registered-models/get", query: { name } }).then(rm)),

    /** Creates a registered model; throws MlflowError RESOURCE_ALREADY_EXISTS (HTTP 400) if it exists. */
    createRegisteredModel: (input: { name: string; description?: string; tags?: Record<string, string> }) =>
      request<{ registered_model: WireRegisteredModel }>({
        method: "POST",
        endpoint: "registered-models/create",
        body: { name: input.name, description: input.description, tags: input.tags ? recordToTags(input.tags) : undefined },
      }).then(rm),

    updateRegisteredModel: (input: { name: string; description: string }) =>
      request<{ registered_model: WireRegisteredModel }>({ method: "PATCH", endpoint: "registered-models/update", body: input }).then(rm),

    setRegisteredModelTag: async (input: { name: string; key: string; value: string }) => {
      await request({ method: "POST", endpoint: "registered-models/set-tag", body: input });
    },

    /** One page of registered models; MLflow returns `{}` when nothing matches. */
    searchRegisteredModelsPage: async (opts: SearchOptions & { pageToken?: string } = {}): Promise<Page<WireRegisteredModel>> => {
      const r = await request<{ registered_models?: WireRegisteredModel[]; next_page_token?: string }>({
        method: "GET",
        endpoint: "registered-models/search",
        query: { filter: opts.filter, max_results: opts.maxResults, order_by: opts.orderBy?.join(","), page_token: opts.pageToken },
      });
      return { items: r.registered_models ?? [], nextPageToken: r.next_page_token || undefined };
    },

    /** Every registered model matching, across all pages. */
    searchRegisteredModels: (opts: SearchOptions = {}) => all((pageToken) => client.searchRegisteredModelsPage({ ...opts, pageToken })),

    /**
     * Registers a model version. Not retried automatically: a retried create can register the same
     * artifact twice. Throws RESOURCE_DOES_NOT_EXIST (404) when the registered model is missing.
     */
    createModelVersion: (input: { name: string; source: string; runId?: string; description?: string; tags?: Record<string, string> }) =>
      request<{ model_version: WireModelVersion }>({
        method: "POST",
        endpoint: "model-versions/create",
        retry: false,
        body: {
          name: input.name,
          source: input.source,
          run_id: input.runId,
          description: input.description,
          tags: input.tags ? recordToTags(input.tags) : undefined,
        },
      }).then(mv),

    /** A model version with its tags and aliases; undefined if missing. `version` must be a decimal string. */
    getModelVersion: (name: string, version: string) =>
      orUndefined(request<{ model_version: WireModelVersion }>({ method: "GET", endpoint: "model-versions/get", query: { name, version } }).then(mv)),

    updateModelVersion: (input: { name: string; version: string; description: string }) =>
      request<{ model_version: WireModelVersion }>({ method: "PATCH", endpoint: "model-versions/update", body: input }).then(mv),

    setModelVersionTag: async (input: { name: string; version: string; key: string; value: string }) => {
      await request({ method: "POST", endpoint: "model-versions/set-tag", body: input });
    },

    /** Removes one tag; MLflow answers 200 whether or not it was set. */
    deleteModelVersionTag: async (input: { name: string; version: string; key: string }) => {
      await request({ method: "DELETE", endpoint: "model-versions/delete-tag", body: input });
    },

    /** One page of model versions. Search results carry tags but never aliases (read them from the registered model). */
    searchModelVersionsPage: async (opts: SearchOptions & { pageToken?: string } = {}): Promise<Page<WireModelVersion>> => {
      const r = await request<{ model_versions?: WireModelVersion[]; next_page_token?: string }>({
        method: "GET",
        endpoint: "model-versions/search",
        query: { filter: opts.filter, max_results: opts.maxResults, order_by: opts.orderBy?.join(","), page_token: opts.pageToken },
      });
      return { items: r.model_versions ?? [], nextPageToken: r.next_page_token || undefined };
    },

    searchModelVersions: (opts: SearchOptions = {}) => all((pageToken) => client.searchModelVersionsPage({ ...opts, pageToken })),

    /** Points `alias` at `version` (moving it if set elsewhere). `latest` and `v<number>` are reserved by MLflow. */
    setAlias: async (input: { name: string; alias: string; version: string }) => {
      await request({ method: "POST", endpoint: "registered-models/alias", body: { name: input.name, alias: input.alias, version: String(input.version) } });
    },

    /** Removes an alias; succeeds when the alias was never set. MLflow takes the parameters as a JSON body. */
    deleteAlias: async (input: { name: string; alias: string }) => {
      await request({ method: "DELETE", endpoint: "registered-models/alias", body: input });
    },

    /** The version `alias` points at, or undefined. MLflow answers a missing alias (or model) with 400, not 404. */
    getVersionByAlias: async (name: string, alias: string): Promise<WireModelVersion | undefined> => {
      try {
        return mv(await request<{ model_version: WireModelVersion }>({ method: "GET", endpoint: "registered-models/alias", query: { name, alias } }));
      } catch (err) {
        if (err instanceof MlflowError && err.status === 400 && err.code === "INVALID_PARAMETER_VALUE" && /alias .* not found/i.test(err.message)) return undefined;
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },

    /** Legacy stage transition (deprecated by MLflow in favour of aliases, still served). */
    transitionStage: (input: { name: string; version: string; stage: LegacyStage; archiveExistingVersions?: boolean }) =>
      request<{ model_version: WireModelVersion }>({
        method: "POST",
        endpoint: "model-versions/transition-stage",
        body: { name: input.name, version: input.version, stage: input.stage, archive_existing_versions: input.archiveExistingVersions ?? false },
      }).then(mv),

    /**
     * The artifacts directly under `path` of a run (the run's root when undefined), across all pages.
     * Paths are relative to the run's artifact root. A path that does not exist lists as empty.
     */
    listArtifacts: async (runId: string, path?: string): Promise<{ path: string; is_dir?: boolean; file_size?: number }[]> => {
      const out: { path: string; is_dir?: boolean; file_size?: number }[] = [];
      let pageToken: string | undefined;
      do {
        const r = await request<{ files?: { path: string; is_dir?: boolean; file_size?: number }[]; next_page_token?: string }>({
          method: "GET",
          endpoint: "artifacts/list",
          query: { run_id: runId, path, page_token: pageToken },
        });
        out.push(...(r.files ?? []));
        pageToken = r.next_page_token || undefined;
      } while (pageToken);
      return out;
    },

    /** A run with its params, metrics, tags and artifact URI; undefined if missing. */
    getRun: (runId: string) => orUndefined(request<{ run: WireRun }>({ method: "GET", endpoint: "runs/get", query: { run_id: runId } }).then((r) => r.run)),
  };
  return client;
}

export type MlflowClient = ReturnType<typeof mlflowClient>;

/**
 * A search-filter string literal that MLflow 2.x reads back as exactly `value`, or undefined when
 * there is none. MLflow unescapes nothing: it finds the literal's end with sqlparse (where `\'`
 * and `''` do not end it) and then trims the first and last character (SearchUtils._strip_quotes).
 * So `'a\\b'` means `a\\b`, a value with `'` must go in double quotes, and a value with both
 * quote kinds, or ending in a backslash, cannot be written at all.
 */
export function filterLiteral(value: string): string | undefined {
  if (value.endsWith("\\")) return undefined;
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  return undefined;
}

/**
 * A filter clause selecting the versions of registered model `name`: `name='…'` when MLflow can
 * read the name back exactly, otherwise `name LIKE '…'` with every quote and backslash as the
 * one-character wildcard `_`: a superset, which the caller narrows by comparing `name` itself.
 */
export function nameClause(name: string): { clause: string; exact: boolean } {
  const literal = filterLiteral(name);
  if (literal !== undefined) return { clause: `name=${literal}`, exact: true };
  return { clause: `name LIKE '${name.replace(/['"\\]/g, "_")}'`, exact: false };
}

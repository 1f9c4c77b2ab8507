/**
 * A fake MLflow 2.12 tracking server for tests: node:http on 127.0.0.1, in-memory state, the real
 * wire format (paths, methods, JSON shapes, status codes and quirks of test/fixtures/mlflow, which a
 * contract test replays against it). Covers the model registry, runs and experiments; optional
 * bearer/basic auth; injectable faults (status codes, delays) for retry and partial-failure tests.
 */
import { randomUUID } from "node:crypto";
import { fakeHttpServer, type FakeHttpServer, type RecordedRequest, type Reply } from "./fake-http-server.js";

type Tags = Map<string, string>;

interface FakeVersion {
  version: number;
  creation_timestamp: number;
  last_updated_timestamp: number;
  current_stage: string;
  description: string;
  source: string;
  run_id?: string;
  tags: Tags;
}

interface FakeModel {
  name: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  description: string;
  tags: Tags;
  aliases: Map<string, number>;
  versions: Map<number, FakeVersion>;
  nextVersion: number;
}

interface FakeRun {
  info: { run_uuid: string; experiment_id: string; run_name: string; user_id: string; status: string; start_time?: number; end_time?: number; artifact_uri: string; lifecycle_stage: string; run_id: string };
  metrics: { key: string; value: number; timestamp: number; step: number }[];
  params: Tags;
  tags: Tags;
  /** Artifact file paths relative to the run's artifact root, e.g. "model/MLmodel" (seedRuns gives "model/MLmodel"). */
  artifacts?: Set<string>;
}

interface FakeExperiment {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: string;
  last_update_time: number;
  creation_time: number;
  tags: Tags;
}

/** A fault to inject: answers matching requests with `status` (or delays them) `times` times. */
export interface Fault {
  /** Which requests; default every request. */
  match?: (req: RecordedRequest) => boolean;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Waits this long before answering (normally) — for timeout tests. */
  delayMs?: number;
  /** How many matching requests it hits; default 1. */
  times?: number;
  /** Lets this many matching requests through first; default 0. */
  after?: number;
}

export interface FakeMlflowOptions {
  /** Require `Authorization: Bearer <token>`. */
  token?: string;
  /** Require HTTP basic auth with these credentials. */
  basic?: { username: string; password: string };
  /** Run ids; default random 32-hex. */
  newRunId?: () => string;
  artifactRoot?: string;
}

export interface FakeMlflowServer extends FakeHttpServer {
  /** Adds a fault; faults are consumed in the order added. */
  inject(fault: Fault): void;
  /** Direct access to the state, for seeding and assertions. */
  state: { models: Map<string, FakeModel>; runs: Map<string, FakeRun>; experiments: Map<string, FakeExperiment> };
  /** Seeds a registered model (and versions) without HTTP. Returns the version numbers assigned. */
  seed(name: string, versions?: { source?: string; runId?: string; tags?: Record<string, string>; stage?: string }[], opts?: { description?: string; tags?: Record<string, string>; aliases?: Record<string, number> }): number[];
  /**
   * Seeds runs in the default experiment (id "0"), FINISHED and active with a `model/` artifact unless
   * told otherwise, so versions can be registered from them.
   */
  seedRuns(runIds: string[], opts?: { status?: string; lifecycleStage?: string; artifacts?: string[] }): void;
  /** Requests that change state (everything but GET), in order. */
  writes(): RecordedRequest[];
  /** Resolves once no request is being handled (a delayed fault included): wait for this, not a fixed time. */
  idle(): Promise<void>;
}

const HTML_404 = '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n';
const HTML_405 = '<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n';
const HTML = "text/html; charset=utf-8";
const STAGES = ["None", "Staging", "Production", "Archived"];

class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}
const invalid = (message: string) => new ApiError(400, "INVALID_PARAMETER_VALUE", message);
const missing = (message: string) => new ApiError(404, "RESOURCE_DOES_NOT_EXIST", message);
const missingParam = (p: string) => invalid(`Missing value for required parameter '${p}'. See the API docs for more information about request parameters.`);
const pyType = (v: unknown) => (typeof v === "number" ? (Number.isInteger(v) ? "int" : "float") : typeof v === "boolean" ? "bool" : Array.isArray(v) ? "list" : v === null ? "NoneType" : typeof v === "object" ? "dict" : "str");
const badType = (p: string, v: unknown) =>
  invalid(`Invalid value ${typeof v === "object" ? JSON.stringify(v) : String(v)} for parameter '${p}' supplied. Hint: Value was of type '${pyType(v)}'. See the API docs for more information about request parameters.`);

type Params = Record<string, unknown>;
type EndpointFn = (p: Params) => unknown;

/** Starts the fake on an ephemeral loopback port. Close it with `await using` or `close()`. */
export async function fakeMlflowServer(opts: FakeMlflowOptions = {}): Promise<FakeMlflowServer> {
  const models = new Map<string, FakeModel>();
  const runs = new Map<string, FakeRun>();
  const experiments = new Map<string, FakeExperiment>();
  const faults: (Fault & { seen: number; hits: number })[] = [];
  const newRunId = opts.newRunId ?? (() => randomUUID().replace(/-/g, ""));
  const artifactRoot = opts.artifactRoot ?? "/srv/mlflow/artifacts";
  let lastTs = 0;
  const now = () => (lastTs = Math.max(lastTs + 1, Date.now()));
  experiments.set("0", { experiment_id: "0", name: "Default", artifact_location: `${artifactRoot}/0`, lifecycle_stage: "active", last_update_time: now(), creation_time: lastTs, tags: new Map() });

  // ---- parameter helpers -------------------------------------------------------------------
  const str = (p: Params, k: string, required = true): string | undefined => {
    const v = p[k];
    if (v === undefined || v === null || v === "") {
      if (required) throw missingParam(k);
      return undefined;
    }
    if (typeof v !== "string") throw badType(k, v);
    return v;
  };
  const int = (p: Params, k: string, max: number, dflt: number): number => {
    const v = p[k];
    if (v === undefined || v === "") return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > max) throw badType(k, v);
    return n;
  };
  const tagList = (p: Params, k = "tags"): Tags => {
    const out: Tags = new Map();
    const v = p[k];
    if (v === undefined) return out;
    if (!Array.isArray(v)) throw badType(k, v);
    for (const t of v as { key?: unknown; value?: unknown }[]) {
      if (typeof t?.key !== "string") throw missingParam("key");
      out.set(t.key, t.value === undefined ? "" : String(t.value));
    }
    return out;
  };
  const wireTags = (t: Tags) => (t.size === 0 ? undefined : [...t].map(([key, value]) => ({ key, value })));
  const model = (name: string) => {
    const m = models.get(name);
    if (!m) throw missing(`Registered Model with name=${name} not found`);
    return m;
  };
  const versionNumber = (p: Params): number => {
    const v = p.version;
    if (v === undefined || v === "") throw missingParam("version");
    if (typeof v !== "string") throw badType("version", v);
    if (!/^\d+$/.test(v)) throw invalid(`Model version must be an integer, got '${v}'`);
    return Number(v);
  };
  const version = (p: Params): [FakeModel, FakeVersion] => {
    const name = str(p, "name")!;
    const n = versionNumber(p);
    const m = models.get(name);
    const v = m?.versions.get(n);
    if (!m || !v) throw missing(`Model Version (name=${name}, version=${n}) not found`);
    return [m, v];
  };
  const pageToken = (p: Params): number => {
    const t = p.page_token;
    if (t === undefined || t === "") return 0;
    try {
      const decoded = Buffer.from(String(t), "base64").toString("utf8");
      if (Buffer.from(decoded, "utf8").toString("base64") !== String(t)) throw new Error("not base64");
      const offset = (JSON.parse(decoded) as { offset?: unknown }).offset;
      if (typeof offset !== "number" || offset < 0) throw new Error("no offset");
      return offset;
    } catch {
      throw invalid("Invalid page token, could not base64-decode");
    }
  };
  const page = <T>(items: T[], offset: number, size: number) => {
    const slice = items.slice(offset, offset + size);
    const next = offset + size < items.length ? Buffer.from(JSON.stringify({ offset: offset + size }).replace(":", ": ")).toString("base64") : undefined;
    return { slice, next };
  };

  // ---- serialization (MLflow omits empty lists and unset fields) ------------------------------
  const mvJson = (m: FakeModel, v: FakeVersion, withAliases: boolean) => {
    const aliases = [...m.aliases].filter(([, n]) => n === v.version).map(([a]) => a).sort();
    return {
      name: m.name,
      version: String(v.version),
      creation_timestamp: v.creation_timestamp,
      last_updated_timestamp: v.last_updated_timestamp,
      current_stage: v.current_stage,
      description: v.description,
      source: v.source,
      ...(v.run_id !== undefined ? { run_id: v.run_id } : {}),
      status: "READY",
      ...(v.tags.size ? { tags: wireTags(v.tags) } : {}),
      run_link: "",
      ...(withAliases && aliases.length ? { aliases } : {}),
    };
  };
  const latest = (m: FakeModel, stages?: string[]) => {
    const byStage = new Map<string, FakeVersion>();
    for (const v of m.versions.values()) {
      const cur = byStage.get(v.current_stage);
      if (!cur || v.version > cur.version) byStage.set(v.current_stage, v);
    }
    const wanted = stages?.length ? stages.map((s) => canonicalStage(s)) : undefined;
    return [...byStage.values()].filter((v) => !wanted || wanted.includes(v.current_stage)).sort((a, b) => a.version - b.version);
  };
  const rmJson = (m: FakeModel) => {
    const lv = latest(m);
    const aliases = [...m.aliases].sort(([a], [b]) => a.localeCompare(b)).map(([alias, n]) => ({ alias, version: String(n) }));
    return {
      name: m.name,
      creation_timestamp: m.creation_timestamp,
      last_updated_timestamp: m.last_updated_timestamp,
      ...(m.description ? { description: m.description } : {}),
      ...(lv.length ? { latest_versions: lv.map((v) => mvJson(m, v, false)) } : {}),
      ...(m.tags.size ? { tags: wireTags(m.tags) } : {}),
      ...(aliases.length ? { aliases } : {}),
    };
  };
  const runJson = (r: FakeRun) => {
    const latestMetric = new Map<string, FakeRun["metrics"][number]>();
    for (const x of r.metrics) {
      const cur = latestMetric.get(x.key);
      if (!cur || x.step > cur.step || (x.step === cur.step && x.timestamp >= cur.timestamp)) latestMetric.set(x.key, x);
    }
    const data: Record<string, unknown> = {};
    // As the issue observed against MLflow 2.12 with a SQL store: +Inf comes back as the largest double;
    // NaN goes out as proto3 JSON writes a non-finite double, the string "NaN".
    const wire = (v: number) => (Number.isNaN(v) ? "NaN" : v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : v);
    if (latestMetric.size) data.metrics = [...latestMetric.values()].map((m) => ({ ...m, value: wire(m.value) }));
    if (r.params.size) data.params = wireTags(r.params);
    if (r.tags.size) data.tags = wireTags(r.tags);
    return { info: { ...r.info }, data, inputs: {} };
  };
  const run = (p: Params) => {
    const id = str(p, "run_id")!;
    const r = runs.get(id);
    if (!r) throw missing(`Run with id=${id} not found`);
    return r;
  };
  const logParam = (r: FakeRun, key: string, value: string) => {
    const cur = r.params.get(key);
    if (cur !== undefined && cur !== value) {
      throw invalid(`Changing param values is not allowed. Param with key='${key}' was already logged with value='${cur}' for run ID='${r.info.run_id}'. Attempted logging new value '${value}'.`);
    }
    r.params.set(key, value);
  };
  const logMetric = (r: FakeRun, m: Params) => {
    if (typeof m.value !== "number") throw badType("value", m.value);
    r.metrics.push({ key: String(m.key), value: m.value, timestamp: Number(m.timestamp ?? now()), step: Number(m.step ?? 0) });
  };

  // ---- model version search filter: clauses joined by AND -------------------------------------
  const mvFilter = (filter: string | undefined) => {
    const clauses = (filter ?? "").trim() === "" ? [] : splitAnd(filter!);
    const tests = clauses.map((c) => {
      const m = /^\s*([\w.`"]+)\s*(=|!=|LIKE|ILIKE|IN)\s*(.+?)\s*$/i.exec(c);
      if (!m) throw invalid(`Invalid filter '${filter}'`);
      const key = m[1]!.replace(/[`"]/g, "");
      const op = m[2]!.toUpperCase();
      const lit = m[3]!;
      const values = op === "IN" ? [...lit.matchAll(/'(?:''|\\\\|\\'|[^'])*'|"(?:""|\\\\|\\"|[^"])*"/g)].map((x) => unquote(x[0])) : [unquote(lit)];
      let get: (m: FakeModel, v: FakeVersion) => string | undefined;
      if (key.startsWith("tags.") || key.startsWith("tag.")) {
        const tag = key.slice(key.indexOf(".") + 1);
        get = (_m, v) => v.tags.get(tag);
      } else if (key === "name") get = (m) => m.name;
      else if (key === "run_id") get = (_m, v) => v.run_id;
      else if (key === "source_path") get = (_m, v) => v.source;
      else if (key === "version_number") get = (_m, v) => String(v.version);
      else throw invalid(`Invalid attribute key '${key}' specified. Valid keys are '{'run_id', 'name', 'source_path', 'version_number'}'`);
      return (mm: FakeModel, v: FakeVersion) => compare(get(mm, v), op, values);
    });
    return (m: FakeModel, v: FakeVersion) => tests.every((t) => t(m, v));
  };
  const rmFilter = (filter: string | undefined) => {
    if (!filter || filter.trim() === "") return () => true;
    const tests = splitAnd(filter).map((c) => {
      const m = /^\s*(name|tags\.[\w.-]+)\s*(=|!=|LIKE|ILIKE)\s*(.+?)\s*$/i.exec(c);
      if (!m) throw invalid(`Invalid filter '${filter}'`);
      const key = m[1]!;
      const op = m[2]!.toUpperCase();
      const value = unquote(m[3]!);
      return (rm: FakeModel) => compare(key === "name" ? rm.name : rm.tags.get(key.slice(5)), op, [value]);
    });
    return (rm: FakeModel) => tests.every((t) => t(rm));
  };

  // ---- endpoints ---------------------------------------------------------------------------
  const GET = "GET";
  const POST = "POST";
  const endpoints: Record<string, Record<string, EndpointFn>> = {
    "experiments/create": {
      [POST]: (p) => {
        const name = str(p, "name")!;
        if ([...experiments.values()].some((e) => e.name === name)) throw new ApiError(400, "RESOURCE_ALREADY_EXISTS", `Experiment(name=${name}) already exists.`);
        const id = String(Math.max(...[...experiments.keys()].map(Number)) + 1);
        experiments.set(id, { experiment_id: id, name, artifact_location: `${artifactRoot}/${id}`, lifecycle_stage: "active", last_update_time: now(), creation_time: lastTs, tags: tagList(p) });
        return { experiment_id: id };
      },
    },
    "experiments/get-by-name": {
      [GET]: (p) => {
        const name = str(p, "experiment_name")!;
        const e = [...experiments.values()].find((x) => x.name === name);
        if (!e) throw missing(`Could not find experiment with name '${name}'`);
        return { experiment: expJson(e) };
      },
    },
    "experiments/get": {
      [GET]: (p) => {
        const id = str(p, "experiment_id")!;
        const e = experiments.get(id);
        if (!e) throw missing(`No Experiment with id=${id} exists`);
        return { experiment: expJson(e) };
      },
    },
    "runs/create": {
      [POST]: (p) => {
        const expId = str(p, "experiment_id", false) ?? "0";
        if (!experiments.has(expId)) throw missing(`No Experiment with id=${expId} exists`);
        const id = newRunId();
        const tags = tagList(p);
        const runName = str(p, "run_name", false) ?? tags.get("mlflow.runName") ?? `run-${id.slice(0, 6)}`;
        tags.set("mlflow.runName", runName);
        const r: FakeRun = {
          info: { run_uuid: id, experiment_id: expId, run_name: runName, user_id: "", status: "RUNNING", start_time: Number(p.start_time ?? now()), artifact_uri: `${artifactRoot}/${expId}/${id}/artifacts`, lifecycle_stage: "active", run_id: id },
          metrics: [],
          params: new Map(),
          tags,
        };
        runs.set(id, r);
        return { run: { info: { ...r.info }, data: { tags: wireTags(r.tags) } } };
      },
    },
    "runs/log-metric": { [POST]: (p) => (logMetric(run(p), p), {}) },
    "runs/log-parameter": { [POST]: (p) => (logParam(run(p), str(p, "key")!, String(p.value ?? "")), {}) },
    "runs/set-tag": { [POST]: (p) => (run(p).tags.set(str(p, "key")!, String(p.value ?? "")), {}) },
    "runs/log-batch": {
      [POST]: (p) => {
        const r = run(p);
        for (const m of (p.metrics as Params[] | undefined) ?? []) logMetric(r, m);
        for (const x of (p.params as Params[] | undefined) ?? []) logParam(r, String(x.key), String(x.value));
        for (const [k, v] of tagList(p)) r.tags.set(k, v);
        return {};
      },
    },
    "runs/update": {
      [POST]: (p) => {
        const r = run(p);
        if (p.status !== undefined) r.info.status = String(p.status);
        if (p.end_time !== undefined) r.info.end_time = Number(p.end_time);
        const { start_time, end_time, ...rest } = r.info;
        return { run_info: { ...rest, start_time, ...(end_time !== undefined ? { end_time } : {}), artifact_uri: r.info.artifact_uri, lifecycle_stage: r.info.lifecycle_stage, run_id: r.info.run_id } };
      },
    },
    "runs/get": { [GET]: (p) => ({ run: runJson(run(p)) }) },
    // runs/delete and runs/restore flip lifecycle_stage; runs/get still answers for a deleted run.
    "runs/delete": { [POST]: (p) => ((run(p).info.lifecycle_stage = "deleted"), {}) },
    "runs/restore": { [POST]: (p) => ((run(p).info.lifecycle_stage = "active"), {}) },
    // As MLflow's REST reference: the entries directly under `path` ({path, is_dir, file_size}), paths
    // relative to the run's root; a path that does not exist (or is a file) lists as `{root_uri}` only.
    "artifacts/list": {
      [GET]: (p) => {
        const id = str(p, "run_id", false) ?? str(p, "run_uuid", false);
        if (!id) throw missingParam("run_id");
        const r = runs.get(id);
        if (!r) throw missing(`Run with id=${id} not found`);
        const base = (str(p, "path", false) ?? "").replace(/^\/+|\/+$/g, "");
        const prefix = base ? `${base}/` : "";
        const entries = new Map<string, { path: string; is_dir: boolean; file_size?: number }>();
        for (const f of r.artifacts ?? []) {
          if (!f.startsWith(prefix)) continue;
          const rest = f.slice(prefix.length);
          const head = rest.split("/")[0]!;
          const isDir = rest.includes("/");
          entries.set(head, isDir ? { path: `${prefix}${head}`, is_dir: true } : { path: `${prefix}${head}`, is_dir: false, file_size: 128 });
        }
        const files = [...entries.values()].sort((a, b) => a.path.localeCompare(b.path));
        return { root_uri: r.info.artifact_uri, ...(files.length ? { files } : {}) };
      },
    },
    "runs/search": {
      [POST]: (p) => {
        const ids = (p.experiment_ids as string[] | undefined) ?? [];
        const test = runFilter(typeof p.filter === "string" ? p.filter : "");
        const found = [...runs.values()].filter((r) => (ids.length === 0 || ids.includes(r.info.experiment_id)) && test(r));
        return found.length ? { runs: found.map(runJson) } : {};
      },
    },
    "metrics/get-history": {
      [GET]: (p) => {
        const r = run(p);
        const key = str(p, "metric_key")!;
        const ms = r.metrics.filter((m) => m.key === key);
        return ms.length ? { metrics: ms } : {};
      },
    },
    "registered-models/create": {
      [POST]: (p) => {
        const name = str(p, "name")!;
        if (models.has(name)) throw new ApiError(400, "RESOURCE_ALREADY_EXISTS", `Registered Model (name=${name}) already exists.`);
        const ts = now();
        const m: FakeModel = { name, creation_timestamp: ts, last_updated_timestamp: ts, description: str(p, "description", false) ?? "", tags: tagList(p), aliases: new Map(), versions: new Map(), nextVersion: 1 };
        models.set(name, m);
        return { registered_model: rmJson(m) };
      },
    },
    "registered-models/get": { [GET]: (p) => ({ registered_model: rmJson(model(str(p, "name")!)) }) },
    "registered-models/update": {
      PATCH: (p) => {
        const m = model(str(p, "name")!);
        if (p.description !== undefined) m.description = String(p.description);
        m.last_updated_timestamp = now();
        return { registered_model: rmJson(m) };
      },
    },
    "registered-models/rename": {
      [POST]: (p) => {
        const m = model(str(p, "name")!);
        const to = str(p, "new_name")!;
        if (models.has(to)) throw new ApiError(400, "RESOURCE_ALREADY_EXISTS", `Registered Model (name=${to}) already exists.`);
        models.delete(m.name);
        m.name = to;
        m.last_updated_timestamp = now();
        models.set(to, m);
        return { registered_model: rmJson(m) };
      },
    },
    "registered-models/delete": { DELETE: (p) => (models.delete(model(str(p, "name")!).name), {}) },
    "registered-models/set-tag": {
      [POST]: (p) => {
        const m = model(str(p, "name")!);
        m.tags.set(str(p, "key")!, String(p.value ?? ""));
        return {};
      },
    },
    "registered-models/delete-tag": { DELETE: (p) => (model(str(p, "name")!).tags.delete(str(p, "key")!), {}) },
    "registered-models/search": {
      [GET]: (p) => {
        const size = int(p, "max_results", 1000, 100);
        const offset = pageToken(p);
        const test = rmFilter(p.filter as string | undefined);
        const desc = /\bDESC\b/i.test(String(p.order_by ?? ""));
        const all = [...models.values()].filter(test).sort((a, b) => (desc ? b.name.localeCompare(a.name) : a.name.localeCompare(b.name)));
        const { slice, next } = page(all, offset, size);
        return { ...(slice.length ? { registered_models: slice.map(rmJson) } : {}), ...(next ? { next_page_token: next } : {}) };
      },
    },
    "registered-models/get-latest-versions": {
      [GET]: (p) => latestJson(p),
      [POST]: (p) => latestJson(p),
    },
    "registered-models/alias": {
      [POST]: (p) => {
        const name = str(p, "name")!;
        const alias = str(p, "alias")!;
        const n = versionNumber(p);
        checkAlias(alias);
        const m = model(name);
        if (!m.versions.has(n)) throw missing(`Model Version (name=${name}, version=${n}) not found`);
        m.aliases.set(alias, n);
        m.last_updated_timestamp = now();
        return {};
      },
      DELETE: (p) => {
        const m = model(str(p, "name")!);
        m.aliases.delete(str(p, "alias")!);
        return {};
      },
      [GET]: (p) => {
        const name = str(p, "name")!;
        const alias = str(p, "alias")!;
        const m = models.get(name);
        const n = m?.aliases.get(alias);
        const v = n === undefined ? undefined : m!.versions.get(n);
        if (!m || !v) throw invalid(`Registered model alias ${alias} not found.`);
        return { model_version: mvJson(m, v, true) };
      },
    },
    "model-versions/create": {
      [POST]: (p) => {
        const name = str(p, "name")!;
        const source = str(p, "source")!;
        const runId = str(p, "run_id", false);
        if (/^(file:|\/)/.test(source)) {
          const path = source.replace(/^file:\/\//, "");
          const r = runId ? runs.get(runId) : undefined;
          if (!r || !path.startsWith(r.info.artifact_uri)) {
            throw invalid(`Invalid model version source: '${path}'. To use a local path as a model version source, the run_id request parameter has to be specified and the local path has to be contained within the artifact directory of the run specified by the run_id.`);
          }
        }
        const m = model(name);
        const ts = now();
        const v: FakeVersion = { version: m.nextVersion++, creation_timestamp: ts, last_updated_timestamp: ts, current_stage: "None", description: str(p, "description", false) ?? "", source, run_id: runId, tags: tagList(p) };
        m.versions.set(v.version, v);
        m.last_updated_timestamp = ts;
        return { model_version: mvJson(m, v, false) };
      },
    },
    "model-versions/get": { [GET]: (p) => ({ model_version: mvJson(...version(p), true) }) },
    "model-versions/update": {
      PATCH: (p) => {
        const [m, v] = version(p);
        if (p.description !== undefined) v.description = String(p.description);
        v.last_updated_timestamp = now();
        return { model_version: mvJson(m, v, true) };
      },
    },
    "model-versions/delete": {
      DELETE: (p) => {
        const [m, v] = version(p);
        m.versions.delete(v.version);
        for (const [a, n] of m.aliases) if (n === v.version) m.aliases.delete(a);
        m.last_updated_timestamp = now();
        return {};
      },
    },
    "model-versions/set-tag": { [POST]: (p) => (version(p)[1].tags.set(str(p, "key")!, String(p.value ?? "")), {}) },
    "model-versions/delete-tag": { DELETE: (p) => (version(p)[1].tags.delete(str(p, "key")!), {}) },
    "model-versions/get-download-uri": { [GET]: (p) => ({ artifact_uri: version(p)[1].source }) },
    "model-versions/transition-stage": {
      [POST]: (p) => {
        const [m, v] = version(p);
        const stage = canonicalStage(str(p, "stage")!);
        if (!stage) throw invalid(`Invalid Model Version stage: ${String(p.stage)}. Value must be one of None, Staging, Production, Archived.`);
        const ts = now();
        if (p.archive_existing_versions === true && (stage === "Staging" || stage === "Production")) {
          for (const o of m.versions.values()) if (o !== v && o.current_stage === stage) ((o.current_stage = "Archived"), (o.last_updated_timestamp = ts));
        }
        v.current_stage = stage;
        v.last_updated_timestamp = ts;
        return { model_version: mvJson(m, v, true) };
      },
    },
    "model-versions/search": {
      [GET]: (p) => {
        const size = int(p, "max_results", 200_000, 10_000);
        const offset = pageToken(p);
        const test = mvFilter(p.filter as string | undefined);
        const all: [FakeModel, FakeVersion][] = [];
        for (const m of models.values()) for (const v of m.versions.values()) if (test(m, v)) all.push([m, v]);
        const order = String(p.order_by ?? "");
        all.sort(([am, a], [bm, b]) =>
          /version_number/i.test(order)
            ? (/DESC/i.test(order) ? -1 : 1) * (a.version - b.version) || am.name.localeCompare(bm.name)
            : b.last_updated_timestamp - a.last_updated_timestamp || am.name.localeCompare(bm.name) || b.version - a.version,
        );
        const { slice, next } = page(all, offset, size);
        return { ...(slice.length ? { model_versions: slice.map(([m, v]) => mvJson(m, v, false)) } : {}), ...(next ? { next_page_token: next } : {}) };
      },
    },
  };

  function latestJson(p: Params) {
    const m = model(str(p, "name")!);
    const lv = latest(m, p.stages as string[] | undefined);
    return lv.length ? { model_versions: lv.map((v) => mvJson(m, v, false)) } : {};
  }
  function expJson(e: FakeExperiment) {
    const { tags, ...rest } = e;
    return { ...rest, ...(tags.size ? { tags: wireTags(tags) } : {}) };
  }
  function checkAlias(alias: string) {
    if (alias.toLowerCase() === "latest") throw invalid("'latest' alias name (case insensitive) is reserved.");
    if (/^v\d+$/i.test(alias)) throw invalid(`Version alias name '${alias}' is reserved.`);
  }

  // ---- HTTP glue ---------------------------------------------------------------------------
  function authorized(req: RecordedRequest): boolean {
    const header = req.headers.authorization;
    if (opts.token !== undefined) return header === `Bearer ${opts.token}`;
    if (opts.basic) return header === `Basic ${Buffer.from(`${opts.basic.username}:${opts.basic.password}`).toString("base64")}`;
    return true;
  }

  async function handle(req: RecordedRequest): Promise<Reply> {
    for (const f of faults) {
      if (f.hits >= (f.times ?? 1) || (f.match && !f.match(req))) continue;
      if (f.seen++ < (f.after ?? 0)) continue;
      f.hits++;
      if (f.delayMs) await new Promise((r) => setTimeout(r, f.delayMs));
      if (f.status !== undefined) return { status: f.status, body: f.body ?? { error_code: "INTERNAL_ERROR", message: "injected fault" }, headers: f.headers };
      break;
    }
    if (req.path === "/health") return { status: 200, body: "OK", contentType: HTML };
    if (req.path === "/version") return { status: 200, body: "2.12.2", contentType: HTML };
    const m = /^\/(?:api|ajax-api)\/2\.0\/mlflow\/(.+)$/.exec(req.path);
    const endpoint = m ? endpoints[m[1]!] : undefined;
    if (!endpoint) return { status: 404, body: HTML_404, contentType: HTML };
    const fn = endpoint[req.method];
    if (!fn) return { status: 405, body: HTML_405, contentType: HTML };
    if (!authorized(req)) return { status: 401, body: { error_code: "UNAUTHENTICATED", message: "You are not authenticated. Please provide valid credentials." }, headers: { "www-authenticate": 'Basic realm="mlflow"' } };
    try {
      let params: Params;
      if (req.method === "GET") {
        params = Object.fromEntries(req.query);
      } else {
        const ct = String(req.headers["content-type"] ?? "");
        if (req.body !== "" && !ct.startsWith("application/json")) throw invalid("Bad Request. Content-Type must be one of ['application/json'].");
        try {
          const parsed: unknown = req.body === "" ? {} : JSON.parse(req.body);
          params = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Params) : {};
        } catch {
          params = {};
        }
      }
      return { status: 200, body: fn(params) };
    } catch (err) {
      if (err instanceof ApiError) return { status: err.status, body: { error_code: err.code, message: err.message } };
      throw err;
    }
  }

  // Requests being handled, and who waits for none to be.
  let busy = 0;
  const idleWaiters: (() => void)[] = [];
  async function tracked(req: RecordedRequest): Promise<Reply> {
    busy++;
    try {
      return await handle(req);
    } finally {
      if (--busy === 0) for (const w of idleWaiters.splice(0)) w();
    }
  }

  const http = await fakeHttpServer(tracked);
  const server: FakeMlflowServer = Object.assign(http, {
    inject(fault: Fault) {
      faults.push({ ...fault, seen: 0, hits: 0 });
    },
    state: { models, runs, experiments },
    seed(name: string, versions: Parameters<FakeMlflowServer["seed"]>[1] = [], o: Parameters<FakeMlflowServer["seed"]>[2] = {}) {
      const ts = now();
      const m: FakeModel = models.get(name) ?? { name, creation_timestamp: ts, last_updated_timestamp: ts, description: o.description ?? "", tags: new Map(Object.entries(o.tags ?? {})), aliases: new Map(), versions: new Map(), nextVersion: 1 };
      models.set(name, m);
      const numbers = versions.map((v) => {
        const n = m.nextVersion++;
        m.versions.set(n, { version: n, creation_timestamp: now(), last_updated_timestamp: lastTs, current_stage: v.stage ?? "None", description: "", source: v.source ?? `s3://seed/${name}/${n}`, run_id: v.runId, tags: new Map(Object.entries(v.tags ?? {})) });
        return n;
      });
      for (const [a, n] of Object.entries(o.aliases ?? {})) m.aliases.set(a, n);
      return numbers;
    },
    seedRuns(runIds: string[], o: Parameters<FakeMlflowServer["seedRuns"]>[1] = {}) {
      for (const id of runIds) {
        if (runs.has(id)) continue;
        runs.set(id, {
          info: { run_uuid: id, experiment_id: "0", run_name: `run-${id.slice(0, 6)}`, user_id: "", status: "FINISHED", start_time: now(), end_time: now(), artifact_uri: `${artifactRoot}/0/${id}/artifacts`, lifecycle_stage: "active", run_id: id },
          metrics: [],
          params: new Map(),
          tags: new Map([["mlflow.runName", `run-${id.slice(0, 6)}`]]),
          artifacts: new Set(o.artifacts ?? ["model/MLmodel", "model/model.pkl"]),
        });
        if (o.status) runs.get(id)!.info.status = o.status;
        if (o.lifecycleStage) runs.get(id)!.info.lifecycle_stage = o.lifecycleStage;
      }
    },
    writes: () => http.requests.filter((r) => r.method !== "GET"),
    idle: () => (busy === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
  });
  return server;
}

function canonicalStage(s: string): string {
  return STAGES.find((x) => x.toLowerCase() === s.toLowerCase()) ?? "";
}

/**
 * String literals as MLflow 2.12 reads them: sqlparse finds their ends with
 * `'(''|\\\\|\\'|[^'])*'` (and the same for `"`), then SearchUtils._strip_quotes only trims the
 * first and last character. Nothing inside is unescaped: `'it\'s'` compares as `it\'s`, `'a\\b'`
 * as `a\\b`. A value holding `'` can only be written in double quotes (as MLflow's own UI does).
 */
const LITERAL = /'(?:''|\\\\|\\'|[^'])*'|"(?:""|\\\\|\\"|[^"])*"/y;

/** Splits a filter on AND outside string literals (sqlparse's tokenization, greedy with backtracking). */
function splitAnd(filter: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < filter.length; ) {
    const ch = filter[i]!;
    if (ch === "'" || ch === '"') {
      LITERAL.lastIndex = i;
      const m = LITERAL.exec(filter);
      if (!m) throw invalid(`Invalid filter '${filter}': unterminated string`);
      i += m[0].length;
      continue;
    }
    const and = /^\s+and\s+/i.exec(filter.slice(i));
    if (and && i > start) {
      out.push(filter.slice(start, i));
      i += and[0].length;
      start = i;
      continue;
    }
    i++;
  }
  out.push(filter.slice(start));
  return out;
}

function unquote(lit: string): string {
  const t = lit.trim();
  if (t.length >= 2 && ((t.startsWith("'") && t.endsWith("'")) || (t.startsWith('"') && t.endsWith('"')))) return t.slice(1, -1);
  throw new ApiError(400, "INVALID_PARAMETER_VALUE", `Parameter value is either not quoted or unidentified quote types used for string value ${t}. Use either single or double quotes.`);
}

function compare(actual: string | undefined, op: string, values: string[]): boolean {
  if (actual === undefined) return op === "!=";
  const v = values[0] ?? "";
  switch (op) {
    case "=":
      return actual === v;
    case "!=":
      return actual !== v;
    case "IN":
      return values.includes(actual);
    case "LIKE":
    case "ILIKE": {
      const re = new RegExp(`^${v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*").replace(/_/g, ".")}$`, op === "ILIKE" ? "is" : "s");
      return re.test(actual);
    }
    default:
      return false;
  }
}

function runFilter(filter: string): (r: FakeRun) => boolean {
  if (filter.trim() === "") return () => true;
  const tests = splitAnd(filter).map((c) => {
    const m = /^\s*(metrics|params|tags)\.([\w.-]+)\s*(>=|<=|!=|=|>|<)\s*(.+?)\s*$/.exec(c);
    if (!m) return () => true;
    const [, kind, key, op, lit] = m as unknown as [string, string, string, string, string];
    return (r: FakeRun) => {
      if (kind === "metrics") {
        const last = r.metrics.filter((x) => x.key === key).at(-1);
        if (!last) return false;
        const n = Number(lit);
        return op === ">" ? last.value > n : op === "<" ? last.value < n : op === ">=" ? last.value >= n : op === "<=" ? last.value <= n : op === "=" ? last.value === n : last.value !== n;
      }
      const actual = (kind === "params" ? r.params : r.tags).get(key);
      return compare(actual, op, [unquote(lit)]);
    };
  });
  return (r) => tests.every((t) => t(r));
}

import { Document, isMap, isScalar, Scalar } from "yaml";
import { API_VERSION } from "../types.js";
import { SCHEMA_BASE } from "../init/starter-layout.js";
import type { VersionDraft } from "./build-version-draft.js";

const MODEL_SCHEMA = /^# yaml-language-server: \$schema=(\S*)model\.schema\.json[ \t]*$/m;

/**
 * The yaml-language-server reference a new version file gets, following its model.yaml's: the same
 * published URL, or the same schemas folder one level further up (a version file sits in versions/).
 * A model.yaml without one (or with another schema) gets the published URL, never a path into a
 * schemas/ folder the repository may not have. Pure.
 */
export function versionSchemaRef(modelYaml: string | undefined): string {
  const prefix = modelYaml === undefined ? undefined : MODEL_SCHEMA.exec(modelYaml)?.[1];
  if (prefix === undefined || prefix === "" || prefix.startsWith("/")) return `${SCHEMA_BASE}/model-version.schema.json`;
  const relative = !/^[a-z][a-z0-9+.-]*:/i.test(prefix);
  return `${relative ? `../${prefix}` : prefix}model-version.schema.json`;
}
const FLOW_KEYS = ["mlflow", "artifact", "framework", "metrics", "lineage"];
/** Above this many metrics, `metrics` is written one per line. */
const FLOW_METRICS_MAX = 6;

/**
 * The draft as a ModelVersion file in the layout of the sample files: the yaml-language-server
 * schema comment (`schemaRef`, see versionSchemaRef; default the published URL), then apiVersion, kind, model, version, createdAt, mlflow, artifact, image,
 * framework, metrics, lineage, notes; small maps in flow style; version labels, dates and
 * commits double-quoted so no YAML reader takes them for numbers or timestamps. Pure.
 */
export function renderVersionYaml(d: VersionDraft, schemaRef: string = versionSchemaRef(undefined)): string {
  const body: Record<string, unknown> = { apiVersion: API_VERSION, kind: "ModelVersion", model: d.model, version: d.version };
  if (d.createdAt) body.createdAt = d.createdAt;
  body.mlflow = { runId: d.runId };
  if (d.artifact) body.artifact = d.artifact.kind === "file" ? { dvc: d.artifact.dvc } : withoutKind(d.artifact);
  if (d.image) body.image = d.image;
  if (d.framework) body.framework = d.framework;
  if (Object.keys(d.metrics).length) body.metrics = d.metrics;
  if (d.lineage.parent || d.lineage.commit) body.lineage = d.lineage;
  if (d.notes) body.notes = d.notes;

  const doc = new Document(body);
  for (const key of FLOW_KEYS) {
    const node = doc.get(key, true);
    if (isMap(node)) node.flow = key !== "metrics" || node.items.length <= FLOW_METRICS_MAX;
  }
  for (const path of [["version"], ["createdAt"], ["lineage", "parent"], ["lineage", "commit"], ["framework", "version"]]) {
    const node = doc.getIn(path, true);
    if (isScalar(node)) node.type = Scalar.QUOTE_DOUBLE;
  }
  return `# yaml-language-server: $schema=${schemaRef}\n${doc.toString({ lineWidth: 0 })}`;
}

function withoutKind<T extends { kind: string }>(ref: T): Omit<T, "kind"> {
  const { kind: _kind, ...rest } = ref;
  return rest;
}

/**
 * The model and version drafts of `steward import` as YAML in the layout of the sample files and
 * of `steward init`: the editor's schema comment, small maps in flow style, versions quoted so no
 * reader takes them for numbers. Placeholder fields carry a comment saying so. Pure.
 */
import { Document, isMap, isScalar, isSeq, Scalar, type Node } from "yaml";
import { SCHEMA_BASE } from "../init/starter-layout.js";
import { API_VERSION } from "../types.js";
import type { ModelDraft, VersionDraftOut } from "./import-types.js";

const quoted = (doc: Document, path: (string | number)[]) => {
  const node = doc.getIn(path, true);
  if (isScalar(node)) node.type = Scalar.QUOTE_DOUBLE;
};
const flow = (doc: Document, path: (string | number)[]) => {
  const node = doc.getIn(path, true);
  if (isMap(node) || isSeq(node)) node.flow = true;
};

/** models/<name>/model.yaml for `m`. */
export function renderModelYaml(m: ModelDraft): string {
  const body: Record<string, unknown> = { apiVersion: API_VERSION, kind: "Model", name: m.name, description: m.description, owners: m.owners, task: m.task, policy: m.policy };
  if (Object.keys(m.tags).length) body.tags = m.tags;
  if (m.registry) {
    const r = m.registry.mlflow;
    body.registry = { mlflow: { name: r.name, ...(r.noAliases ? { aliases: false } : Object.keys(r.aliases).length ? { aliases: r.aliases } : {}), ...(r.legacyStages ? { legacyStages: true } : {}) } };
  }
  body.stages = Object.fromEntries(Object.entries(m.stages).map(([stage, variants]) => [stage, variants.length === 1 ? variants[0]!.version : { split: variants }]));
  if (m.deployment) {
    const { environment, ...sm } = m.deployment.sagemaker;
    body.deployment = { sagemaker: Object.keys(environment).length ? { ...sm, environment } : sm };
  }

  const doc = new Document(body);
  flow(doc, ["owners"]);
  flow(doc, ["tags"]);
  flow(doc, ["registry", "mlflow"]);
  for (const [stage, variants] of Object.entries(m.stages)) {
    if (variants.length === 1) quoted(doc, ["stages", stage]);
    else variants.forEach((_, i) => {
      flow(doc, ["stages", stage, "split", i]);
      quoted(doc, ["stages", stage, "split", i, "version"]);
    });
  }
  for (const key of ["autoscaling", "dataCapture", "vpc", "kms", "serverless", "environment", "rollout", "rollbackAlarms"]) flow(doc, ["deployment", "sagemaker", key]);
  if (Object.keys(m.stages).length === 0) flow(doc, ["stages"]);
  const field: Record<string, string[]> = { owners: ["owners"], task: ["task"], policy: ["policy"], description: ["description"], rollout: ["deployment", "sagemaker", "rollout"] };
  for (const p of m.placeholders) {
    const path = field[p.split(" ")[0]!];
    const node = path ? (doc.getIn(path, true) as Node | undefined) : undefined;
    // The reason may quote a registry tag: one line, printable, short (it is someone else's text).
    const why = p.slice(p.indexOf("(") + 1, -1).replace(/[^\x20-\x7e]+/g, " ").slice(0, 120);
    if (node) node.comment = ` placeholder (steward import): ${why}; write the real value`;
  }
  return `# yaml-language-server: $schema=${SCHEMA_BASE}/model.schema.json\n${doc.toString({ lineWidth: 0 })}`;
}

/** models/<model>/versions/<version>.yaml for `v`. */
export function renderVersionFile(v: VersionDraftOut): string {
  const body: Record<string, unknown> = { apiVersion: API_VERSION, kind: "ModelVersion", model: v.model, version: v.version };
  if (v.archived) body.archived = true;
  if (v.mlflow) body.mlflow = { runId: v.mlflow.runId, modelVersion: v.mlflow.modelVersion, ...(v.mlflow.artifactPath ? { artifactPath: v.mlflow.artifactPath } : {}) };
  if (v.artifact) {
    const { kind: _kind, ...rest } = v.artifact;
    body.artifact = rest;
  }
  if (v.image) body.image = v.image;
  if (v.lineage.commit) body.lineage = { commit: v.lineage.commit };
  if (Object.keys(v.environment).length) body.environment = v.environment;
  if (Object.keys(v.tags).length) body.tags = v.tags;
  if (v.notes) body.notes = v.notes;
  const doc = new Document(body);
  for (const key of ["mlflow", "artifact", "lineage", "environment", "tags"]) flow(doc, [key]);
  for (const path of [["version"], ["mlflow", "modelVersion"], ["lineage", "commit"]]) quoted(doc, path);
  return `# yaml-language-server: $schema=${SCHEMA_BASE}/model-version.schema.json\n${doc.toString({ lineWidth: 0 })}`;
}

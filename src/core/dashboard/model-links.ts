/**
 * Links from a model's dashboard page to where its facts live: the model card and DVC pointers on
 * the repository's web page, the registered model and versions in the MLflow UI. Pure; a link is
 * only made when its base URL is known (an http(s) URL), the rest is shown as text.
 */
import type { ModelSpec, ModelVersionSpec } from "../types.js";
import type { ModelLinks } from "./types.js";

export interface LinkBases {
  /** `https://github.com/<owner>/<repo>` (GITHUB_SERVER_URL + GITHUB_REPOSITORY). */
  repoUrl?: string;
  /** The commit or branch the pages are built from (GITHUB_SHA; default main). */
  ref?: string;
  /** The MLflow UI (MLFLOW_TRACKING_URI without credentials). */
  mlflowUrl?: string;
}

const web = (url: string | undefined) => (url && /^https?:\/\//i.test(url) ? url.replace(/\/+$/, "") : undefined);
/** Each path segment URL-encoded, slashes kept. */
const pathUrl = (path: string) => path.split("/").map(encodeURIComponent).join("/");

/** The links of `model` and its versions (newest first as given). */
export function modelLinks(model: ModelSpec, versions: ModelVersionSpec[], bases: LinkBases): ModelLinks {
  const repo = web(bases.repoUrl);
  const mlflow = web(bases.mlflowUrl);
  const blob = (path: string) => (repo ? `${repo}/blob/${encodeURIComponent(bases.ref ?? "main")}/${pathUrl(path)}` : undefined);
  const registered = model.registry?.mlflow?.name ?? model.name;
  const card = blob(`${model.dir}/MODEL_CARD.md`);
  return {
    ...(card ? { card } : {}),
    ...(mlflow ? { mlflow: `${mlflow}/#/models/${encodeURIComponent(registered)}` } : {}),
    versions: versions.map((v) => {
      const n = v.mlflow?.modelVersion;
      const path = v.artifact?.kind === "file" ? v.artifact.dvc : v.file;
      const url = blob(path);
      return {
        version: v.version,
        ...(mlflow && n ? { mlflow: `${mlflow}/#/models/${encodeURIComponent(registered)}/versions/${encodeURIComponent(n)}` } : {}),
        dvc: { path, ...(url ? { url } : {}) },
      };
    }),
  };
}

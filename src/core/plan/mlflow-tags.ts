/** Tag keys model-steward writes in MLflow. Everything under `steward.` is managed; other tags are left alone. */
export const TAG = {
  /** On versions: the repository's version name (how a version is found again when its number is not recorded). */
  version: "steward.version",
  /** On versions: the git commit of the version (lineage.commit, else the commit that first applied it). */
  gitCommit: "steward.git_commit",
  /** On versions: md5 of the DVC-tracked artifact. */
  dvcMd5: "steward.dvc_md5",
  /** On versions: link to the model card on GitHub. */
  modelCard: "steward.model_card",
  /** On versions: "true" once the repository archives the version. */
  archived: "steward.archived",
  /** On versions, prefix: `steward.traffic.<stage>` = weight in percent, for each variant of a weighted split. */
  trafficPrefix: "steward.traffic.",
  /** On registered models: the aliases model-steward manages, comma-separated and sorted. A managed alias the repository no longer names is deleted; others are left alone. */
  aliases: "steward.aliases",
  /** On versions: a unique id per registration attempt, to find a version whose create timed out. */
  requestId: "steward.request_id",
  /** On registered models. */
  owners: "steward.owners",
  task: "steward.task",
  policy: "steward.policy",
} as const;

/** Whether a tag key is one of model-steward's own records (`steward.*`). */
export const isStewardTag = (key: string) => key.startsWith("steward.");

/** MLflow's legacy stage for a repository stage name, or undefined when it has none. */
export function legacyStageOf(stage: string): "Staging" | "Production" | undefined {
  const s = stage.toLowerCase();
  return s === "production" ? "Production" : s === "staging" ? "Staging" : undefined;
}

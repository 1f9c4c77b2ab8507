import { stageHistory, type StageHistory, type StageSnapshot } from "../core/history/stage-history.js";
import type { GitHistory } from "../ports.js";

/**
 * Every committed version of `modelFile` (repository-relative, e.g. models/churn/model.yaml) on the
 * first-parent line of HEAD, oldest first: one snapshot per commit that changed the file, with the
 * file's text after that commit (undefined where the commit deleted it).
 */
export async function loadStageSnapshots(git: GitHistory, modelFile: string): Promise<StageSnapshot[]> {
  const commits = [...(await git.log(modelFile))].reverse();
  return Promise.all(commits.map(async (commit) => ({ commit, text: await git.show(commit.sha, modelFile) })));
}

/** The stage history of `model` from git: loadStageSnapshots, then the pure stageHistory. */
export async function loadStageHistory(git: GitHistory, model: string, modelFile = `models/${model}/model.yaml`): Promise<StageHistory> {
  return stageHistory(await loadStageSnapshots(git, modelFile), model);
}

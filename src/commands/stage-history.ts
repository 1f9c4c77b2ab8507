import { stageHistory, type StageHistory, type StageSnapshot } from "../core/history/stage-history.js";
import type { GitHistory } from "../ports.js";

/** How many `git show` calls run at once. */
const CONCURRENCY = 8;

/**
 * Every committed version of `modelFile` (repository-relative, e.g. models/churn/model.yaml) on the
 * first-parent line of `ref` (default HEAD), oldest first: one snapshot per commit that changed the file, with the
 * file's text after that commit (undefined where the commit deleted it). [] outside a repository.
 */
export async function loadStageSnapshots(git: GitHistory, modelFile: string, ref?: string): Promise<StageSnapshot[]> {
  const commits = [...(await git.log(modelFile, ref))].reverse();
  if (git.showAll && commits.length > 0) {
    const texts = await git.showAll(commits.map((c) => c.sha), modelFile);
    return commits.map((commit, i) => ({ commit, text: texts[i] }));
  }
  const snapshots: StageSnapshot[] = new Array(commits.length);
  let next = 0;
  const worker = async () => {
    while (next < commits.length) {
      const i = next++;
      snapshots[i] = { commit: commits[i]!, text: await git.show(commits[i]!.sha, modelFile) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, commits.length) }, worker));
  return snapshots;
}

/**
 * The stage history of `model` from git: loadStageSnapshots, then the pure stageHistory. This is
 * what promotion gates use to answer "since when is version V in stage S" (see firstEntered).
 */
export async function loadStageHistory(git: GitHistory, model: string, modelFile = `models/${model}/model.yaml`, ref?: string): Promise<StageHistory> {
  return stageHistory(await loadStageSnapshots(git, modelFile, ref), model);
}

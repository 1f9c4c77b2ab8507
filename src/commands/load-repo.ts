import type { Finding } from "../core/result.js";
import type { RepoState } from "../core/types.js";
import type { RepoFiles } from "../ports.js";

export interface LoadedRepo {
  state: RepoState;
  /** Every problem found while loading: YAML, schema and reference findings, positioned. */
  findings: Finding[];
}

/**
 * Reads models/, policies/ and the .dvc pointers they name through `files`, and returns the
 * normalized desired state with every finding. Invalid files are left out of `state`.
 */
export async function loadRepo(deps: { files: RepoFiles }, opts: { only?: string[] } = {}): Promise<LoadedRepo> {
  void deps;
  void opts;
  throw new Error("loadRepo: not implemented yet");
}

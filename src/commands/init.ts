import type { RepoFiles } from "../ports.js";
import { UserError } from "../core/errors.js";
import { checkModelName, starterFiles, type StarterFile } from "../core/init/starter-layout.js";

export interface InitOptions {
  /** The model to create. */
  model: string;
  /** Only the model (an existing layout), not the shared files. Default: the layout when it is not there yet. */
  modelOnly: boolean;
  /** Overwrite files that exist. */
  force: boolean;
  /** The version tag the workflows pin (`v1`). */
  ref: string;
  /** The branch merges land on (the apply workflow's trigger); default main. */
  branch?: string;
}

export interface InitResult {
  written: string[];
  /** Files that exist and were kept (no --force). */
  kept: string[];
  /** Whether the shared files (policy, workflows, editor settings) were part of it. */
  layout: boolean;
}

/** The files init would write, and which of them exist already. Reads only. */
export async function planInit(files: RepoFiles, opts: InitOptions): Promise<{ files: StarterFile[]; existing: Set<string>; layout: boolean }> {
  const problem = checkModelName(opts.model);
  if (problem) throw new UserError(`usage: --model: ${problem}`);
  const layout = !opts.modelOnly || (await files.stat("policies/default.yaml")) === undefined;
  const planned = starterFiles({ model: opts.model, ref: opts.ref, layout, ...(opts.branch ? { branch: opts.branch } : {}) });
  const existing = new Set<string>();
  for (const f of planned) if ((await files.stat(f.path)) !== undefined) existing.add(f.path);
  return { files: planned, existing, layout };
}

/**
 * `steward init`: writes the starter layout (or one more model). Never overwrites a file unless
 * `force`; a model that exists is a usage error without `force` (nothing written).
 */
export async function runInit(files: RepoFiles, opts: InitOptions): Promise<InitResult> {
  const plan = await planInit(files, opts);
  const modelFile = `models/${opts.model}/model.yaml`;
  if (plan.existing.has(modelFile) && !opts.force) throw new UserError(`${modelFile} exists: nothing written (--force overwrites it)`);
  const written: string[] = [];
  const kept: string[] = [];
  for (const f of plan.files) {
    if (plan.existing.has(f.path) && !opts.force) {
      kept.push(f.path);
      continue;
    }
    await files.write(f.path, f.text);
    written.push(f.path);
  }
  return { written, kept, layout: plan.layout };
}

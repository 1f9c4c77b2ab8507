import { parseDvcConfig } from "../core/repo/dvc-config.js";
import type { DvcRemotes } from "../core/plan/sagemaker-model-data.js";
import type { RepoFiles } from "../ports.js";

/** The DVC remotes of .dvc/config with .dvc/config.local over it (as plan and apply read them). */
export async function readDvcRemotes(files: RepoFiles): Promise<DvcRemotes> {
  const text = async (p: string) => {
    const b = await files.read(p);
    return b ? new TextDecoder().decode(b) : "";
  };
  const main = parseDvcConfig(await text(".dvc/config"));
  const local = parseDvcConfig(await text(".dvc/config.local"));
  const defaultRemote = local.defaultRemote ?? main.defaultRemote;
  return { ...(defaultRemote ? { defaultRemote } : {}), remotes: { ...main.remotes, ...local.remotes } };
}

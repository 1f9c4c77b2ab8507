/**
 * Where SageMaker finds a version's model artifact: the object DVC stored for the version's
 * artifact pointer in the DVC remote (DVC 3 layout `<remote>/files/md5/<2 hex>/<30 hex>`).
 */
import type { DvcRef, RepoState } from "../types.js";

/** The DVC remotes of `.dvc/config`: the default remote's name and each remote's URL. */
export interface DvcRemotes {
  defaultRemote?: string;
  remotes: Record<string, string>;
}

export type ModelDataResult = { ok: true; url: string } | { ok: false; reason: string };

/** `<remoteUrl>/files/md5/<md5[0..2]>/<md5[2..]>` (DVC 3 layout). The md5 must be 32 hex characters. */
export function dvc3ObjectUrl(remoteUrl: string, md5: string): string {
  const base = remoteUrl.replace(/\/+$/, "");
  return `${base}/files/md5/${md5.slice(0, 2)}/${md5.slice(2)}`;
}

/**
 * The S3 URL of the artifact `ref` points at. Fails (with a reason for a person) when the pointer
 * is not loaded, names a directory (SageMaker wants one model.tar.gz), has no valid md5, or its
 * remote is unknown or not on S3.
 */
export function modelDataUrl(ref: DvcRef, pointers: RepoState["pointers"], remotes: DvcRemotes): ModelDataResult {
  let md5: string;
  let remoteName: string | undefined;
  if (ref.kind === "file") {
    const out = pointers.get(ref.dvc)?.outs[0];
    if (!out) return { ok: false, reason: `DVC pointer ${ref.dvc} is missing or has no outs` };
    if (out.isDir) return { ok: false, reason: `DVC pointer ${ref.dvc} names a directory; SageMaker needs one archive (model.tar.gz)` };
    md5 = out.md5;
    remoteName = out.remote;
  } else {
    md5 = ref.md5;
    remoteName = ref.remote;
  }
  if (!/^[0-9a-f]{32}$/.test(md5)) return { ok: false, reason: `artifact md5 "${md5}" is not 32 hex characters` };
  const name = remoteName ?? remotes.defaultRemote;
  if (!name) {
    const what = ref.kind === "file" ? `the artifact ${ref.dvc}` : `the inline artifact ${ref.path}`;
    const none = Object.keys(remotes.remotes).length === 0;
    return {
      ok: false,
      reason: `no DVC remote for ${what}: SageMaker needs its S3 URL, read from the DVC remote. ${none ? "There is no remote in .dvc/config (is the file there?): add" : "Name a default remote in .dvc/config ([core] remote), or add"} one on S3 with \`dvc remote add -d storage s3://BUCKET/PREFIX\` and commit .dvc/config`,
    };
  }
  const url = remotes.remotes[name];
  if (!url) return { ok: false, reason: `DVC remote "${name}" is not defined in .dvc/config` };
  if (!url.startsWith("s3://")) return { ok: false, reason: `DVC remote "${name}" (${url}) is not on S3; SageMaker reads model data from S3` };
  return { ok: true, url: dvc3ObjectUrl(url, md5) };
}

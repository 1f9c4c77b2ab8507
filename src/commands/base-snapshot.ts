import { createHash } from "node:crypto";
import { InternalError } from "../core/errors.js";
import type { FileStat, RepoFiles, Scm, TreeEntry } from "../ports.js";

/** The git blob sha of some bytes: what a tree entry names its content by. */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/**
 * The files of a branch as they are now on the remote, read-only: the head commit's tree through the
 * API, each file's content taken from `local` when the local file has the same blob sha (nothing to
 * download) and read through the API otherwise. `sha` is the commit read, to build on. Symlinks are
 * listed but never followed (resolve answers undefined), as the filesystem reader refuses them too.
 */
export async function baseSnapshot(scm: Pick<Scm, "readTree" | "readBlob">, base: string, local?: RepoFiles): Promise<{ sha: string; files: RepoFiles; downloaded: () => number }> {
  const { sha, entries } = await scm.readTree(base);
  const cache = new Map<string, Promise<Uint8Array>>();
  let downloaded = 0;
  const content = async (path: string, e: TreeEntry): Promise<Uint8Array> => {
    if (!cache.has(path)) {
      cache.set(path, (async () => {
        const mine = await local?.read(path).catch(() => undefined);
        if (mine && gitBlobSha(mine) === e.sha) return mine;
        downloaded++;
        return scm.readBlob(e.sha);
      })());
    }
    return cache.get(path)!;
  };
  const isFile = (e: TreeEntry | undefined): e is TreeEntry => e !== undefined && e.mode !== "120000";
  const isDir = (path: string) => [...entries.keys()].some((p) => p.startsWith(`${path.replace(/\/+$/, "")}/`));
  const files: RepoFiles = {
    async list(dir) {
      const prefix = dir === "" || dir === "." ? "" : `${dir.replace(/\/+$/, "")}/`;
      return [...entries.keys()].filter((p) => p.startsWith(prefix) && isFile(entries.get(p))).sort();
    },
    async read(path) {
      const e = entries.get(path);
      return isFile(e) ? content(path, e) : undefined;
    },
    async stat(path): Promise<FileStat | undefined> {
      const e = entries.get(path);
      if (e) return { kind: e.mode === "120000" ? "symlink" : "file", size: e.size ?? (await content(path, e)).length };
      return isDir(path) ? { kind: "dir", size: 0 } : undefined;
    },
    async resolve(path) {
      const e = entries.get(path);
      if (e) return isFile(e) ? path : undefined;
      return isDir(path) ? path : undefined;
    },
    async write() {
      throw new InternalError("the base snapshot is read-only");
    },
  };
  return { sha, files, downloaded: () => downloaded };
}

import { lstat, mkdir, readdir, realpath, rename, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { redactKnown } from "../output/redaction.js";
import type { FileStat, RepoFiles } from "../../ports.js";
import { isInside, readInside, readLimit, realFolder, UnsafeFileError } from "./read-inside.js";

const SKIP = new Set([".git", "node_modules"]);

/**
 * RepoFiles over a folder on disk. Paths are repository-relative with forward slashes. Every read
 * goes through `readInside`: symlinks leading outside the root, non-regular files and files over
 * `maxBytes` (default: the configured read limit, 10 MiB) are refused with an UnsafeFileError;
 * a write whose folder resolves outside the root is refused the same way.
 */
export function fsRepoFiles(root: string, opts: { maxBytes?: number } = {}): RepoFiles {
  const base = resolve(root);
  let realRootCache: string | undefined;
  const realRoot = () => (realRootCache ??= realFolder(base));
  const abs = (p: string) => join(base, ...p.split("/"));
  const rel = (p: string) => relative(base, p).split(sep).join("/");

  async function walk(dir: string, out: string[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT" || (err as NodeJS.ErrnoException).code === "ENOTDIR") return;
      throw err;
    }
    for (const e of entries) {
      if (SKIP.has(e.name)) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p, out);
      else if (e.isFile() || e.isSymbolicLink()) out.push(rel(p));
    }
  }

  return {
    location: base,
    async list(dir) {
      const out: string[] = [];
      await walk(abs(dir), out);
      return out.sort();
    },
    async read(path) {
      // Governed files are small and local: synchronous calls cost a few microseconds, while the
      // promise API's open/stat/read/close round trips through the thread pool dominated validation
      // of large repositories.
      return readInside(realRoot(), abs(path), path, opts.maxBytes ?? readLimit());
    },
    async stat(path): Promise<FileStat | undefined> {
      try {
        const s = await lstat(abs(path));
        const kind = s.isSymbolicLink() ? "symlink" : s.isFile() ? "file" : s.isDirectory() ? "dir" : "other";
        return { kind, size: s.size };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT" || (err as NodeJS.ErrnoException).code === "ENOTDIR") return undefined;
        throw err;
      }
    },
    async resolve(path) {
      let real: string;
      let realBase: string;
      try {
        [real, realBase] = await Promise.all([realpath(abs(path)), realpath(base)]);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT" || (err as NodeJS.ErrnoException).code === "ENOTDIR") return undefined;
        throw err;
      }
      const r = relative(realBase, real);
      if (r.startsWith("..") || resolve(realBase, r) !== real) return "outside";
      return r.split(sep).join("/");
    },
    async write(path, text) {
      const target = abs(path);
      // A folder that is a symlink out of the root would carry the write outside it.
      if (!isInside(realRoot(), realFolder(dirname(target)))) throw new UnsafeFileError(path, "outside", "refused to write: its folder is a symlink that leads outside the repository");
      await mkdir(dirname(target), { recursive: true });
      const tmp = `${target}.steward-${process.pid}.tmp`;
      await writeFile(tmp, redactKnown(text));
      await rename(tmp, target);
    },
  };
}

import { readFileSync } from "node:fs";
import { lstat, mkdir, readdir, realpath, rename, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { FileStat, RepoFiles } from "../../ports.js";

const SKIP = new Set([".git", "node_modules"]);

/** RepoFiles over a folder on disk. Paths are repository-relative with forward slashes. */
export function fsRepoFiles(root: string): RepoFiles {
  const base = resolve(root);
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
    async list(dir) {
      const out: string[] = [];
      await walk(abs(dir), out);
      return out.sort();
    },
    async read(path) {
      // Governed files are small and local: a synchronous read costs a few microseconds, while the
      // promise API's open/stat/read/close round trips through the thread pool dominated validation
      // of large repositories.
      try {
        return readFileSync(abs(path));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR") return undefined;
        throw err;
      }
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
      await mkdir(dirname(target), { recursive: true });
      const tmp = `${target}.steward-${process.pid}.tmp`;
      await writeFile(tmp, text);
      await rename(tmp, target);
    },
  };
}

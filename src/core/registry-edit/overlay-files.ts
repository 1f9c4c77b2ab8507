import type { FileStat, RepoFiles } from "../../ports.js";
import { InternalError } from "../errors.js";

/**
 * `files` as it would be with `changes` written: reads, listings and stats see the new texts,
 * nothing is written. Lets a command run the loader on a change before making it. `write` is
 * refused (the overlay is for reading).
 */
export function overlayFiles(files: RepoFiles, changes: Readonly<Record<string, string>>): RepoFiles {
  const encoder = new TextEncoder();
  const under = (dir: string, path: string) => dir === "" || dir === "." || path.startsWith(`${dir.replace(/\/+$/, "")}/`);
  return {
    async list(dir) {
      const listed = new Set(await files.list(dir));
      for (const path of Object.keys(changes)) if (under(dir, path)) listed.add(path);
      return [...listed].sort();
    },
    async read(path) {
      return path in changes ? encoder.encode(changes[path]!) : files.read(path);
    },
    async stat(path): Promise<FileStat | undefined> {
      return path in changes ? { kind: "file", size: encoder.encode(changes[path]!).length } : files.stat(path);
    },
    async resolve(path) {
      return path in changes ? path : files.resolve(path);
    },
    async write() {
      throw new InternalError("overlayFiles is read-only");
    },
  };
}

import type { DvcPointer } from "../types.js";

/** A `.dvc` document that passed schemas/dvc.schema.json, as a DvcPointer. */
export function toDvcPointer(file: string, doc: object): DvcPointer {
  const outs = (doc as { outs: Array<Record<string, unknown>> }).outs;
  return {
    file,
    outs: outs.map((o) => ({
      md5: String(o.md5),
      path: String(o.path),
      isDir: String(o.md5).endsWith(".dir"),
      ...(typeof o.size === "number" ? { size: o.size } : {}),
      ...(typeof o.nfiles === "number" ? { nfiles: o.nfiles } : {}),
      ...(typeof o.hash === "string" ? { hash: o.hash } : {}),
      ...(typeof o.remote === "string" ? { remote: o.remote } : {}),
    })),
  };
}

/**
 * Why a repository-relative path in a pointer reference is unsafe, or undefined when it is fine:
 * absolute paths, `..` segments, backslashes and empty segments are refused before any file is read.
 */
export function unsafeRepoPath(path: string): string | undefined {
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) return "is absolute; use a path relative to the repository root";
  if (path.includes("\\")) return "contains a backslash; use forward slashes";
  const parts = path.split("/");
  if (parts.includes("..")) return "leaves the repository (`..`)";
  if (parts.some((p) => p === "" || p === ".")) return "has an empty or `.` segment";
  return undefined;
}

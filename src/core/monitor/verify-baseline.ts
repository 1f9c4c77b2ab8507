import { createHash } from "node:crypto";
import type { DvcOut } from "../types.js";

/**
 * The data file a `.dvc` pointer's output names, repository-relative: the out's `path` is relative to
 * the folder of the `.dvc` file (`data/fraud/x.csv.dvc` + `x.csv` -> `data/fraud/x.csv`).
 */
export function pointedDataPath(pointerFile: string, out: Pick<DvcOut, "path">): string {
  const slash = pointerFile.lastIndexOf("/");
  const parts = [...(slash < 0 ? [] : pointerFile.slice(0, slash).split("/")), ...out.path.split("/")];
  const kept: string[] = [];
  for (const p of parts) {
    if (p === "" || p === ".") continue;
    if (p === "..") kept.pop();
    else kept.push(p);
  }
  return kept.join("/");
}

/**
 * Checks a baseline file's bytes against its pointer, as `dvc pull` would leave them: the MD5 of
 * the bytes (DVC's md5 of a single file) and, when the pointer records it, the size. Returns why the
 * file cannot be used (missing, folder pointer, size or md5 mismatch), or undefined when it matches.
 */
export function verifyBaseline(out: Pick<DvcOut, "md5" | "size" | "isDir">, bytes: Uint8Array | undefined): string | undefined {
  if (out.isDir) return "the pointer names a folder; a drift baseline must be one CSV file";
  if (bytes === undefined) return "the file is missing";
  if (out.size !== undefined && bytes.byteLength !== out.size) return `size ${bytes.byteLength} bytes, the pointer says ${out.size}`;
  const md5 = createHash("md5").update(bytes).digest("hex");
  if (md5 !== out.md5) return `md5 ${md5}, the pointer says ${out.md5}`;
  return undefined;
}

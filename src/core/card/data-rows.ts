import type { DvcPointer, DvcRef, ModelVersionSpec } from "../types.js";
import { formatBytes } from "./format.js";
import { codeCell, mdCell } from "../text/markdown.js";

/** One row of the data table, every field escaped for a table cell. */
export interface DataRow {
  version: string;
  role: string;
  pointer: string;
  path: string;
  md5: string;
  size: string;
  files: string;
}

/**
 * The artifact and the data sets of each version, as table rows: the `.dvc` file (or "inline"), the
 * tracked path, md5, size and file count. A `.dvc` file that is not in `pointers` shows as missing.
 */
export function dataRows(versions: ModelVersionSpec[], pointers: Map<string, DvcPointer>): DataRow[] {
  const rows: DataRow[] = [];
  for (const v of versions) {
    const refs: [string, DvcRef][] = [...(v.artifact ? [["artifact", v.artifact] as [string, DvcRef]] : []), ...Object.keys(v.data).sort().map((k) => [k, v.data[k]!] as [string, DvcRef])];
    for (const [role, ref] of refs) rows.push(...refRows(v.version, role, ref, pointers));
  }
  return rows;
}

function refRows(version: string, role: string, ref: DvcRef, pointers: Map<string, DvcPointer>): DataRow[] {
  const base = { version: codeCell(version), role: mdCell(role) };
  if (ref.kind === "inline") {
    return [{ ...base, pointer: "inline", path: codeCell(ref.path), md5: codeCell(ref.md5), size: sizeCell(ref.size), files: count(ref.nfiles) }];
  }
  const p = pointers.get(ref.dvc);
  if (!p || p.outs.length === 0) return [{ ...base, pointer: codeCell(ref.dvc), path: "⚠️ pointer missing or invalid", md5: "—", size: "—", files: "—" }];
  return p.outs.map((o) => ({ ...base, pointer: codeCell(ref.dvc), path: codeCell(o.path), md5: codeCell(o.md5), size: sizeCell(o.size), files: count(o.nfiles) }));
}

function sizeCell(size: number | undefined): string {
  return size === undefined ? "—" : formatBytes(size);
}

function count(n: number | undefined): string {
  return n === undefined ? "—" : String(n);
}

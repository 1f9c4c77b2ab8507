import type { DvcRef, RepoState } from "../../types.js";
import type { PendingFinding } from "../check-file.js";
import { unsafeRepoPath } from "../dvc-pointer.js";
import { error, type Rule } from "./context.js";

/** A `.dvc` path some spec refers to, and where the reference is written. */
export interface PointerReference {
  file: string;
  pointer: string;
  path: string;
}

/** Every `.dvc` file reference in the state: artifacts, data, drift baselines. */
export function pointerReferences(state: Pick<RepoState, "versions" | "policies">): PointerReference[] {
  const refs: PointerReference[] = [];
  const add = (file: string, pointer: string, ref: DvcRef | undefined) => {
    if (ref?.kind === "file") refs.push({ file, pointer, path: ref.dvc });
  };
  for (const v of state.versions) {
    add(v.file, "/artifact/dvc", v.artifact);
    for (const [k, ref] of Object.entries(v.data)) add(v.file, `/data/${k}/dvc`, ref);
  }
  for (const p of state.policies) add(p.file, "/monitoring/drift/baseline/dvc", p.monitoring.drift?.baseline);
  return refs;
}

const EXPLAIN: Record<string, (path: string) => string> = {
  missing: (p) => `DVC pointer ${p} does not exist`,
  outside: (p) => `DVC pointer ${p} resolves outside the repository (through a symlink)`,
  "not-a-file": (p) => `DVC pointer ${p} is not a regular file`,
  invalid: (p) => `DVC pointer ${p} is invalid (see its errors)`,
};

/** Pointer paths stay inside the repository, exist, and parse. */
export const pointersResolve: Rule = ({ state, pointerStatus }) => {
  const out: PendingFinding[] = [];
  for (const ref of pointerReferences(state)) {
    const unsafe = unsafeRepoPath(ref.path);
    if (unsafe) {
      out.push(error(ref.file, "pointer-path", ref.pointer, `DVC pointer path "${ref.path}" ${unsafe}`));
      continue;
    }
    const status = pointerStatus.get(ref.path) ?? "missing";
    const code = status === "invalid" ? "invalid-pointer" : status === "outside" ? "pointer-outside" : "missing-pointer";
    if (status !== "ok") out.push(error(ref.file, code, ref.pointer, EXPLAIN[status]!(ref.path)));
  }
  return out;
};

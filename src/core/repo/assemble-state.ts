import type { Finding } from "../result.js";
import type { RepoState } from "../types.js";
import type { FileCheck, PendingFinding } from "./check-file.js";
import { indexPositions } from "./parse-yaml.js";

/** The desired state from the files that passed their own checks, and the set of those that did not. */
export function assembleState(checks: FileCheck[]): { state: RepoState; invalidFiles: Set<string> } {
  const state: RepoState = { models: [], versions: [], policies: [], pointers: new Map() };
  const invalidFiles = new Set<string>();
  for (const c of checks) {
    if (c.findings.some((f) => f.severity === "error")) invalidFiles.add(c.file);
    const p = c.parsed;
    if (!p) continue;
    if (p.kind === "Model") state.models.push(p.spec);
    else if (p.kind === "ModelVersion") state.versions.push(p.spec);
    else if (p.kind === "Policy") state.policies.push(p.spec);
    else state.pointers.set(p.spec.file, p.spec);
  }
  return { state, invalidFiles };
}

/**
 * Gives every finding a line and column. Findings from the parser already have one; the others
 * carry a JSON pointer, resolved against the file's text with the position-keeping parser. Only
 * files with findings pay for that second parse.
 */
export function positionFindings(findings: PendingFinding[], textOf: (file: string) => string | undefined): Finding[] {
  const indexes = new Map<string, ReturnType<typeof indexPositions> | null>();
  return findings.map(({ atKey, ...f }) => {
    if (f.line !== undefined) return f;
    let index = indexes.get(f.file);
    if (index === undefined) {
      const text = textOf(f.file);
      index = text === undefined ? null : indexPositions(text);
      indexes.set(f.file, index);
    }
    if (!index) return f;
    const pos = index.locate(f.path, { key: atKey ?? false });
    return { ...f, line: pos.line, column: pos.column };
  });
}

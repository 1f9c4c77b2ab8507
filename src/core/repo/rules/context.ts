import type { RepoState } from "../../types.js";
import type { PendingFinding } from "../check-file.js";

/** What a reference rule may know about pointer files: gathered by the command, never read here. */
export type PointerStatus = "ok" | "missing" | "outside" | "not-a-file" | "invalid";

export interface RuleContext {
  state: RepoState;
  /** Status of every `.dvc` path that some spec refers to. */
  pointerStatus: ReadonlyMap<string, PointerStatus>;
  /** Governed files that exist but failed to parse or validate (so rules do not pile on). */
  invalidFiles: ReadonlySet<string>;
  /** Governed files that exist but were left unread (out of a pull request's scope): references into them are not judged. */
  unread?: ReadonlySet<string>;
}

export type Rule = (ctx: RuleContext) => PendingFinding[];

export const error = (file: string, code: string, path: string, message: string): PendingFinding => ({ file, path, code, message, severity: "error" });
export const warning = (file: string, code: string, path: string, message: string): PendingFinding => ({ file, path, code, message, severity: "warning" });

import { assembleState, positionFindings } from "../core/repo/assemble-state.js";
import { checkFile, type FileCheck, type PendingFinding } from "../core/repo/check-file.js";
import { pointerReferences, runRules, type PointerStatus } from "../core/repo/rules/index.js";
import { unsafeRepoPath } from "../core/repo/dvc-pointer.js";
import { sortFindings, type Finding } from "../core/result.js";
import type { RepoState } from "../core/types.js";
import type { RepoFiles } from "../ports.js";
import { mapLimit } from "../core/map-limit.js";
import { UserError } from "../core/errors.js";
import { refuseLimitFindings } from "../core/repo/document-limits.js";

export interface LoadedRepo {
  state: RepoState;
  /** Every problem found while loading: YAML, schema and reference findings, positioned and sorted. */
  findings: Finding[];
  /** How many governed files were read. */
  fileCount: number;
}

/** Checks many files; the default reads and checks them in this thread. A parallel checker may be injected. */
export type FileChecker = (files: RepoFiles, paths: string[]) => Promise<{ checks: FileCheck[]; texts: Map<string, string> }>;

/** Files read at once: enough to keep the disk busy, far below the open-file limit. */
const READ_CONCURRENCY = 32;

export const sequentialChecker: FileChecker = async (files, paths) => {
  const checks: FileCheck[] = [];
  const texts = new Map<string, string>();
  const decoder = new TextDecoder();
  await mapLimit(paths, READ_CONCURRENCY, async (p) => {
    const bytes = await files.read(p);
    if (!bytes) return;
    const c = checkFile(p, bytes);
    checks.push(c);
    if (c.findings.length) texts.set(p, decoder.decode(bytes));
  });
  return { checks, texts };
};

/**
 * Reads models/, policies/ and the .dvc pointers they name through `files`, and returns the
 * normalized desired state with every finding. Invalid files are left out of `state`. Throws
 * InputLimitError (exit 2, file:line) when a file nests too deep or is an alias bomb.
 * `only` narrows which governed files are read (a pull request's scope); pointers are read as referenced.
 */
export async function loadRepo(deps: { files: RepoFiles; checker?: FileChecker }, opts: { only?: (path: string) => boolean } = {}): Promise<LoadedRepo> {
  const { files } = deps;
  const all = [...(await files.list("models")), ...(await files.list("policies"))].filter((p) => /\.ya?ml$/.test(p));
  // A wrong or empty --root must not pass as "0 files, all valid".
  if (all.length === 0) {
    throw new UserError(
      `no model-steward files under ${files.location ?? "the repository root"}: expected models/<model>/model.yaml, models/<model>/versions/<version>.yaml and policies/<name>.yaml (apiVersion: steward/v1). Pass --root DIR, or start a layout with \`steward init\``,
    );
  }
  const paths = opts.only ? all.filter(opts.only) : all;
  const { checks, texts } = await (deps.checker ?? sequentialChecker)(files, paths);
  checks.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const { state, invalidFiles } = assembleState(checks);
  const pending: PendingFinding[] = checks.flatMap((c) => c.findings);

  const pointerStatus = new Map<string, PointerStatus>();
  const pointerTexts = new Map<string, string>();
  const refs = [...new Set(pointerReferences(state).map((r) => r.path))].filter((p) => !unsafeRepoPath(p));
  await mapLimit(refs, READ_CONCURRENCY, async (path) => {
      const status = await statPointer(files, path);
      if (status !== "ok") return void pointerStatus.set(path, status);
      const bytes = (await files.read(path))!;
      const c = checkFile(path, bytes);
      pending.push(...c.findings);
      if (c.parsed?.kind === "DvcPointer") state.pointers.set(path, c.parsed.spec);
      if (c.findings.length) pointerTexts.set(path, new TextDecoder().decode(bytes));
      pointerStatus.set(path, c.findings.some((f) => f.severity === "error") ? "invalid" : "ok");
  });

  const read = new Set(paths);
  const unread = new Set(all.filter((p) => !read.has(p)));
  pending.push(...runRules({ state, pointerStatus, invalidFiles, unread }));
  const textOf = await textLookup(files, texts, pending, pointerTexts);
  const findings = sortFindings(positionFindings(pending, textOf));
  // A file too deep to parse, or an alias bomb, refuses the input: exit 2 in every command, not a finding.
  refuseLimitFindings(findings);
  return { state, findings, fileCount: paths.length };
}

async function statPointer(files: RepoFiles, path: string): Promise<PointerStatus> {
  const real = await files.resolve(path);
  if (real === undefined) return "missing";
  if (real === "outside") return "outside";
  const stat = await files.stat(real);
  return stat?.kind === "file" ? "ok" : "not-a-file";
}

/** Texts of every file that has an unpositioned finding: those the checker kept, the rest read again. */
async function textLookup(files: RepoFiles, kept: Map<string, string>, pending: PendingFinding[], extra: Map<string, string>): Promise<(file: string) => string | undefined> {
  const need = [...new Set(pending.filter((f) => f.line === undefined && !kept.has(f.file) && !extra.has(f.file)).map((f) => f.file))];
  const decoder = new TextDecoder();
  const loaded = new Map(
    await mapLimit(need, READ_CONCURRENCY, async (f) => {
      const bytes = await files.read(f);
      return [f, bytes ? decoder.decode(bytes) : undefined] as const;
    }),
  );
  return (f) => kept.get(f) ?? extra.get(f) ?? loaded.get(f);
}

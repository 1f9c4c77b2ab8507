/**
 * The apply action's write-back pull request: the MLflow version numbers apply assigned, recorded as
 * `mlflow.modelVersion` in the version files of the base branch as it is on the remote now (read
 * through the API), the model cards re-rendered in the same commit, committed with the commit read
 * as parent (proposeFromBase). The numbers of an earlier write-back pull request that is still open
 * are carried over, since the branch is rebuilt from the base each time.
 */
import { stewardMarker, WRITE_BACK_BRANCH, writeBackLabels } from "../core/github-conventions.js";
import { recordedModelVersion, recordModelVersion } from "../core/plan/mlflow-write-back.js";
import { code, codeCell } from "../core/text/markdown.js";
import type { GitHistory, Logger, PullRequestRef, RepoFiles, Scm, TreeEntry } from "../ports.js";
import { gitBlobSha } from "./base-snapshot.js";
import { proposeFromBaseIfChanged } from "./propose-from-base.js";

export interface AssignedVersion {
  /** The version file, repository-relative. */
  file: string;
  /** The MLflow version number. */
  version: string;
  /** The registered model's name in MLflow. */
  name: string;
  /** The version's label in the repository. */
  stewardVersion: string;
}

export interface WriteBackDeps {
  scm: Scm;
  /** The local checkout: files identical to the base's are read from here instead of the API. */
  files?: RepoFiles;
  /** History for the re-rendered cards. */
  git?: GitHistory;
  logger: Logger;
}

export interface WriteBackOutcome {
  /** undefined when nothing needed recording (every number already on the base). */
  pullRequest?: PullRequestRef;
  /** Numbers the pull request records, carried-over ones included. */
  recorded: { file: string; version: string; carried: boolean }[];
  /** Numbers that could not be recorded, with why (the caller reports them; never silently dropped). */
  skipped: { file: string; version: string; reason: string }[];
  warnings: string[];
}

export const WRITE_BACK_MARKER = stewardMarker("write-back");
const VERSION_FILE = /^models\/([^/]+)\/versions\/[^/]+\.ya?ml$/;
const decoder = new TextDecoder();

/**
 * Proposes (or updates) the one write-back pull request on `base`. A version file missing on the
 * base, or one that cannot hold the number, is skipped with its reason; a number already recorded
 * on the base (by a person or a merged write-back) is left as it is. Throws what the Scm throws.
 */
export async function proposeWriteBack(deps: WriteBackDeps, opts: { assigned: AssignedVersion[]; base: string; commit?: string }): Promise<WriteBackOutcome> {
  const open = await openWriteBack(deps.scm);
  const recorded: WriteBackOutcome["recorded"] = [];
  const skipped: WriteBackOutcome["skipped"] = [];
  const edit = async (files: RepoFiles): Promise<Record<string, string>> => {
    const wanted = new Map<string, { file: string; version: string; carried: boolean }>();
    for (const c of await carriedNumbers(deps.scm, open?.entries, files)) wanted.set(c.file, { ...c, carried: true });
    for (const a of opts.assigned) wanted.set(a.file, { file: a.file, version: a.version, carried: false });
    const out: Record<string, string> = {};
    for (const w of wanted.values()) {
      const bytes = await files.read(w.file);
      if (!bytes) { skipped.push({ file: w.file, version: w.version, reason: `${w.file} is not on ${opts.base}` }); continue; }
      const text = decoder.decode(bytes);
      const onBase = recordedModelVersion(text);
      if (onBase !== undefined && onBase !== w.version) { skipped.push({ file: w.file, version: w.version, reason: `${w.file} on ${opts.base} already records MLflow version ${onBase}` }); continue; }
      const r = recordModelVersion(text, w.version);
      if (!r.ok) { skipped.push({ file: w.file, version: w.version, reason: `${w.file}: ${r.reason}` }); continue; }
      if (!r.changed) continue;
      out[w.file] = r.text;
      recorded.push(w);
    }
    return out;
  };
  const proposed = await proposeFromBaseIfChanged(deps, {
    branch: WRITE_BACK_BRANCH,
    base: opts.base,
    title: "Record the MLflow version numbers assigned by apply",
    body: "",
    labels: writeBackLabels(),
    commitMessage: "Record MLflow model version numbers",
    cards: (edited) => [...new Set(Object.keys(edited).map((f) => VERSION_FILE.exec(f)?.[1]).filter((m): m is string => m !== undefined))].sort(),
    bodyFor: () => writeBackBody(opts.assigned, recorded, opts.commit),
    edit,
  });
  if (!proposed && open) deps.logger.warn(`the open write-back pull request #${open.pr.number} records nothing ${opts.base} lacks now; left for a person to close`);
  return { ...(proposed ? { pullRequest: proposed.pullRequest } : {}), recorded, skipped, warnings: proposed?.warnings ?? [] };
}

/** The open write-back pull request and its branch's tree, or undefined. */
async function openWriteBack(scm: Scm): Promise<{ pr: PullRequestRef; entries: Map<string, TreeEntry> } | undefined> {
  const pr = await scm.findPullRequest(WRITE_BACK_BRANCH);
  if (!pr || pr.state !== "open") return undefined;
  const { entries } = await scm.readTree(WRITE_BACK_BRANCH);
  return { pr, entries };
}

/** The numbers the open pull request's branch records in version files that differ from the base's. */
async function carriedNumbers(scm: Scm, entries: Map<string, TreeEntry> | undefined, base: RepoFiles): Promise<{ file: string; version: string }[]> {
  if (!entries) return [];
  const out: { file: string; version: string }[] = [];
  for (const [file, e] of entries) {
    if (!VERSION_FILE.test(file)) continue;
    const onBase = await base.read(file);
    if (!onBase || gitBlobSha(onBase) === e.sha) continue;
    const version = recordedModelVersion(decoder.decode(await scm.readBlob(e.sha)));
    if (version !== undefined && recordedModelVersion(decoder.decode(onBase)) === undefined) out.push({ file, version });
  }
  return out;
}

function writeBackBody(assigned: AssignedVersion[], recorded: WriteBackOutcome["recorded"], commit: string | undefined): string {
  const byFile = new Map(assigned.map((a) => [a.file, a]));
  const rows = recorded.map((r) => {
    const a = byFile.get(r.file);
    return `| ${codeCell(r.file)} | ${codeCell(a?.name)} | ${codeCell(a?.stewardVersion)} | ${codeCell(r.version)} |${r.carried ? " carried over from the previous run of this pull request |" : " |"}`;
  });
  return [
    `\`steward apply\`${commit ? ` at ${code(commit.slice(0, 12))}` : ""} registered versions in MLflow. Merging records their numbers as \`mlflow.modelVersion\`, so later applies find them by number; the model cards are re-rendered in the same commit.`,
    "",
    "| version file | MLflow model | version | MLflow version | |",
    "|---|---|---|---:|---|",
    ...rows,
    "",
    WRITE_BACK_MARKER,
  ].join("\n");
}

/**
 * `steward codeowners`: the CODEOWNERS section from the models' owners, checked (`--check`: is the
 * committed file up to date?) or written (`--write`: only the marked section changes).
 */
import { CODEOWNERS_PATHS, codeownersSection, withCodeownersSection } from "../core/codeowners/codeowners-section.js";
import { UserError } from "../core/errors.js";
import type { Finding } from "../core/result.js";
import { unifiedDiff } from "../core/text/line-diff.js";
import type { RepoFiles } from "../ports.js";
import { loadRepo } from "./load-repo.js";

export interface CodeownersReport {
  /** The CODEOWNERS file, repository-relative (the one GitHub would use, else .github/CODEOWNERS). */
  file: string;
  /** fresh: the file holds the section as generated; stale: it differs (see diff); written: --write changed it; missing: no file (with --check). */
  status: "fresh" | "stale" | "written" | "missing";
  section: string;
  /** From the file as it is to the file as it should be, when stale or missing. */
  diff?: string;
  /** Repository errors: the section is not generated from a repository that does not load. */
  findings: Finding[];
}

/** Throws UserError when the repository has errors, or when the file's markers are broken. */
export async function codeowners(files: RepoFiles, opts: { mode: "check" | "write" | "print" }): Promise<CodeownersReport> {
  const { state, findings } = await loadRepo({ files });
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length) throw new UserError(`the repository has ${errors.length} error(s) (run \`steward validate\`): CODEOWNERS is generated only from a valid repository`);
  let section: string;
  try {
    section = codeownersSection(state.models.map((m) => ({ model: m.name, dir: m.dir, owners: m.owners })));
  } catch (err) {
    throw new UserError((err as Error).message);
  }
  let file: string = CODEOWNERS_PATHS[0];
  let current: string | undefined;
  for (const p of CODEOWNERS_PATHS) {
    const bytes = await files.read(p);
    if (bytes) { file = p; current = new TextDecoder().decode(bytes); break; }
  }
  let wanted: string;
  try {
    wanted = withCodeownersSection(current ?? "", section);
  } catch (err) {
    throw new UserError(`${file}: ${(err as Error).message}`);
  }
  if (current === wanted) return { file, status: "fresh", section, findings };
  const diff = unifiedDiff(current ?? "", wanted, { from: current === undefined ? "/dev/null" : `a/${file}`, to: `b/${file}` });
  if (opts.mode === "write") {
    await files.write(file, wanted);
    return { file, status: "written", section, diff, findings };
  }
  return { file, status: current === undefined ? "missing" : "stale", section, diff, findings };
}

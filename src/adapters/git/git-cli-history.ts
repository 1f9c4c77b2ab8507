import { execFile } from "node:child_process";
import { ExternalError } from "../../core/errors.js";
import type { CommitInfo, GitHistory } from "../../ports.js";

const SEP = "\u001f";
const FORMAT = ["%H", "%an", "%ae", "%cI", "%s"].join(SEP);

function git(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("git", args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: "utf8" }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? ((err as { code: number }).code) : 128) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function parseCommits(out: string): CommitInfo[] {
  return out
    .split("\n")
    .filter((l) => l.includes(SEP))
    .map((l) => {
      const [sha, author, email, date, subject] = l.split(SEP);
      return { sha: sha!, author: author!, email: email!, date: new Date(date!), subject: subject ?? "" };
    });
}

/** GitHistory through the git command line, run in `root`. */
export function gitCliHistory(root: string): GitHistory {
  return {
    async resolve(ref) {
      const r = await git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
      return r.code === 0 ? r.stdout.trim() : undefined;
    },
    async show(ref, path) {
      const r = await git(root, ["show", `${ref}:${path}`]);
      return r.code === 0 ? r.stdout : undefined;
    },
    async changedFiles(ref) {
      const base = await git(root, ["merge-base", ref, "HEAD"]);
      const from = base.code === 0 ? base.stdout.trim() : ref;
      const [diff, untracked] = await Promise.all([
        git(root, ["diff", "--name-only", "--no-renames", "-z", from]),
        git(root, ["ls-files", "--others", "--exclude-standard", "-z"]),
      ]);
      if (diff.code !== 0) throw new ExternalError("git", undefined, `git diff against ${ref} failed: ${diff.stderr.trim()}`);
      const names = [...diff.stdout.split("\0"), ...untracked.stdout.split("\0")].filter(Boolean);
      return [...new Set(names)].sort();
    },
    async log(path, ref = "HEAD") {
      const r = await git(root, ["log", "--first-parent", `--format=${FORMAT}`, ref, "--", path]);
      return r.code === 0 ? parseCommits(r.stdout) : [];
    },
    async fetch(sha) {
      // Only a full sha: anything else could be read by git as an option.
      if (!/^[0-9a-f]{40}$/.test(sha)) return false;
      if ((await git(root, ["cat-file", "-e", `${sha}^{commit}`])).code === 0) return true;
      return (await git(root, ["fetch", "--quiet", "--no-tags", "origin", sha])).code === 0;
    },
    async head() {
      const r = await git(root, ["log", "-1", `--format=${FORMAT}`]);
      return r.code === 0 ? parseCommits(r.stdout)[0] : undefined;
    },
  };
}
